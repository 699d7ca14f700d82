#include "usernamerules.h"

#include <QStringList>

#include <unicode/uspoof.h>

using namespace Qt::StringLiterals;

namespace UsernameRules {

QString comparisonKey(const QString &username)
{
    return username.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

namespace {
// ICU documents a configured spoof checker as safe for concurrent checks.
const USpoofChecker *spoofChecker()
{
    static const USpoofChecker *checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker *created = uspoof_open(&status);
        return U_SUCCESS(status) ? created : nullptr;
    }();
    return checker;
}
} // namespace

namespace {
QString rawSkeleton(const USpoofChecker *checker, const QString &text)
{
    static_assert(sizeof(UChar) == sizeof(char16_t));
    const auto source = reinterpret_cast<const UChar *>(text.utf16());
    // Normalisation can make a skeleton much longer than the name (U+FDFA is 18 characters):
    // ask ICU for the size first rather than guessing it.
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length
        = uspoof_getSkeleton(checker, 0, source, int32_t(text.size()), nullptr, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return text;
    QString skeleton(length, Qt::Uninitialized);
    status = U_ZERO_ERROR;
    uspoof_getSkeleton(checker, 0, source, int32_t(text.size()),
                       reinterpret_cast<UChar *>(skeleton.data()), length, &status);
    return U_FAILURE(status) ? text : skeleton;
}
} // namespace

QStringList skeletons(const QString &username)
{
    const USpoofChecker *checker = spoofChecker();
    const QString normalized = username.normalized(QString::NormalizationForm_KC);
    if (!checker || normalized.isEmpty())
        return {comparisonKey(username)};
    // Case folding before the skeleton ("ALICE" and "Alice" agree), and after it too, since a
    // capital Greek iota looks like "l" while its small form does not.
    QStringList result {rawSkeleton(checker, normalized.toCaseFolded()),
                        rawSkeleton(checker, rawSkeleton(checker, normalized).toCaseFolded())};
    result.removeDuplicates();
    return result;
}

Verdict check(const QString &raw)
{
    Verdict verdict;
    const QString name = raw.trimmed();
    if (name.isEmpty()) {
        verdict.problem = u"The username is empty."_s;
        return verdict;
    }
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        char32_t ucs = c.unicode();
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(c, name.at(i + 1));
            ++i;
        } else if (c.isSurrogate()) {
            verdict.problem = u"The username contains an invalid character."_s;
            return verdict;
        }
        ++codePoints;
        const QChar::Category category = QChar::category(ucs);
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Other_NotAssigned || category == QChar::Other_PrivateUse
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph) {
            verdict.problem = u"The username contains a control or invisible character."_s;
            return verdict;
        }
    }
    if (codePoints > MaxLength) {
        verdict.problem = u"The username is longer than %1 characters."_s.arg(MaxLength);
        return verdict;
    }
    const QString key = comparisonKey(name);
    static const QStringList reserved = {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s};
    if (reserved.contains(key)) {
        verdict.problem = u"The username \"%1\" is reserved."_s.arg(name);
        return verdict;
    }
    verdict.username = name;
    verdict.key = key;
    return verdict;
}

} // namespace UsernameRules
