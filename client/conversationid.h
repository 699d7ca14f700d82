// Any thread (a value type). Which conversation something belongs to (docs/PROTOCOL.md, "Rooms
// and direct messages"): a room by its name, or a direct message (DM) conversation by the other
// user's name. DM partners compare by their username's comparison key, as the server does.
#pragma once

#include "protocolconstants.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

struct ConversationId
{
    enum class Kind : quint8 { Room, Direct };

    Kind kind = Kind::Room;
    QString name = Protocol::defaultRoom(); // the room, or the DM partner as last seen

    static ConversationId room(const QString &name) { return {Kind::Room, name}; }
    static ConversationId direct(const QString &username) { return {Kind::Direct, username}; }
    static ConversationId general() { return {}; }

    bool isDirect() const { return kind == Kind::Direct; }
    bool isGeneral() const { return kind == Kind::Room && name == Protocol::DefaultRoom; }
    // Equal for the same conversation: "#dev" for a room, "@" and the comparison key for a DM.
    QString key() const;
    // The history API's query for this conversation: "room=dev" or "with=bob" (encoded).
    QString historyQuery() const;

    friend bool operator==(const ConversationId &a, const ConversationId &b)
    {
        return a.key() == b.key();
    }
    friend bool operator!=(const ConversationId &a, const ConversationId &b) { return !(a == b); }
};

inline size_t qHash(const ConversationId &id, size_t seed = 0)
{
    return qHash(id.key(), seed);
}

Q_DECLARE_METATYPE(ConversationId)
