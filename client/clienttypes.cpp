#include "clienttypes.h"

#include <QDateTime>
#include <QJsonObject>

using namespace Qt::StringLiterals;

QString ServerEndpoint::authority() const
{
    const QString hostPart
        = host.contains(u':') && !host.startsWith(u'[') ? u'[' + host + u']' : host;
    return hostPart + u':' + QString::number(port);
}

namespace ClientProtocol {

bool entryFromJson(const QJsonObject &object, ChatEntry *entry)
{
    const QString type = object.value("type"_L1).toString();
    ChatEntry result;
    if (type == "message"_L1)
        result.kind = ChatEntry::Kind::Message;
    else if (type == "announcement"_L1)
        result.kind = ChatEntry::Kind::Announcement;
    else if (type == "join"_L1)
        result.kind = ChatEntry::Kind::Join;
    else if (type == "leave"_L1)
        result.kind
            = object.value("kicked"_L1).toBool() ? ChatEntry::Kind::Kick : ChatEntry::Kind::Leave;
    else
        return false;
    result.id = object.value("id"_L1).toInteger();
    if (result.id <= 0)
        return false;
    result.username = object.value("username"_L1).toString();
    result.text = result.kind == ChatEntry::Kind::Kick ? object.value("reason"_L1).toString()
                                                       : object.value("text"_L1).toString();
    result.cid = object.value("cid"_L1).toString();
    const QDateTime ts = QDateTime::fromString(object.value("ts"_L1).toString(), Qt::ISODateWithMs);
    result.timestampMs
        = ts.isValid() ? ts.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    *entry = result;
    return true;
}

QString usernameKey(const QString &username)
{
    return username.trimmed().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

} // namespace ClientProtocol
