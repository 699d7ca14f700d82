// Value types of the chat client (any thread): plain copyable data, no QObject, no pointers.
#pragma once

#include "chatevent.h"
#include "conversationid.h"
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
    // Where it was said: a room, or the DM conversation with the other user (for one's own DM,
    // its addressee; for someone else's, its sender).
    ConversationId conversation;
};

// A message the user wrote that the server has not acknowledged yet.
struct OutgoingMessage
{
    QString cid;
    QString text;
    qint64 createdMs = 0;
    ConversationId target; // where it goes: general unless the user chose another
};

namespace ClientProtocol {
// Parses a frame or history object into an entry (Protocol::eventFromJson); false when it is
// not a chat event. ownKey, the comparison key of the user's name, tells whose a DM is: `own`
// and the conversation (the addressee of one's own DM, the sender of anyone else's) follow it.
bool entryFromJson(const QJsonObject &object, ChatEntry *entry, const QString &ownKey);
} // namespace ClientProtocol

Q_DECLARE_METATYPE(ChatEntry)
Q_DECLARE_METATYPE(OutgoingMessage)
