#include "clientframe.h"

#include "usernamerules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Protocol {

namespace {

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

QString roomNameRule();

// Where a message or typing goes: `room` (general when absent) or `to`, never both.
ParsedFrame parseTarget(const QJsonObject &object, const QString &cid)
{
    const QJsonValue room = object.value("room"_L1);
    const QJsonValue to = object.value("to"_L1);
    if (!room.isUndefined() && !to.isUndefined())
        return refuse(Error::InvalidTarget,
                      u"A frame goes to a room or to a user (\"to\"), not both."_s, cid);
    ParsedFrame result;
    result.cid = cid;
    if (!to.isUndefined()) {
        if (!to.isString() || to.toString().trimmed().isEmpty()
            || to.toString().size() > Limits::MaxUsernameLength || !to.toString().isValidUtf16())
            return refuse(Error::InvalidTarget,
                          u"\"to\" must be a username of 1 to %1 characters."_s.arg(
                              Limits::MaxUsernameLength),
                          cid);
        result.room.clear();
        result.to = to.toString().trimmed();
        return result;
    }
    if (room.isUndefined()) {
        result.room = defaultRoom();
        return result;
    }
    if (!room.isString() || !isValidRoomName(room.toString()))
        return refuse(Error::InvalidRoom, roomNameRule(), cid);
    result.room = room.toString();
    return result;
}

ParsedFrame parseRoomRequest(const QJsonObject &object, const QString &type, const QString &cid)
{
    const QJsonValue room = object.value("room"_L1);
    if (object.contains("to"_L1))
        return refuse(Error::InvalidTarget, u"\"%1\" names a room, not a user."_s.arg(type), cid);
    if (!room.isString() || !isValidRoomName(room.toString()))
        return refuse(Error::InvalidRoom, roomNameRule(), cid);
    ParsedFrame result;
    result.cid = cid;
    result.room = room.toString();
    if (type == FrameType::JoinRoom) {
        result.request = Request::JoinRoom;
        return result;
    }
    if (type == FrameType::LeaveRoom) {
        result.request = Request::LeaveRoom;
        return result;
    }
    result.request = Request::Topic;
    const QJsonValue topic = object.value("topic"_L1);
    if (!topic.isString())
        return refuse(Error::InvalidText, u"The frame needs a string member \"topic\"."_s, cid);
    result.topic = topic.toString().trimmed();
    if (result.topic.size() > Limits::MaxTopicLength)
        return refuse(Error::TopicTooLong,
                      u"The topic is longer than %1 characters."_s.arg(Limits::MaxTopicLength),
                      cid);
    if (hasForbiddenControl(result.topic) || result.topic.contains(u'\n')
        || !isStorableText(result.topic))
        return refuse(Error::InvalidText,
                      u"The topic contains control characters or is not valid Unicode."_s, cid);
    return result;
}

ParsedFrame parseMessage(const QJsonObject &object, const QString &usernameKey, int maxTextLength,
                         const QString &cid)
{
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

    ParsedFrame result = parseTarget(object, cid);
    if (!result.isValid())
        return result;
    result.request = Request::Message;
    result.message.text = text;
    result.message.cid = cid;
    return result;
}

QString roomNameRule()
{
    return u"A room's name is 1 to %1 characters: lower-case letters a-z, digits, - and _."_s.arg(
        Limits::MaxRoomNameLength);
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
    const QString typeName = type.toString();
    if (seedShape || typeName == FrameType::Message)
        return parseMessage(object, usernameKey, maxTextLength, cid);
    if (typeName == FrameType::JoinRoom || typeName == FrameType::LeaveRoom
        || typeName == FrameType::Topic)
        return parseRoomRequest(object, typeName, cid);
    if (typeName == FrameType::Typing) {
        ParsedFrame result = parseTarget(object, cid);
        result.request = Request::Typing;
        return result;
    }
    return refuse(Error::UnknownType, u"Unknown frame type \"%1\"."_s.arg(quoted(typeName, 64)),
                  cid);
}

} // namespace Protocol
