#include "protocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Protocol {

namespace {

// The end of the times QDateTime formats as ISO 8601 with a four-digit year.
constexpr qint64 FirstOfYear10000 = 253'402'300'800'000;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

QString timestampText(qint64 msecsSinceEpoch)
{
    // QDateTime formatting was a tenth of the cost of building an event frame; events come many
    // per second, so the date and time up to the second are formatted once per second (per
    // thread: the HTTP export also formats on a pool thread) and the milliseconds appended.
    if (msecsSinceEpoch < 0 || msecsSinceEpoch >= FirstOfYear10000)
        return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
    thread_local qint64 cachedSecond = -1;
    thread_local QString cachedPrefix; // "yyyy-MM-ddTHH:mm:ss."
    const qint64 second = msecsSinceEpoch / 1000;
    if (second != cachedSecond) {
        cachedPrefix
            = QDateTime::fromSecsSinceEpoch(second, Qt::UTC).toString(u"yyyy-MM-dd'T'HH:mm:ss."_s);
        cachedSecond = second;
    }
    const int millis = int(msecsSinceEpoch % 1000);
    QString text = cachedPrefix;
    text.reserve(cachedPrefix.size() + 4);
    text += QChar(u'0' + millis / 100);
    text += QChar(u'0' + millis / 10 % 10);
    text += QChar(u'0' + millis % 10);
    text += u'Z';
    return text;
}

QJsonObject eventToJson(const ChatEvent &event)
{
    QJsonObject object;
    object.insert("id"_L1, event.id);
    object.insert("username"_L1, event.username);
    object.insert("ts"_L1, timestampText(event.timestampMs));
    // Every event names its conversation: a DM its addressee, anything else its room.
    if (event.isDirect())
        object.insert("to"_L1, event.to);
    else
        object.insert("room"_L1, event.room.isEmpty() ? defaultRoom() : event.room);
    switch (event.kind) {
    case ChatEvent::Kind::Message:
        object.insert("type"_L1, "message"_L1);
        object.insert("text"_L1, event.text);
        if (event.fromOperator)
            object.insert("operator"_L1, true);
        break;
    case ChatEvent::Kind::Announcement:
        object.insert("type"_L1, "announcement"_L1);
        object.insert("text"_L1, event.text);
        break;
    case ChatEvent::Kind::Join:
        object.insert("type"_L1, "join"_L1);
        if (event.fromOperator)
            object.insert("operator"_L1, true);
        break;
    case ChatEvent::Kind::Leave:
        object.insert("type"_L1, "leave"_L1);
        break;
    case ChatEvent::Kind::Kick:
        object.insert("type"_L1, "leave"_L1);
        object.insert("kicked"_L1, true);
        object.insert("reason"_L1, event.text);
        break;
    case ChatEvent::Kind::Topic:
        object.insert("type"_L1, FrameType::Topic);
        object.insert("topic"_L1, event.text);
        break;
    }
    return object;
}

QByteArray eventFrame(const ChatEvent &event, const QString &cid, bool duplicate)
{
    QJsonObject object = eventToJson(event);
    if (!cid.isEmpty())
        object.insert("cid"_L1, cid);
    if (duplicate)
        object.insert("duplicate"_L1, true);
    return compact(object);
}

std::pair<QByteArray, QByteArray> eventFrameAndAck(const ChatEvent &event, const QString &cid)
{
    QJsonObject object = eventToJson(event);
    const QByteArray frame = compact(object);
    if (cid.isEmpty())
        return {frame, frame};
    object.insert("cid"_L1, cid);
    return {frame, compact(object)};
}

QByteArray welcomeFrame(const QString &username, const QStringList &users, qint64 lastId,
                        int maxTextLength, int maxFrameBytes, const QStringList &operators,
                        const QString &session, bool registered)
{
    return welcomeFrame(username, compact(QJsonArray::fromStringList(users)), lastId, maxTextLength,
                        maxFrameBytes, operators, session, registered);
}

QByteArray welcomeFrame(const QString &username, const QByteArray &usersJson, qint64 lastId,
                        int maxTextLength, int maxFrameBytes, const QStringList &operators,
                        const QString &session, bool registered)
{
    QJsonObject welcome {
        {"type"_L1, "welcome"_L1},
        {"protocol"_L1, Version},
        {"username"_L1, username},
        {"lastId"_L1, lastId},
        {"server"_L1,
         QJsonObject {{"name"_L1, "LanChat"_L1}, {"version"_L1, LANCHAT_VERSION ""_L1}}},
        {"limits"_L1,
         QJsonObject {{"maxTextLength"_L1, maxTextLength}, {"maxFrameBytes"_L1, maxFrameBytes}}},
        {"operators"_L1, QJsonArray::fromStringList(operators)},
        {"registered"_L1, registered},
    };
    if (!session.isEmpty())
        welcome.insert("session"_L1, session);
    QByteArray frame = compact(welcome);
    // The object's compact form ends with '}': the serialised array becomes its last member.
    Q_ASSERT(frame.endsWith('}'));
    frame.chop(1);
    frame.reserve(frame.size() + usersJson.size() + 10);
    frame += ",\"users\":";
    frame += usersJson;
    frame += '}';
    return frame;
}

QJsonObject roomToJson(const RoomState &room)
{
    QJsonObject object {{"room"_L1, room.room},
                        {"topic"_L1, room.topic},
                        {"locked"_L1, room.locked},
                        {"lastId"_L1, room.lastId}};
    if (!room.members.isEmpty())
        object.insert("members"_L1, QJsonArray::fromStringList(room.members));
    return object;
}

QByteArray roomJoinedFrame(const RoomState &room)
{
    QJsonObject object = roomToJson(room);
    object.insert("type"_L1, FrameType::RoomJoined);
    object.insert("members"_L1, QJsonArray::fromStringList(room.members));
    return compact(object);
}

QByteArray roomDeletedFrame(const QString &room)
{
    return compact({{"type"_L1, FrameType::RoomDeleted}, {"room"_L1, room}});
}

QByteArray roomUpdatedFrame(const QString &room, bool locked)
{
    return compact({{"type"_L1, FrameType::RoomUpdated}, {"room"_L1, room}, {"locked"_L1, locked}});
}

QByteArray withConversations(const QByteArray &welcome, const QJsonArray &rooms,
                             const QJsonArray &directs)
{
    Q_ASSERT(welcome.endsWith('}'));
    QByteArray frame = welcome.chopped(1);
    frame += ",\"rooms\":";
    frame += compact(rooms);
    frame += ",\"directs\":";
    frame += compact(directs);
    frame += '}';
    return frame;
}

QByteArray typingFrame(const QString &room, const QString &to, const QString &username)
{
    QJsonObject object {{"type"_L1, FrameType::Typing}, {"username"_L1, username}};
    if (to.isEmpty())
        object.insert("room"_L1, room);
    else
        object.insert("to"_L1, to);
    return compact(object);
}

QByteArray jsonString(const QString &text)
{
    const QByteArray array = compact(QJsonArray {text}); // ["…"]
    return array.mid(1, array.size() - 2);
}

QByteArray errorFrame(const QString &code, const QString &message, const QString &cid)
{
    QJsonObject object {{"type"_L1, "error"_L1}, {"code"_L1, code}, {"message"_L1, message}};
    if (!cid.isEmpty())
        object.insert("cid"_L1, cid);
    return compact(object);
}

QByteArray errorFrame(const QString &code, const QString &message, const Sanction &sanction,
                      const QString &cid)
{
    QJsonObject object {{"type"_L1, "error"_L1},
                        {"code"_L1, code},
                        {"message"_L1, message},
                        {"reason"_L1, sanction.reason}};
    if (!sanction.isPermanent())
        object.insert("until"_L1, sanction.untilMs);
    if (!cid.isEmpty())
        object.insert("cid"_L1, cid);
    return compact(object);
}

QByteArray kickedFrame(const QString &reason)
{
    return compact({{"type"_L1, "kicked"_L1}, {"reason"_L1, reason}});
}

QByteArray unmutedFrame()
{
    return compact(QJsonObject {{"type"_L1, FrameType::Unmuted}});
}

QByteArray messageFrame(const QString &text, const QString &cid)
{
    return compact({{"type"_L1, "message"_L1}, {"text"_L1, text}, {"cid"_L1, cid}});
}

QByteArray messageFrame(const QString &text, const QString &cid, const QString &room,
                        const QString &to)
{
    QJsonObject frame {{"type"_L1, FrameType::Message}, {"text"_L1, text}, {"cid"_L1, cid}};
    if (!to.isEmpty())
        frame.insert("to"_L1, to);
    else if (!room.isEmpty() && room != DefaultRoom)
        frame.insert("room"_L1, room);
    return compact(frame);
}

QByteArray roomRequestFrame(QLatin1String type, const QString &room)
{
    return compact({{"type"_L1, type}, {"room"_L1, room}});
}

QByteArray topicRequestFrame(const QString &room, const QString &topic)
{
    return compact({{"type"_L1, FrameType::Topic}, {"room"_L1, room}, {"topic"_L1, topic}});
}

QByteArray typingRequestFrame(const QString &room, const QString &to)
{
    QJsonObject frame {{"type"_L1, FrameType::Typing}};
    if (!to.isEmpty())
        frame.insert("to"_L1, to);
    else
        frame.insert("room"_L1, room);
    return compact(frame);
}

bool eventFromJson(const QJsonObject &object, ChatEvent *event, QString *cid)
{
    const QString type = object.value("type"_L1).toString();
    ChatEvent result;
    if (type == "message"_L1)
        result.kind = EventKind::Message;
    else if (type == "announcement"_L1)
        result.kind = EventKind::Announcement;
    else if (type == "join"_L1)
        result.kind = EventKind::Join;
    else if (type == "leave"_L1)
        result.kind = object.value("kicked"_L1).toBool() ? EventKind::Kick : EventKind::Leave;
    else if (type == FrameType::Topic)
        result.kind = EventKind::Topic;
    else
        return false;
    result.id = object.value("id"_L1).toInteger();
    if (result.id <= 0)
        return false;
    result.username = object.value("username"_L1).toString();
    result.text = result.kind == EventKind::Kick    ? object.value("reason"_L1).toString()
                  : result.kind == EventKind::Topic ? object.value("topic"_L1).toString()
                                                    : object.value("text"_L1).toString();
    // A server before rooms names no conversation: everything was general's.
    result.to = object.value("to"_L1).toString();
    if (!result.to.isEmpty())
        result.room.clear();
    else if (const QString room = object.value("room"_L1).toString(); !room.isEmpty())
        result.room = room;
    result.fromOperator = object.value("operator"_L1).toBool();
    const QDateTime ts = QDateTime::fromString(object.value("ts"_L1).toString(), Qt::ISODateWithMs);
    result.timestampMs
        = ts.isValid() ? ts.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    if (cid)
        *cid = object.value("cid"_L1).toString();
    *event = result;
    return true;
}

std::optional<Sanction> sanctionFromJson(const QJsonObject &errorFrame)
{
    const QJsonValue reason = errorFrame.value("reason"_L1);
    const QJsonValue until = errorFrame.value("until"_L1);
    if (!reason.isString())
        return std::nullopt;
    Sanction sanction;
    sanction.reason = reason.toString();
    if (!until.isUndefined()) {
        // A whole number of milliseconds within four-digit years.
        const double ms = until.toDouble(-1);
        if (!until.isDouble() || ms <= 0 || ms >= double(FirstOfYear10000)
            || ms != double(qint64(ms)))
            return std::nullopt;
        sanction.untilMs = qint64(ms);
    }
    return sanction;
}

QByteArray textFrame(const QByteArray &payload)
{
    QByteArray frame;
    const qsizetype size = payload.size();
    frame.reserve(size + 10);
    frame.append(char(0x81)); // FIN + text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char((size >> 8) & 0xff));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

} // namespace Protocol
