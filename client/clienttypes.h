// Value types of the chat client (any thread): plain copyable data, no QObject, no pointers.
#pragma once

#include "chatevent.h"
#include "serverendpoint.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// One event of the chat as the client shows it (docs/PROTOCOL.md, "Server to client").
struct ChatEntry
{
    using Kind = Protocol::EventKind;

    qint64 id = 0;
    qint64 timestampMs = 0; // UTC milliseconds since the epoch
    Kind kind = Kind::Message;
    QString username;
    QString text; // message or announcement text; the reason of a kick
    QString cid; // set only on the acknowledgement of one of our own messages
    bool own = false; // written by the user this client is connected as
    bool fromOperator = false; // the operator's message or join (`operator: true`)
};

// A message the user wrote that the server has not acknowledged yet.
struct OutgoingMessage
{
    QString cid;
    QString text;
    qint64 createdMs = 0;
};

namespace ClientProtocol {
// Parses a frame or history object into an entry (Protocol::eventFromJson); false when it is
// not a chat event, or one of a conversation this client does not show (a room other than
// general, a DM).
bool entryFromJson(const QJsonObject &object, ChatEntry *entry);
} // namespace ClientProtocol

Q_DECLARE_METATYPE(ChatEntry)
Q_DECLARE_METATYPE(OutgoingMessage)
