// Lives in the GUI thread (a value type; the name colour cache is not shared). Every colour the
// chat view paints with, derived from one QPalette, so light and dark follow the application's
// palette. Text colours are adjusted until they meet WCAG's 4.5:1 contrast on what they are
// drawn on.
#pragma once

#include <QColor>
#include <QHash>
#include <QPalette>
#include <QString>

struct ChatTheme
{
    static constexpr double MinimumContrast = 4.5; // WCAG 2 AA for normal text

    ChatTheme() = default;
    explicit ChatTheme(const QPalette &palette);

    // Whether a palette is a dark one (Qt 6.4 has no QStyleHints::colorScheme): its window
    // colour is darker than the middle.
    static bool isDark(const QPalette &palette);
    // WCAG 2 relative luminance and contrast ratio (1 to 21).
    static double luminance(const QColor &color);
    static double contrast(const QColor &a, const QColor &b);
    // The colour with its lightness moved towards black or white until it has at least the
    // ratio against the background; the hue is kept.
    static QColor withContrast(const QColor &color, const QColor &background,
                               double ratio = MinimumContrast);
    // a + (b − a)·amount, per channel.
    static QColor mix(const QColor &a, const QColor &b, double amount);

    // The stable colour of a name (the same on every run and machine), readable on background.
    QColor nameColor(const QString &name, const QColor &on) const;
    // The colour of the initial on a name's avatar circle.
    static QColor avatarTextColor(const QColor &circle);

    bool dark = false;
    QColor background; // the view
    QColor text; // on background
    QColor secondaryText; // times, system lines, day separators: on background
    QColor bubble; // others' messages
    QColor bubbleBorder;
    QColor ownBubble;
    QColor mentionBubble;
    QColor mentionAccent; // the bar on a mention, the name in the text
    QColor announcementBubble;
    QColor announcementAccent;
    QColor bubbleText; // on every bubble
    QColor bubbleSecondaryText; // on every bubble
    QColor link; // on every bubble
    QColor error; // on background and on every bubble
    QColor unread; // the "New messages" divider: on background
    QColor selection;
    QColor selectionText;
    QColor focus; // the ring around the current message
    QColor jumpButton; // the jump-to-latest button
    QColor jumpButtonText;

private:
    mutable QHash<QString, QColor> m_nameColors;
};
