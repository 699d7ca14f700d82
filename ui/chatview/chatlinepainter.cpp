#include "chatlinepainter.h"

#include "chatline.h"
#include "chatlinegeometry.h"
#include "chatlinestyle.h"
#include "emojitext.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace {

// Text shaped when the row was laid out, vertically centred in its rectangle.
void paintStatic(QPainter *painter, const QRectF &rect, const QStaticText &text,
                 Qt::Alignment alignment)
{
    const QSizeF size = text.size();
    const qreal x = alignment & Qt::AlignRight ? rect.right() - size.width() : rect.left();
    painter->drawStaticText(QPointF(x, rect.top() + (rect.height() - size.height()) / 2), text);
}

void paintName(QPainter *painter, const ChatLineGeometry &g, const QColor &color)
{
    if (g.nameLayout.lineCount() == 0)
        return;
    painter->setPen(color);
    const qreal height = g.nameLayout.lineAt(0).height();
    g.nameLayout.draw(painter,
                      QPointF(g.name.left(), g.name.top() + (g.name.height() - height) / 2));
}

// The name (or title) on the left, the time on the right.
void paintHeader(QPainter *painter, const ChatLineGeometry &g, const ChatLineStyle &style,
                 const QColor &nameColor)
{
    paintName(painter, g, nameColor);
    painter->setFont(style.smallFont);
    painter->setPen(style.theme.bubbleSecondaryText);
    paintStatic(painter, g.time, g.timeStatic, Qt::AlignRight);
}

// A rounded rectangle with a border, as two fills: much cheaper than stroking its outline.
void paintBox(QPainter *painter, const QRectF &rect, qreal radius, const QColor &fill,
              const QColor &border, qreal borderWidth)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(border);
    painter->drawRoundedRect(rect, radius, radius);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect.adjusted(borderWidth, borderWidth, -borderWidth, -borderWidth),
                             radius - borderWidth, radius - borderWidth);
}

void paintSeparator(QPainter *painter, const QRectF &rect, const QStaticText &text,
                    const QColor &textColor, const QColor &lineColor, const ChatLineStyle &style)
{
    QFont font = style.smallFont;
    font.setBold(true);
    painter->setFont(font);
    const qreal textWidth = text.size().width();
    const qreal gap = style.paddingH;
    const qreal y = std::floor(rect.center().y()) + 0.5;
    const qreal left = rect.left() + style.sideMargin;
    const qreal right = rect.right() - style.sideMargin;
    const qreal textLeft = std::floor(rect.center().x() - textWidth / 2);
    painter->setPen(QPen(lineColor, 1));
    painter->drawLine(QPointF(left, y), QPointF(textLeft - gap, y));
    painter->drawLine(QPointF(textLeft + textWidth + gap, y), QPointF(right, y));
    painter->setPen(textColor);
    paintStatic(painter, QRectF(textLeft, rect.top(), textWidth, rect.height()), text,
                Qt::AlignLeft);
}

QList<QTextLayout::FormatRange> selectionFormats(const ChatLinePaintState &state,
                                                 const ChatTheme &theme)
{
    if (state.selectionStart < 0 || state.selectionEnd <= state.selectionStart)
        return {};
    QTextCharFormat format;
    format.setBackground(theme.selection);
    format.setForeground(theme.selectionText);
    return {{state.selectionStart, state.selectionEnd - state.selectionStart, format}};
}

void paintText(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
               const ChatLinePaintState &state, const QColor &color)
{
    const ChatLineGeometry &g = *line.geometry();
    painter->setPen(color);
    const bool folded = g.visibleLines < g.text.lineCount();
    if (folded) {
        painter->save();
        painter->setClipRect(QRectF(g.textOrigin.x() - 2, g.textOrigin.y(),
                                    g.text.lineAt(0).width() + 4, g.textHeight));
    }
    g.text.draw(painter, g.textOrigin, selectionFormats(state, style.theme));
    if (folded)
        painter->restore();
    if (state.current && state.caret >= 0) {
        const QRectF caret = line.cursorRect(state.caret);
        painter->fillRect(QRectF(caret.left(), caret.top(), 1, caret.height()), color);
    }
}

void paintFoldToggle(QPainter *painter, const ChatLineGeometry &g, const ChatLineStyle &style,
                     bool hovered)
{
    if (g.foldToggle.isNull())
        return;
    painter->setFont(style.foldFont);
    painter->setPen(style.theme.link);
    paintStatic(painter, g.foldToggle, g.foldStatic, Qt::AlignLeft);
    if (hovered) {
        const qreal y
            = std::floor(g.foldToggle.center().y() + g.foldStatic.size().height() / 2) - 0.5;
        painter->drawLine(QPointF(g.foldToggle.left(), y), QPointF(g.foldToggle.right(), y));
    }
}

