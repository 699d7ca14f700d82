#include "chatlinestyle.h"

#include "chattime.h"
#include "emojitext.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

ChatLineStyle::ChatLineStyle(const QFont &baseFont, const QPalette &palette, int viewWidth,
                             int generation_)
    : width(viewWidth),
      generation(generation_),
      theme(palette),
      timeFormat(ChatTime::shortFormat(locale)),
      emojiFamily(EmojiText::colorFontFamily()),
      font(baseFont),
      nameFont(baseFont),
      smallFont(baseFont),
      emojiOnlyFont(baseFont),
      avatarFont(baseFont)
{
    nameFont.setBold(true);
    const auto scaled = [](QFont f, qreal factor) {
        if (f.pointSizeF() > 0)
            f.setPointSizeF(f.pointSizeF() * factor);
        else
            f.setPixelSize(std::max(1, int(std::lround(f.pixelSize() * factor))));
        return f;
    };
    smallFont = scaled(baseFont, 0.86);
    foldFont = smallFont;
    foldFont.setBold(true);
    emojiOnlyFont = scaled(baseFont, 2.4);
    avatarFont = scaled(baseFont, 1.1);
    avatarFont.setBold(true);

    const QFontMetricsF metrics(font);
    lineSpacing = int(std::ceil(metrics.lineSpacing()));
    smallLineSpacing = int(std::ceil(QFontMetricsF(smallFont).lineSpacing()));
    averageCharWidth = metrics.averageCharWidth();
    const qreal em = metrics.height();
    const auto ems = [em](qreal n) { return int(std::lround(em * n)); };
    sideMargin = ems(0.75);
    avatarSize = ems(2.0);
    avatarGap = ems(0.5);
    paddingH = ems(0.65);
    paddingV = ems(0.38);
    radius = ems(0.7);
    groupGap = ems(0.6);
    rowGap = std::max(2, ems(0.18));
    separatorHeight = ems(2.0);
    maxBubbleWidth = ems(38);
    bottomMargin = ems(0.6);
    foldLines = 18;
    foldShownLines = 12;
}

QString ChatLineStyle::shortTime(const QDateTime &time) const
{
    return locale.toString(time.time(), timeFormat);
}

QString ChatLineStyle::longTime(const QDateTime &time) const
{
    return ChatTime::longTime(time, locale);
}

int ChatLineStyle::messageTextWidth() const
{
    // The avatar's column on one side, as much free space as that on the other, at least the
    // width of a few words.
    const int available = width - 2 * sideMargin - 2 * (avatarSize + avatarGap);
    const int bubble = std::min(available, maxBubbleWidth);
    return std::max(bubble - 2 * paddingH, int(averageCharWidth * 8));
}

int ChatLineStyle::cardTextWidth() const
{
    const int available = width - 2 * sideMargin - 2 * avatarGap;
    return std::max(std::min(available, maxBubbleWidth + avatarSize) - 2 * paddingH,
                    int(averageCharWidth * 8));
}

int ChatLineStyle::systemTextWidth() const
{
    return std::max(width - 2 * sideMargin - 2 * avatarSize, int(averageCharWidth * 8));
}
