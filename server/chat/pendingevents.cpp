#include "pendingevents.h"

#include "usernamerules.h"

namespace PendingEvents {

namespace {
PendingEvent make(ChatEvent::Kind kind, const QString &username, const QString &usernameKey,
                  const QString &text, qint64 nowMs)
{
    PendingEvent pending;
    pending.event.kind = kind;
    pending.event.timestampMs = nowMs;
    pending.event.username = username;
    pending.event.text = text;
    pending.userKey = usernameKey;
    return pending;
}
} // namespace

PendingEvent join(const QString &username, const QString &usernameKey, bool fromOperator,
                  qint64 nowMs)
{
    PendingEvent pending = make(ChatEvent::Kind::Join, username, usernameKey, {}, nowMs);
    pending.event.fromOperator = fromOperator;
    return pending;
}

PendingEvent departure(const QString &username, bool kicked, const QString &reason, qint64 nowMs)
{
    return make(kicked ? ChatEvent::Kind::Kick : ChatEvent::Kind::Leave, username,
                UsernameRules::comparisonKey(username), kicked ? reason : QString(), nowMs);
}

PendingEvent message(ClientId sender, const ClientInfo &author, const QString &usernameKey,
                     const QString &text, const QString &cid, qint64 nowMs)
{
    PendingEvent pending
        = make(ChatEvent::Kind::Message, author.username, usernameKey, text, nowMs);
    pending.event.fromOperator = author.isOperator;
    pending.sender = sender;
    pending.cid = cid;
    return pending;
}

PendingEvent topic(ClientId sender, const ClientInfo &author, const QString &usernameKey,
                   const QString &room, const QString &topic, const QString &cid, qint64 nowMs)
{
    PendingEvent pending = make(ChatEvent::Kind::Topic, author.username, usernameKey, topic, nowMs);
    pending.event.room = room;
    pending.sender = sender;
    pending.cid = cid;
    return pending;
}

PendingEvent announcement(const QString &operatorName, const QString &text, qint64 nowMs)
{
    return make(ChatEvent::Kind::Announcement, operatorName,
                UsernameRules::comparisonKey(operatorName), text, nowMs);
}

PendingEvent operatorMessage(const QString &author, const QString &text, qint64 nowMs)
{
    const QString username = author.left(UsernameRules::MaxLength);
    PendingEvent pending = make(ChatEvent::Kind::Message, username,
                                UsernameRules::comparisonKey(username), text, nowMs);
    pending.event.fromOperator = true;
    return pending;
}

} // namespace PendingEvents