void paintFocus(QPainter *painter, const QRectF &rect, const ChatLineStyle &style)
{
    painter->setPen(QPen(style.theme.focus, 2));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect.adjusted(-2, -2, 2, 2), style.radius + 2, style.radius + 2);
}

void paintMessage(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
                  const ChatLinePaintState &state)
{
    const ChatLineGeometry &g = *line.geometry();
    const ChatRowData &d = line.data();
    const ChatTheme &theme = style.theme;
    const QColor background = d.own       ? theme.ownBubble
                              : d.mention ? theme.mentionBubble
                                          : theme.bubble;
    if (d.delivery == ChatDelivery::Pending)
        painter->setOpacity(0.62);

    if (!g.avatar.isNull()) {
        const QColor circle = theme.nameColor(d.sender, theme.background);
        painter->setPen(Qt::NoPen);
        painter->setBrush(circle);
        painter->drawEllipse(g.avatar);
        QFont font = style.avatarFont;
        if (EmojiText::isEmojiCluster(g.initial) && !style.emojiFamily.isEmpty())
            font.setFamilies({style.emojiFamily});
        painter->setFont(font);
        painter->setPen(ChatTheme::avatarTextColor(circle));
        painter->drawText(g.avatar, Qt::AlignCenter, g.initial);
    }

    const bool failed = d.delivery == ChatDelivery::Failed;
    const QColor border = failed      ? theme.error
                          : d.mention ? theme.mentionAccent
                                      : theme.bubbleBorder;
    paintBox(painter, g.content, style.radius, background, border, failed || d.mention ? 1.5 : 1.0);

    if (!g.name.isNull())
        paintHeader(painter, g, style, theme.nameColor(d.sender, background));
    paintText(painter, line, style, state, theme.bubbleText);
    paintFoldToggle(painter, g, style, state.hoveredFoldToggle);
    if (!g.status.isNull()) {
        painter->setFont(style.smallFont);
        painter->setPen(failed ? theme.error : theme.bubbleSecondaryText);
        painter->drawStaticText(g.status.topLeft(), g.statusStatic);
    }
    painter->setOpacity(1.0);
    if (state.hovered && !g.hoverTime.isNull()) {
        painter->setFont(style.smallFont);
        painter->setPen(theme.secondaryText);
        paintStatic(painter, g.hoverTime, g.timeStatic, Qt::AlignLeft);
    }
    if (state.current)
        paintFocus(painter, g.content, style);
}

void paintCard(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
               const ChatLinePaintState &state)
{
    const ChatLineGeometry &g = *line.geometry();
    const ChatTheme &theme = style.theme;
    paintBox(painter, g.content, style.radius, theme.announcementBubble, theme.announcementAccent,
             1.5);
    paintHeader(painter, g, style, theme.announcementAccent);
    paintText(painter, line, style, state, theme.bubbleText);
    paintFoldToggle(painter, g, style, state.hoveredFoldToggle);
    if (state.current)
        paintFocus(painter, g.content, style);
}

void paintSystem(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
                 const ChatLinePaintState &state)
{
    const ChatLineGeometry &g = *line.geometry();
    const ChatTheme &theme = style.theme;
    const bool kick = line.data().kind == ChatRowKind::Kick;
    paintText(painter, line, style, state, kick ? theme.error : theme.secondaryText);
    painter->setFont(style.smallFont);
    painter->setPen(theme.secondaryText);
    paintStatic(painter, g.time, g.timeStatic, Qt::AlignLeft);
    if (state.current)
        paintFocus(painter, g.content.adjusted(-4, 0, 4, 0), style);
}

} // namespace

void ChatLinePainter::paint(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
                            const ChatLinePaintState &state)
{
    const ChatLineGeometry *g = line.geometry();
    if (!g)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const ChatTheme &theme = style.theme;
    if (!g->daySeparator.isNull())
        paintSeparator(painter, g->daySeparator, g->dayStatic, theme.secondaryText,
                       theme.bubbleBorder, style);
    if (!g->divider.isNull()) {
        QStaticText label(tr("New messages"));
        label.setTextFormat(Qt::PlainText);
        paintSeparator(painter, g->divider, label, theme.unread, theme.unread, style);
    }
    if (!line.context().hidden) {
        switch (line.data().kind) {
        case ChatRowKind::Message:
            paintMessage(painter, line, style, state);
            break;
        case ChatRowKind::Announcement:
            paintCard(painter, line, style, state);
            break;
        case ChatRowKind::Join:
        case ChatRowKind::Leave:
        case ChatRowKind::Kick:
        case ChatRowKind::Notice:
            paintSystem(painter, line, style, state);
            break;
        }
    }
    painter->restore();
}
