// Fuzzes username validation and normalisation (UsernameRules, docs/PROTOCOL.md "Usernames").
#include "fuzzcheck.h"
#include "usernamerules.h"

#include <QChar>
#include <QStringList>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QStringList reserved = {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s};

    const QString raw = Fuzz::decode(data, size);
    const UsernameRules::Verdict verdict = UsernameRules::check(raw);

    if (verdict.isValid()) {
        const QString &name = verdict.username;
        FUZZ_CHECK(!name.isEmpty());
        FUZZ_CHECK(name == raw.trimmed());
        FUZZ_CHECK(name == name.trimmed());
        FUZZ_CHECK(verdict.key == UsernameRules::comparisonKey(name));
        FUZZ_CHECK(!reserved.contains(verdict.key));
        FUZZ_CHECK(name.isValidUtf16());
        const QList<uint> codePoints = name.toUcs4();
        FUZZ_CHECK(codePoints.size() <= UsernameRules::MaxLength);
        for (const uint ucs : codePoints) {
            const QChar::Category category = QChar::category(char32_t(ucs));
            FUZZ_CHECK(category != QChar::Other_Control);
            FUZZ_CHECK(category != QChar::Other_Format);
            FUZZ_CHECK(category != QChar::Other_Surrogate);
        }
        // Checking an accepted name again accepts it unchanged.
        const UsernameRules::Verdict again = UsernameRules::check(name);
        FUZZ_CHECK(again.isValid() && again.username == name && again.key == verdict.key);
        FUZZ_CHECK(!UsernameRules::skeletons(name).isEmpty());
    } else {
        FUZZ_CHECK(verdict.username.isEmpty());
        FUZZ_CHECK(verdict.key.isEmpty());
    }
    // Comparison keys and skeletons are also computed for names from frames and bans: any text.
    UsernameRules::comparisonKey(raw);
    FUZZ_CHECK(!UsernameRules::skeletons(raw.left(256)).isEmpty());
    return 0;
}
