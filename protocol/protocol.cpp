#include "protocol.h"

#include "usernamerules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Protocol {

namespace {

// The end of the times QDateTime formats as ISO 8601 with a four-digit year.
constexpr qint64 FirstOfYear10000 = 253'402'300'800'000;

ParsedFrame refuse(const QString &code, const QString &message, const QString &cid = {})
{
    ParsedFrame result;
    result.errorCode = code;
    result.errorMessage = message;
    result.cid = cid;
    return result;
}

bool hasForbiddenControl(const QString &text)
{
    for (const QChar c : text) {
        if (c == u'\n' || c == u'\t')
            continue;
        // C0, DEL and C1 controls; carriage returns are refused too, newlines are "\n" only.
        if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
            return true;
    }
    return false;
}

// Text that survives storage unchanged: no unpaired surrogates (SQLite would store "x\ud800y"
// as "x" U+10079) and no noncharacters (U+FFFE and U+FFFF come back from it as U+FFFD). JSON's
// \u escapes reach both; neither is a character anyone can type.
bool isStorableText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t ucs = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ucs = QChar::surrogateToUcs4(c, text.at(++i));
        else if (c.isSurrogate())
            return false;
        if (QChar::isNonCharacter(ucs))
            return false;
    }
    return true;
}

// A peer's string quoted back to it: at most `length` code units without cutting a surrogate
// pair, and only when it is valid UTF-16.
QString quoted(const QString &text, qsizetype length)
{
    if (!text.isValidUtf16())
        return u"(invalid)"_s;
    QString prefix = text.left(length);
    if (!prefix.isEmpty() && prefix.back().isHighSurrogate())
        prefix.chop(1);
    return prefix;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

ParsedFrame parseClientFrame(const QString &frame, const QString &usernameKey, int maxTextLength)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt's parser accepts only objects and arrays at the top level; a valid scalar (42,
        // "text", null) is still valid JSON, just not an object.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + frame.toUtf8() + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return refuse(Error::NotObject, u"The frame must be a JSON object."_s);
        return refuse(Error::InvalidJson,
                      u"The frame is not valid JSON: %1."_s.arg(parseError.errorString()));
    }
    if (!document.isObject())
        return refuse(Error::NotObject, u"The frame must be a JSON object."_s);

    const QJsonObject object = document.object();
    QString cid;
    const QJsonValue cidValue = object.value("cid"_L1);
    if (!cidValue.isUndefined()) {
        if (!cidValue.isString() || cidValue.toString().isEmpty()
            || cidValue.toString().size() > Limits::MaxCidLength
            || !isStorableText(cidValue.toString()))
            return refuse(Error::InvalidCid,
                          u"cid must be a string of 1 to %1 characters, with no unpaired "
                          u"surrogates or noncharacters."_s.arg(Limits::MaxCidLength));
        cid = cidValue.toString();
    }

    const QJsonValue type = object.value("type"_L1);
    // The seed's shape, {"username": …, "text": …} without a type, is a message.
    const bool seedShape = type.isUndefined() && object.contains("username"_L1);
    if (!type.isString() && !seedShape)
        return refuse(Error::MissingType, u"The frame has no string member \"type\"."_s, cid);
    if (!seedShape && type.toString() != "message"_L1)
        return refuse(Error::UnknownType,
                      u"Unknown frame type \"%1\"."_s.arg(quoted(type.toString(), 64)), cid);

    const QJsonValue username = object.value("username"_L1);
    if (!username.isUndefined()
        && (!username.isString() || !username.toString().isValidUtf16()
            || UsernameRules::comparisonKey(username.toString().trimmed()) != usernameKey))
        return refuse(Error::UsernameMismatch,
                      u"The username in the frame is not the one you connected with."_s, cid);

    const QJsonValue textValue = object.value("text"_L1);
    if (!textValue.isString())
        return refuse(Error::InvalidText, u"The frame needs a string member \"text\"."_s, cid);
    const QString text = textValue.toString();
    if (text.trimmed().isEmpty())
        return refuse(Error::EmptyText, u"The message is empty."_s, cid);
    if (text.trimmed().size() > maxTextLength)
        return refuse(Error::TextTooLong,
                      u"The message is longer than %1 characters."_s.arg(maxTextLength), cid);
    if (hasForbiddenControl(text))
        return refuse(Error::InvalidText,
                      u"The message contains control characters (only newline and tab are "
                      u"allowed)."_s,
                      cid);
    if (!isStorableText(text))
        return refuse(Error::InvalidText,
                      u"The message is not valid Unicode: it contains an unpaired surrogate "
                      u"(\\ud800 to \\udfff) or a noncharacter (such as \\uffff)."_s,
                      cid);

    ParsedFrame result;
    result.message.text = text;
    result.message.cid = cid;
    result.cid = cid;
    return result;
}

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
        // Stored only, not sent, until rooms are on the wire (protocol version 2's rooms).
        object.insert("type"_L1, "topic"_L1);
        object.insert("text"_L1, event.text);
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
    else
        return false;
    result.id = object.value("id"_L1).toInteger();
    if (result.id <= 0)
        return false;
    result.username = object.value("username"_L1).toString();
    result.text = result.kind == EventKind::Kick ? object.value("reason"_L1).toString()
                                                 : object.value("text"_L1).toString();
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
