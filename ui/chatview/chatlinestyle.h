// Lives in the GUI thread. Everything a ChatLine needs to lay itself out and paint for one view
// width, font and palette: the fonts, the spacing (in proportion to the font), the colours and
// the time format. The view builds a new one whenever any of these changes; the generation
// tells the lines that their layouts are out of date.
#pragma once

#include "chattheme.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QString>

struct ChatLineStyle
{
    ChatLineStyle() = default;
    ChatLineStyle(const QFont &baseFont, const QPalette &palette, int viewWidth, int generation);

    // hh:mm in the user's locale (QLocale::ShortFormat), and the full date and time.
    QString shortTime(const QDateTime &time) const;
    QString longTime(const QDateTime &time) const;
    // The widest a message's text may be laid out (its bubble adds the padding).
    int messageTextWidth() const;
    // The widest an announcement's text may be laid out.
    int cardTextWidth() const;
    // The widest a system line (joins, leaves, kicks) may be.
    int systemTextWidth() const;

    int width = 0;
    int generation = 0;
    ChatTheme theme;
    QLocale locale;
    QString timeFormat; // ChatTime::shortFormat()
    QString emojiFamily; // empty: no colour emoji font installed

    QFont font; // message text
    QFont nameFont; // sender names, bold
    QFont smallFont; // times, status lines, system lines
    QFont foldFont; // "Show more", "Show less"
    QFont emojiOnlyFont; // a message of 1–3 emoji
    QFont avatarFont;

    int lineSpacing = 0;
    int smallLineSpacing = 0;
    qreal averageCharWidth = 0;
    int sideMargin = 0; // between the view's edges and the rows' contents
    int avatarSize = 0;
    int avatarGap = 0;
    int paddingH = 0; // inside a bubble
    int paddingV = 0;
    int radius = 0;
    int groupGap = 0; // above the first message of a group and above system rows
    int rowGap = 0; // between the bubbles of a group
    int separatorHeight = 0; // a day separator or the unread divider
    int maxBubbleWidth = 0;
    int bottomMargin = 0;
    int foldLines = 0; // messages with more lines than this are folded…
    int foldShownLines = 0; // …to this many
};
