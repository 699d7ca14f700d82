#include "usernamerules.h"

#include <QHash>
#include <QStringDecoder>
#include <QStringList>

#include <unicode/uchar.h>
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

const QStringList &reservedNames()
{
    static const QStringList names = {u"operator"_s, u"server"_s, u"system"_s, u"admin"_s};
    return names;
}

// The text without its combining marks (after compatibility decomposition): "ädmin" and
// "ADMİN" (İ decomposes into I and U+0307) become "admin" and "ADMIN".
QString withoutMarks(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString result;
    result.reserve(decomposed.size());
    for (qsizetype i = 0; i < decomposed.size(); ++i) {
        char32_t ucs = decomposed.at(i).unicode();
        const bool pair = QChar::isHighSurrogate(ucs) && i + 1 < decomposed.size()
                          && decomposed.at(i + 1).isLowSurrogate();
        if (pair)
            ucs = QChar::surrogateToUcs4(decomposed.at(i), decomposed.at(i + 1));
        if (QChar::isMark(ucs)) {
            i += pair ? 1 : 0;
            continue;
        }
        result += decomposed.at(i);
        if (pair)
            result += decomposed.at(++i);
    }
    return result;
}

// Skeletons of each reserved name as written in lower, upper and title case: a capital I
// looks like a small l, so "ADMIN" has a skeleton of its own, which Greek capitals match.
const QHash<QString, QString> &reservedSkeletons()
{
    static const QHash<QString, QString> skeletonToName = [] {
        QHash<QString, QString> result;
        for (const QString &name : reservedNames()) {
            const QString title = name.left(1).toUpper() + name.mid(1);
            for (const QString &form : {name, name.toUpper(), title}) {
                for (const QString &skeleton : skeletons(form))
                    result.insert(skeleton, name);
            }
        }
        return result;
    }();
    return skeletonToName;
}

// Characters that render as nothing although no Unicode property says so: they would make a
// blank name, or a name that looks like another with a space in it.
bool isBlankSymbol(char32_t ucs)
{
    return ucs == 0x2800 // BRAILLE PATTERN BLANK
           || ucs == 0x1D159; // MUSICAL SYMBOL NULL NOTEHEAD
}

bool isVisibleBase(QChar::Category category)
{
    switch (category) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Punctuation_Connector:
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
    case QChar::Symbol_Math:
    case QChar::Symbol_Currency:
    case QChar::Symbol_Modifier:
    case QChar::Symbol_Other:
        return true;
    default:
        return false;
    }
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

QString reservedLookAlike(const QString &username)
{
    const QString key = comparisonKey(username);
    if (reservedNames().contains(key))
        return key;
    const QHash<QString, QString> &reserved = reservedSkeletons();
    for (const QString &form : {username, withoutMarks(username)}) {
        for (const QString &skeleton : skeletons(form)) {
            const auto it = reserved.constFind(skeleton);
            if (it != reserved.cend())
                return it.value();
        }
    }
    return {};
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
    bool hasVisibleBase = false;
    bool startsWithMark = false;
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
        if (codePoints == 1)
            startsWithMark = QChar::isMark(ucs);
        // Default-ignorable code points (ICU's Unicode property) render as nothing: the Hangul
        // fillers, variation selectors, the combining grapheme joiner and the format
        // characters. PRECIS (RFC 8264) disallows them in every string class for that reason.
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Other_NotAssigned || category == QChar::Other_PrivateUse
            || category == QChar::Separator_Line || category == QChar::Separator_Paragraph
            || u_hasBinaryProperty(UChar32(ucs), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)
            || isBlankSymbol(ucs)) {
            verdict.problem = u"The username contains a control or invisible character."_s;
            return verdict;
        }
        // What a decoder puts where the bytes were not text.
        if (ucs == QChar::ReplacementCharacter) {
            verdict.problem = u"The username contains an invalid character (U+FFFD, the mark of "
                              u"text that was not valid UTF-8)."_s;
            return verdict;
        }
        hasVisibleBase = hasVisibleBase || isVisibleBase(category);
    }
    if (codePoints > MaxLength) {
        verdict.problem = u"The username is longer than %1 characters."_s.arg(MaxLength);
        return verdict;
    }
    if (!hasVisibleBase) {
        verdict.problem = u"The username needs at least one visible letter, digit, punctuation "
                          u"mark or symbol."_s;
        return verdict;
    }
    if (startsWithMark) { // it would sit on whatever precedes the name on screen
        verdict.problem = u"The username starts with a combining mark."_s;
        return verdict;
    }
    const QString key = comparisonKey(name);
    // Compatibility forms (fullwidth "＜", small "﹤") count too: the key is NFKC.
    if (key.contains(u'<') || key.contains(u'>') || key.contains(u'&')) {
        verdict.problem = u"The username may not contain <, > or & (it would look like markup)."_s;
        return verdict;
    }
    const QString reserved = reservedLookAlike(name);
    if (!reserved.isEmpty()) {
        verdict.problem = key == reserved
                              ? u"The username \"%1\" is reserved."_s.arg(name)
                              : u"The username \"%1\" looks like the reserved name \"%2\"."_s.arg(
                                  name, reserved);
        return verdict;
    }
    verdict.username = name;
    verdict.key = key;
    return verdict;
}

Verdict checkQueryValue(const QString &percentEncoded)
{
    const QByteArray bytes = QByteArray::fromPercentEncoding(percentEncoded.toUtf8());
    // Stateless: a sequence cut off at the end is an error too. ConvertInitialBom: a leading
    // U+FEFF is kept (and refused as invisible), not silently dropped.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless
                                                     | QStringDecoder::Flag::ConvertInitialBom);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        Verdict verdict;
        verdict.problem = u"The username is not valid UTF-8."_s;
        return verdict;
    }
    return check(text);
}

} // namespace UsernameRules
