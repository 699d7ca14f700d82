// Fuzzes username validation and normalisation (UsernameRules, docs/PROTOCOL.md "Usernames").
// Input: text as Fuzz::decode reads it; or, after a first byte 0x02, the raw bytes of a
// `username=` query value, percent-encoded as they would arrive (UsernameRules::checkQueryValue).
#include "fuzzcheck.h"
#include "usernamerules.h"

#include <QChar>
#include <QSet>
#include <QStringList>

#include <unicode/uchar.h>

using namespace Qt::StringLiterals;

namespace {

// Strict UTF-8 (RFC 3629), written independently of Qt's decoder: shortest form only, no
// surrogates, nothing beyond U+10FFFF, no sequence cut off.
bool isStrictUtf8(const QByteArray &bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const unsigned char b = s[i];
        int length = 0;
        char32_t min = 0;
        char32_t ucs = 0;
        if (b < 0x80) {
            ++i;
            continue;
        } else if ((b & 0xe0) == 0xc0) {
            length = 2, min = 0x80, ucs = b & 0x1f;
        } else if ((b & 0xf0) == 0xe0) {
            length = 3, min = 0x800, ucs = b & 0x0f;
        } else if ((b & 0xf8) == 0xf0) {
            length = 4, min = 0x10000, ucs = b & 0x07;
        } else {
            return false;
        }
        if (i + length > n)
            return false;
        for (int k = 1; k < length; ++k) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            ucs = ucs << 6 | (s[i + k] & 0x3f);
        }
        if (ucs < min || ucs > 0x10ffff || (ucs >= 0xd800 && ucs <= 0xdfff))
            return false;
        i += length;
    }
    return true;
}

// Every skeleton of every reserved name, in lower, upper and title case.
const QSet<QString> &reservedSkeletons()
{
    static const QSet<QString> all = [] {
        QSet<QString> result;
        for (const QString &name : {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s}) {
            const QString title = name.left(1).toUpper() + name.mid(1);
            for (const QString &form : {name, name.toUpper(), title})
                for (const QString &skeleton : UsernameRules::skeletons(form))
                    result.insert(skeleton);
        }
        return result;
    }();
    return all;
}

QString withoutMarks(const QString &text)
{
    QString result;
    for (const uint ucs : text.normalized(QString::NormalizationForm_KD).toUcs4()) {
        if (!QChar::isMark(char32_t(ucs)))
            result += QString::fromUcs4(reinterpret_cast<const char32_t *>(&ucs), 1);
    }
    return result;
}

void checkAccepted(const UsernameRules::Verdict &verdict)
{
    static const QStringList reserved = {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s};
    const QString &name = verdict.username;
    FUZZ_CHECK(!name.isEmpty());
    FUZZ_CHECK(name == name.trimmed());
    FUZZ_CHECK(verdict.key == UsernameRules::comparisonKey(name));
    FUZZ_CHECK(!reserved.contains(verdict.key));
    FUZZ_CHECK(name.isValidUtf16());
    // No markup characters, also not after compatibility normalisation.
    for (const QChar c : verdict.key)
        FUZZ_CHECK(c != u'<' && c != u'>' && c != u'&');
    // Never a skeleton of a reserved name, with or without its combining marks.
    for (const QString &form : {name, withoutMarks(name)}) {
        for (const QString &skeleton : UsernameRules::skeletons(form))
            FUZZ_CHECK(!reservedSkeletons().contains(skeleton));
    }
    const QList<uint> codePoints = name.toUcs4();
    FUZZ_CHECK(codePoints.size() <= UsernameRules::MaxLength);
    FUZZ_CHECK(!QChar::isMark(char32_t(codePoints.first())));
    bool visible = false;
    for (const uint ucs : codePoints) {
        const QChar::Category category = QChar::category(char32_t(ucs));
        FUZZ_CHECK(category != QChar::Other_Control);
        FUZZ_CHECK(category != QChar::Other_Format);
        FUZZ_CHECK(category != QChar::Other_Surrogate);
        FUZZ_CHECK(category != QChar::Other_NotAssigned);
        FUZZ_CHECK(!u_hasBinaryProperty(UChar32(ucs), UCHAR_DEFAULT_IGNORABLE_CODE_POINT));
        FUZZ_CHECK(ucs != 0x2800 && ucs != 0x1D159 && ucs != 0xFFFD);
        const int type = u_charType(UChar32(ucs));
        visible
            = visible || (U_MASK(type) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_P_MASK | U_GC_S_MASK));
    }
    FUZZ_CHECK(visible);
    // Checking an accepted name again accepts it unchanged.
    const UsernameRules::Verdict again = UsernameRules::check(name);
    FUZZ_CHECK(again.isValid() && again.username == name && again.key == verdict.key);
    FUZZ_CHECK(!UsernameRules::skeletons(name).isEmpty());
    FUZZ_CHECK(UsernameRules::reservedLookAlike(name).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 0x02) {
        const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
        const QString encoded = QString::fromLatin1(bytes.toPercentEncoding());
        const UsernameRules::Verdict verdict = UsernameRules::checkQueryValue(encoded);
        if (verdict.isValid()) {
            checkAccepted(verdict);
            // Only valid UTF-8 gets in, and it is the name as sent, trimmed.
            FUZZ_CHECK(isStrictUtf8(bytes));
            FUZZ_CHECK(verdict.username == QString::fromUtf8(bytes).trimmed());
        } else {
            FUZZ_CHECK(verdict.username.isEmpty() && verdict.key.isEmpty());
            FUZZ_CHECK(!verdict.problem.isEmpty());
        }
        if (!isStrictUtf8(bytes))
            FUZZ_CHECK(!verdict.isValid());
        return 0;
    }

    const QString raw = Fuzz::decode(data, size);
    const UsernameRules::Verdict verdict = UsernameRules::check(raw);

    if (verdict.isValid()) {
        checkAccepted(verdict);
        FUZZ_CHECK(verdict.username == raw.trimmed());
    } else {
        FUZZ_CHECK(verdict.username.isEmpty());
        FUZZ_CHECK(verdict.key.isEmpty());
        FUZZ_CHECK(!verdict.problem.isEmpty());
    }
    // Comparison keys and skeletons are also computed for names from frames and bans: any text.
    UsernameRules::comparisonKey(raw);
    FUZZ_CHECK(!UsernameRules::skeletons(raw.left(256)).isEmpty());
    UsernameRules::reservedLookAlike(raw.left(256));
    return 0;
}
