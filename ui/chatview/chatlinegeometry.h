// Lives in the GUI thread. Where the parts of one laid-out chat row are, in row coordinates
// (0, 0 is the row's top left): what ChatLine computes and ChatLinePainter draws.
#pragma once

#include "chatlinks.h"

#include <QList>
#include <QRectF>
#include <QStaticText>
#include <QString>
#include <QTextLayout>

struct ChatLineGeometry
{
    QTextLayout text; // the row's text (ChatLine::text()), plain, with format ranges
    QPointF textOrigin; // where the text layout's (0, 0) is
    int visibleLines = 0; // fewer than the layout's lines while folded
    qreal textHeight = 0; // of the visible lines
    bool emojiOnly = false;
    QList<ChatLinks::Link> links;
    QRectF daySeparator;
    QString dayText;
    QRectF divider; // "New messages"
    QRectF content; // the bubble, the card, or the box around a system line
    QRectF avatar;
    QString initial;
    QRectF name;
    QString nameText; // elided
    QRectF time;
    QString timeText;
    QRectF hoverTime; // a grouped message's time, shown while hovered
    QRectF foldToggle;
    QString foldText;
    QRectF status; // "Sending…", "Not sent: …"
    QString statusText;

    // Shaped once when the row is laid out, drawn on every paint (all plain text).
    QTextLayout nameLayout; // with emoji in the colour emoji font
    QStaticText timeStatic;
    QStaticText foldStatic;
    QStaticText statusStatic;
    QStaticText dayStatic;
};
