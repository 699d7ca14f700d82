#include "chattextformats.h"

#include "emojitext.h"

#include <algorithm>

namespace ChatTextFormats {

QList<QTextLayout::FormatRange> build(const QString &text, const Input &input)
{
    QList<QTextLayout::FormatRange> pieces;
    for (const ChatLinks::Link &link : input.links) {
        QTextCharFormat format;
        format.setForeground(input.linkColor);
        format.setFontUnderline(true);
        pieces.append({int(link.start), int(link.length), format});
    }
    for (qsizetype i = 0; i + 1 < input.mentionRanges.size(); i += 2) {
        const int start = std::clamp(input.mentionRanges.at(i), 0, int(text.size()));
        const int length = std::clamp(input.mentionRanges.at(i + 1), 0, int(text.size()) - start);
        if (length == 0)
            continue;
        QTextCharFormat format;
        format.setForeground(input.mentionColor);
        format.setFontWeight(QFont::Bold);
        pieces.append({start, length, format});
    }
    if (!input.emojiFamily.isEmpty()) {
        const QList<EmojiText::Run> runs = EmojiText::runs(text);
        for (const EmojiText::Run &run : runs) {
            QTextCharFormat format;
            format.setFontFamilies({input.emojiFamily});
            pieces.append({int(run.start), int(run.length), format});
        }
    }
    if (pieces.size() <= 1)
        return pieces;

    // Split at every boundary and merge the formats that cover each piece.
    QList<int> bounds;
    for (const QTextLayout::FormatRange &piece : std::as_const(pieces)) {
        bounds.append(piece.start);
        bounds.append(piece.start + piece.length);
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    QList<QTextLayout::FormatRange> merged;
    for (qsizetype i = 0; i + 1 < bounds.size(); ++i) {
        const int start = bounds.at(i);
        const int end = bounds.at(i + 1);
        QTextCharFormat format;
        bool covered = false;
        for (const QTextLayout::FormatRange &piece : std::as_const(pieces)) {
            if (piece.start <= start && piece.start + piece.length >= end) {
                format.merge(piece.format);
                covered = true;
            }
        }
        if (covered)
            merged.append({start, end - start, format});
    }
    return merged;
}

} // namespace ChatTextFormats
