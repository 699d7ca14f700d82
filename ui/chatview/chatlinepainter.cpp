#include "chatlinepainter.h"

#include "chatline.h"
#include "chatlinegeometry.h"
#include "chatlinestyle.h"
#include "chattextformats.h"
#include "emojitext.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace {

// One line of text (a name, a header) with its emoji in the colour emoji font, vertically
// centred in the rectangle.
void paintLine(QPainter *painter, const QRectF &rect, const QString &text, const QFont &font,
               const QColor &color, const ChatLineStyle &style, Qt::Alignment alignment)
{
    QTextLayout layout(text, font);
    ChatTextFormats::Input input;
    input.emojiFamily = style.emojiFamily;
    layout.setFormats(ChatTextFormats::build(text, input));
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(1e6);
    layout.endLayout();
    if (!line.isValid())
        return;
    const qreal width = line.naturalTextWidth();
    const qreal x = alignment & Qt::AlignRight ? rect.right() - width : rect.left();
    painter->setPen(color);
    layout.draw(painter, QPointF(x, rect.top() + (rect.height() - line.height()) / 2));
}

void paintSeparator(QPainter *painter, const QRectF &rect, const QString &text,
                    const QColor &textColor, const QColor &lineColor, const ChatLineStyle &style,
                    bool bold)
{
    QFont font = style.smallFont;
    font.setBold(bold);
    painter->setFont(font);
    const qreal textWidth = QFontMetricsF(font).horizontalAdvance(text);
    const qreal gap = style.paddingH;
    const qreal y = std::floor(rect.center().y()) + 0.5;
    const qreal left = rect.left() + style.sideMargin;
    const qreal right = rect.right() - style.sideMargin;
    const qreal textLeft = rect.center().x() - textWidth / 2;
    painter->setPen(QPen(lineColor, 1));
    painter->drawLine(QPointF(left, y), QPointF(textLeft - gap, y));
    painter->drawLine(QPointF(textLeft + textWidth + gap, y), QPointF(right, y));
    painter->setPen(textColor);
    painter->drawText(QRectF(textLeft, rect.top(), textWidth + 1, rect.height()), Qt::AlignCenter,
                      text);
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
    QFont font = style.foldFont;
    font.setUnderline(hovered);
    painter->setFont(font);
    painter->setPen(style.theme.link);
    painter->drawText(g.foldToggle, Qt::AlignLeft | Qt::AlignVCenter, g.foldText);
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
    painter->setPen(QPen(border, failed || d.mention ? 1.5 : 1.0));
    painter->setBrush(background);
    painter->drawRoundedRect(g.content.adjusted(0.5, 0.5, -0.5, -0.5), style.radius, style.radius);

    if (!g.name.isNull()) {
        paintLine(painter, g.name, g.nameText, style.nameFont,
                  theme.nameColor(d.sender, background), style, Qt::AlignLeft);
        painter->setFont(style.smallFont);
        painter->setPen(theme.bubbleSecondaryText);
        painter->drawText(g.time, Qt::AlignRight | Qt::AlignVCenter, g.timeText);
    }
    paintText(painter, line, style, state, theme.bubbleText);
    paintFoldToggle(painter, g, style, state.hoveredFoldToggle);
    if (!g.status.isNull()) {
        painter->setFont(style.smallFont);
        painter->setPen(failed ? theme.error : theme.bubbleSecondaryText);
        painter->drawText(g.status, Qt::TextWordWrap | Qt::AlignLeft, g.statusText);
    }
    painter->setOpacity(1.0);
    if (state.hovered && !g.hoverTime.isNull()) {
        painter->setFont(style.smallFont);
        painter->setPen(theme.secondaryText);
        painter->drawText(g.hoverTime, Qt::AlignVCenter | Qt::AlignLeft, g.timeText);
    }
    if (state.current)
        paintFocus(painter, g.content, style);
}

void paintCard(QPainter *painter, const ChatLine &line, const ChatLineStyle &style,
               const ChatLinePaintState &state)
{
    const ChatLineGeometry &g = *line.geometry();
    const ChatTheme &theme = style.theme;
    painter->setPen(QPen(theme.announcementAccent, 1.5));
    painter->setBrush(theme.announcementBubble);
    painter->drawRoundedRect(g.content.adjusted(0.5, 0.5, -0.5, -0.5), style.radius, style.radius);
    paintLine(painter, g.name, g.nameText, style.nameFont, theme.announcementAccent, style,
              Qt::AlignLeft);
    painter->setFont(style.smallFont);
    painter->setPen(theme.bubbleSecondaryText);
    painter->drawText(g.time, Qt::AlignRight | Qt::AlignVCenter, g.timeText);
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
    painter->drawText(g.time, Qt::AlignLeft | Qt::AlignVCenter, g.timeText);
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
        paintSeparator(painter, g->daySeparator, g->dayText, theme.secondaryText,
                       theme.bubbleBorder, style, true);
    if (!g->divider.isNull())
        paintSeparator(painter, g->divider, tr("New messages"), theme.unread, theme.unread, style,
                       true);
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
            paintSystem(painter, line, style, state);
            break;
        }
    }
    painter->restore();
}
