#include "clienttypes.h"

#include "protocol.h"
#include "usernamerules.h"

namespace ClientProtocol {

bool entryFromJson(const QJsonObject &object, ChatEntry *entry, const QString &ownKey)
{
    ChatEvent event;
    QString cid;
    if (!Protocol::eventFromJson(object, &event, &cid))
        return false;
    ChatEntry result;
    result.id = event.id;
    result.timestampMs = event.timestampMs;
    result.kind = event.kind;
    result.username = event.username;
    result.text = event.text;
    result.cid = cid;
    result.fromOperator = event.fromOperator;
    result.own
        = !ownKey.isEmpty() && UsernameRules::comparisonKey(event.username.trimmed()) == ownKey;
    result.conversation = !event.isDirect() ? ConversationId::room(event.room)
                          : result.own      ? ConversationId::direct(event.to)
                                            : ConversationId::direct(event.username);
    *entry = result;
    return true;
}

} // namespace ClientProtocol
