#include "clienttypes.h"

#include "protocol.h"

namespace ClientProtocol {

bool entryFromJson(const QJsonObject &object, ChatEntry *entry)
{
    ChatEvent event;
    QString cid;
    if (!Protocol::eventFromJson(object, &event, &cid))
        return false;
    // The client shows general only (one timeline): other rooms' events and DMs are not its.
    if (event.isDirect() || event.room != Protocol::DefaultRoom)
        return false;
    ChatEntry result;
    result.id = event.id;
    result.timestampMs = event.timestampMs;
    result.kind = event.kind;
    result.username = event.username;
    result.text = event.text;
    result.cid = cid;
    result.fromOperator = event.fromOperator;
    *entry = result;
    return true;
}

} // namespace ClientProtocol
