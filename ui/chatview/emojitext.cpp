#include "emojitext.h"

#include <QFontDatabase>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <unicode/uchar.h>

using namespace Qt::StringLiterals;

namespace {
constexpr char32_t VariationText = 0xFE0E;
constexpr char32_t VariationEmoji = 0xFE0F;
constexpr char32_t ZeroWidthJoiner = 0x200D;
constexpr char32_t CombiningKeycap = 0x20E3;

bool has(char32_t c, UProperty property)
{
    return u_hasBinaryProperty(UChar32(c), property) != 0;
}

// Calls visit(start, length, isEmoji) for each grapheme cluster of the text.
template<typename Visit>
void forEachCluster(const QString &text, Visit visit)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = finder.toNextBoundary();
        if (end <= start)
            end = text.size();
        const QStringView cluster = QStringView(text).mid(start, end - start);
        if (!visit(start, end - start, cluster))
            return;
        start = end;
    }
}

// Emoji need a code point outside Latin-1 (except © and ®, which are text by default anyway)
// or a keycap: a fast exit for the common all-ASCII message.
bool mayHaveEmoji(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x2000)
            return true;
    }
    return false;
}
} // namespace

namespace EmojiText {

bool isEmojiCluster(QStringView cluster)
{
    const QList<uint> codePoints = cluster.toUcs4();
    if (codePoints.isEmpty())
        return false;
    const char32_t first = codePoints.first();
    bool textStyle = false;
    bool emojiStyle = false;
    bool joined = false;
    bool keycap = false;
    bool modified = false;
    int regionalIndicators = 0;
    for (const uint c : codePoints) {
        textStyle = textStyle || c == VariationText;
        emojiStyle = emojiStyle || c == VariationEmoji;
        joined = joined || c == ZeroWidthJoiner;
        keycap = keycap || c == CombiningKeycap;
        modified = modified || has(c, UCHAR_EMOJI_MODIFIER);
        regionalIndicators += has(c, UCHAR_REGIONAL_INDICATOR) ? 1 : 0;
    }
    if (regionalIndicators >= 2)
        return true; // a flag
    if (!has(first, UCHAR_EMOJI) && !has(first, UCHAR_EXTENDED_PICTOGRAPHIC))
        return false;
    if (textStyle)
        return false;
    return emojiStyle || keycap || has(first, UCHAR_EMOJI_PRESENTATION)
           || (joined && has(first, UCHAR_EXTENDED_PICTOGRAPHIC))
           || (modified && has(first, UCHAR_EMOJI_MODIFIER_BASE));
}

QList<Run> runs(const QString &text)
{
    QList<Run> result;
    if (!mayHaveEmoji(text))
        return result;
    forEachCluster(text, [&result](qsizetype start, qsizetype length, QStringView cluster) {
        if (isEmojiCluster(cluster)) {
            if (!result.isEmpty() && result.last().start + result.last().length == start)
                result.last().length += length;
            else
                result.append({start, length});
        }
        return true;
    });
    return result;
}

bool isEmojiOnly(const QString &text, int maxCount)
{
    if (!mayHaveEmoji(text))
        return false;
    int count = 0;
    bool only = true;
    forEachCluster(text, [&](qsizetype, qsizetype, QStringView cluster) {
        if (cluster.trimmed().isEmpty())
            return true;
        if (!isEmojiCluster(cluster) || ++count > maxCount) {
            only = false;
            return false;
        }
        return true;
    });
    return only && count > 0;
}

QString colorFontFamily()
{
    static const QString family = [] {
        const QStringList installed = QFontDatabase::families();
        for (const QString &candidate :
             {u"Noto Color Emoji"_s, u"Twemoji"_s, u"JoyPixels"_s, u"Apple Color Emoji"_s,
              u"Segoe UI Emoji"_s, u"EmojiOne Color"_s}) {
            if (installed.contains(candidate, Qt::CaseInsensitive))
                return candidate;
        }
        return QString();
    }();
    return family;
}

} // namespace EmojiText
