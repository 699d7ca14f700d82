// GUI thread (the font lookup reads the application's font database). Where the emoji are in a
// text, so that they alone can be drawn with a colour emoji font: putting such a font first for
// all text would draw digits and '#' as emoji too.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace EmojiText {

struct Run
{
    qsizetype start = 0; // UTF-16 code units
    qsizetype length = 0;
};

// Whether one grapheme cluster is an emoji: a code point with Emoji_Presentation (not followed
// by U+FE0E), an Emoji code point followed by U+FE0F, a keycap, a ZWJ sequence, a modifier
// sequence (skin tones) or a flag. Unicode properties from ICU.
bool isEmojiCluster(QStringView cluster);
// The emoji of the text as runs of adjacent emoji clusters.
QList<Run> runs(const QString &text);
// Whether the text is nothing but 1 to maxCount emoji (and white space): shown larger.
bool isEmojiOnly(const QString &text, int maxCount = 3);
// The installed colour emoji font family (Noto Color Emoji, …); empty when there is none.
QString colorFontFamily();

} // namespace EmojiText
