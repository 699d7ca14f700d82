// Any thread (a value type). One event of the chat: what the server stores and broadcasts and
// what the client reads back from frames and history pages (docs/PROTOCOL.md, "Server to
// client"). Plain copyable data: no QObject, no pointers.
#pragma once

#include "protocolconstants.h"

#include <QMetaType>
#include <QString>

namespace Protocol {
// The kinds of events; on the wire a kick is a `leave` with `"kicked": true`. A topic event says
// that a room's topic was set (its text is the topic).
enum class EventKind : quint8 { Message, Join, Leave, Kick, Announcement, Topic };
} // namespace Protocol

struct ChatEvent
{
    using Kind = Protocol::EventKind;

    qint64 id = 0; // assigned by the store on commit; 0 until then
    qint64 timestampMs = 0; // UTC milliseconds since the epoch
    Kind kind = Kind::Message;
    QString username;
    QString text; // message or announcement text; the reason of a kick
    // A message the operator wrote (in the console under a name of their choice, or in the
    // host's own chat), or the join of the operator's own chat client.
    bool fromOperator = false;
    // The conversation: a room's name, or for a direct message (DM) an empty room and the
    // addressee's username in `to`. Not on the wire of protocol version 1.
    QString room = Protocol::defaultRoom();
    QString to;
    bool isDirect() const { return !to.isEmpty(); }
};

Q_DECLARE_METATYPE(ChatEvent)
