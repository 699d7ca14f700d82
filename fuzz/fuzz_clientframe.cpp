// Fuzzes Protocol::parseClientFrame, the validation of every text frame a chat client sends.
#include "fuzzcheck.h"
#include "protocol.h"
#include "usernamerules.h"

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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr int MaxTextLength = 5000;
    static const QString key = UsernameRules::comparisonKey(u"Alice"_s);
    static const QStringList codes
        = {u"invalid_json"_s,  u"not_object"_s,   u"missing_type"_s,
           u"unknown_type"_s,  u"invalid_text"_s, u"empty_text"_s,
           u"text_too_long"_s, u"invalid_cid"_s,  u"username_mismatch"_s};

    const QString frame = Fuzz::decode(data, size);
    const Protocol::ParsedFrame parsed = Protocol::parseClientFrame(frame, key, MaxTextLength);

    FUZZ_CHECK(parsed.cid.size() <= Protocol::MaxCidLength);
    if (parsed.isValid()) {
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
    FUZZ_CHECK(!Protocol::errorFrame(parsed.errorCode, parsed.errorMessage, parsed.cid).isEmpty());
    return 0;
}
