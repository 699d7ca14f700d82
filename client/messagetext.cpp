#include "messagetext.h"

namespace MessageText {

QString normalized(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\r') {
            if (i + 1 < text.size() && text.at(i + 1) == u'\n')
                continue;
            result.append(u'\n');
        } else if (c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            result.append(u'\n');
        } else if (c == u'\n' || c == u'\t') {
            result.append(c);
        } else if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f)) {
            continue; // the server refuses other control characters
        } else {
            result.append(c);
        }
    }
    return result;
}

namespace {
// Where the case-folded needle stands as a word of its own in the case-folded haystack.
QList<int> wordsIn(const QString &haystack, const QString &needle)
{
    QList<int> ranges;
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        const qsizetype end = at + needle.size();
        if ((at == 0 || !isWordChar(haystack.at(at - 1)))
            && (end >= haystack.size() || !isWordChar(haystack.at(end)))) {
            ranges.append(int(at));
            ranges.append(int(needle.size()));
        }
    }
    return ranges;
}
} // namespace

bool mentions(const QString &text, const QString &username)
{
    return !username.isEmpty() && !wordsIn(text.toCaseFolded(), username.toCaseFolded()).isEmpty();
}

QList<int> mentionRanges(const QString &text, const QString &username)
{
    if (username.isEmpty())
        return {};
    const QString folded = text.toCaseFolded();
    QList<int> ranges = wordsIn(folded, username.toCaseFolded());
    // Positions in the folded text are positions in the text only where folding kept the length
    // (it nearly always does); otherwise the mention is known but not where.
    if (folded.size() != text.size() && !ranges.isEmpty())
        ranges = {0, 0};
    return ranges;
}

} // namespace MessageText
