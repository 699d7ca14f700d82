// Fuzzes Protocol::parseClientFrame, the validation of every text frame a chat client sends.
#include "fuzzcheck.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QStringDecoder>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

bool hasForbiddenControl(const QString &text)
{
    for (const QChar c : text) {
        if (c != u'\n' && c != u'\t'
            && (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f)))
            return true;
    }
    return false;
}

// Stored and read back, the text is what was sent: no unpaired surrogate, no noncharacter.
bool survivesStorage(const QString &text)
{
    if (!text.isValidUtf16())
        return false;
    for (const uint ucs : text.toUcs4()) {
        if ((ucs >= 0xfdd0 && ucs <= 0xfdef) || (ucs & 0xfffe) == 0xfffe)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr int MaxTextLength = Protocol::Limits::MaxTextLength;
    static const QString key = UsernameRules::comparisonKey(u"Alice"_s);
    using namespace Protocol::Error;
    static const QStringList codes
        = {InvalidJson, NotObject,  MissingType,      UnknownType, InvalidText,   EmptyText,
           TextTooLong, InvalidCid, UsernameMismatch, InvalidRoom, InvalidTarget, TopicTooLong};

    const QString frame = Fuzz::decode(data, size);
    const Protocol::ParsedFrame parsed = Protocol::parseClientFrame(frame, key, MaxTextLength);

    FUZZ_CHECK(parsed.cid.size() <= Protocol::Limits::MaxCidLength);
    // Whatever goes back to the client or into the history is valid Unicode.
    FUZZ_CHECK(parsed.cid.isEmpty() || survivesStorage(parsed.cid));
    FUZZ_CHECK(parsed.errorMessage.isValidUtf16());
    using Protocol::Request;
    if (parsed.isValid()) {
        // A conversation is a room of valid name, or a user, never both (never neither, for the
        // requests that name one).
        FUZZ_CHECK(parsed.room.isEmpty() != parsed.to.isEmpty());
        FUZZ_CHECK(parsed.room.isEmpty() || Protocol::isValidRoomName(parsed.room));
        FUZZ_CHECK(parsed.to.isEmpty()
                   || (parsed.to.size() <= Protocol::Limits::MaxUsernameLength
                       && parsed.to.isValidUtf16() && parsed.to == parsed.to.trimmed()));
        FUZZ_CHECK(survivesStorage(parsed.topic));
        FUZZ_CHECK(parsed.topic.size() <= Protocol::Limits::MaxTopicLength);
        FUZZ_CHECK(!parsed.topic.contains(u'\n') && !hasForbiddenControl(parsed.topic));
        if (parsed.request != Request::Message) {
            FUZZ_CHECK(parsed.message.text.isEmpty());
            FUZZ_CHECK(parsed.request == Request::Typing || !parsed.room.isEmpty());
            return 0;
        }
        FUZZ_CHECK(survivesStorage(parsed.message.text));
        const QString trimmed = parsed.message.text.trimmed();
        FUZZ_CHECK(!trimmed.isEmpty());
        FUZZ_CHECK(trimmed.size() <= MaxTextLength);
        FUZZ_CHECK(!hasForbiddenControl(parsed.message.text));
        FUZZ_CHECK(parsed.message.cid == parsed.cid);
        FUZZ_CHECK(parsed.errorMessage.isEmpty());
    } else {
        FUZZ_CHECK(codes.contains(parsed.errorCode));
        FUZZ_CHECK(!parsed.errorMessage.isEmpty());
        FUZZ_CHECK(parsed.message.text.isEmpty());
    }
    // The refusal goes back to the client: building it must work for any frame.
    const QByteArray reply
        = Protocol::errorFrame(parsed.errorCode, parsed.errorMessage, parsed.cid);
    FUZZ_CHECK(!reply.isEmpty());
    QStringDecoder strict(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString replyText = strict.decode(reply);
    FUZZ_CHECK(!strict.hasError() && replyText.isValidUtf16());
    return 0;
}
