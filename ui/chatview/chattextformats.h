// Any thread that may use fonts (pure functions). The format ranges of a row's plain text:
// links underlined in the link colour, the user's name bold where someone mentions it, emoji in
// the colour emoji font. Ranges never overlap (QTextLayout draws overlapping ones twice).
#pragma once

#include "chatlinks.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QTextLayout>

namespace ChatTextFormats {

struct Input
{
    QList<ChatLinks::Link> links;
    QList<int> mentionRanges; // start, length pairs
    QColor linkColor;
    QColor mentionColor;
    QString emojiFamily; // empty: emoji are left to the font's fallback
};

QList<QTextLayout::FormatRange> build(const QString &text, const Input &input);

} // namespace ChatTextFormats
