#include "chatlinelayouter.h"

#include "chatlinegeometry.h"
#include "chatlinestyle.h"
#include "chattextformats.h"
#include "emojitext.h"

#include <QFontMetricsF>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

int ChatLineLayouter::estimate(const ChatRowData &data, const ChatRowContext &context,
                               bool expanded, const ChatLineStyle &style)
{
    int height = (data.dayStart ? style.separatorHeight : 0)
                 + (context.unreadAbove ? style.separatorHeight : 0);
    if (context.hidden)
        return height;
    const auto lines = [&](int width) {
        const qreal perLine
            = std::max<qreal>(1, width / std::max<qreal>(1, style.averageCharWidth));
        int count = data.newlines + 1 + int(qreal(data.text.size()) / perLine);
        if (count > style.foldLines && !expanded)
            count = style.foldShownLines + 1;
        return count;
    };
    switch (data.kind) {
    case ChatRowKind::Message:
        height += (context.groupStart ? style.groupGap + style.lineSpacing : style.rowGap)
                  + 2 * style.paddingV + lines(style.messageTextWidth()) * style.lineSpacing
                  + (data.delivery != ChatDelivery::Delivered ? style.smallLineSpacing : 0);
        break;
    case ChatRowKind::Announcement:
        height += style.groupGap + 2 * style.paddingV + style.lineSpacing
                  + lines(style.cardTextWidth()) * style.lineSpacing;
        break;
    case ChatRowKind::Join:
    case ChatRowKind::Leave:
    case ChatRowKind::Kick:
    case ChatRowKind::Notice:
        height += style.groupGap + style.smallLineSpacing;
        break;
    }
    return height;
}

ChatLineLayouter::Result ChatLineLayouter::layout(const ChatRowData &data,
                                                  const ChatRowContext &context,
                                                  const QString &text, bool expanded,
                                                  const ChatLineStyle &style)
{
    ChatLineLayouter layouter(data, context, text, expanded);
    Result result;
    result.height = layouter.run(style);
    result.geometry = std::move(layouter.m_layout);
    result.foldable = layouter.m_foldable;
    result.visibleLength = layouter.m_visibleLength;
    return result;
}

ChatLineLayouter::ChatLineLayouter(const ChatRowData &data, const ChatRowContext &context,
                                   QString text, bool expanded)
    : m_data(data), m_context(context), m_text(std::move(text)), m_expanded(expanded)
{ }

int ChatLineLayouter::run(const ChatLineStyle &style)
{
    m_layout = std::make_unique<ChatLineGeometry>();
    m_foldable = false;
    m_visibleLength = -1;
    qreal y = 0;
    if (m_data.dayStart) {
        m_layout->daySeparator = QRectF(0, y, style.width, style.separatorHeight);
        const QDate date = m_data.time.date();
        const QDate today = QDate::currentDate();
        m_layout->dayText = date == today ? tr("Today")
                            : date == today.addDays(-1)
                                ? tr("Yesterday")
                                : style.locale.toString(date, QLocale::LongFormat);
        y += style.separatorHeight;
    }
    if (m_context.unreadAbove) {
        m_layout->divider = QRectF(0, y, style.width, style.separatorHeight);
        y += style.separatorHeight;
    }
    if (!m_context.hidden) {
        switch (m_data.kind) {
        case ChatRowKind::Message:
            layoutMessage(style, y);
            break;
        case ChatRowKind::Announcement:
            layoutCard(style, y);
            break;
        case ChatRowKind::Join:
        case ChatRowKind::Leave:
        case ChatRowKind::Kick:
        case ChatRowKind::Notice:
            layoutSystem(style, y);
            break;
        }
        y = m_layout->content.bottom();
    }
    prepareStaticTexts(style);
    return int(std::ceil(y));
}

void ChatLineLayouter::layoutText(const ChatLineStyle &style, int width, bool emojiOnly,
                                  bool system)
{
    ChatLineGeometry &l = *m_layout;
    QString shown = m_text;
    shown.replace(u'\n', QChar::LineSeparator);
    l.emojiOnly = emojiOnly;
    l.text.setText(shown);
    l.text.setFont(emojiOnly ? style.emojiOnlyFont : system ? style.smallFont : style.font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    l.text.setTextOption(option);
    l.text.setCacheEnabled(true);
    ChatTextFormats::Input formats;
    if (!system) {
        l.links = ChatLinks::find(m_data.text);
        formats.links = l.links;
        formats.mentionRanges = m_data.mentionRanges;
    }
    formats.linkColor = style.theme.link;
    formats.mentionColor = style.theme.mentionAccent;
    formats.emojiFamily = style.emojiFamily;
    l.text.setFormats(ChatTextFormats::build(shown, formats));

    l.text.beginLayout();
    qreal y = 0;
    for (QTextLine line = l.text.createLine(); line.isValid(); line = l.text.createLine()) {
        line.setLeadingIncluded(true);
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    l.text.endLayout();

    const int lines = l.text.lineCount();
    l.visibleLines = lines;
    if (!system && !emojiOnly && lines > style.foldLines) {
        m_foldable = true;
        if (!m_expanded) {
            l.visibleLines = style.foldShownLines;
            const QTextLine last = l.text.lineAt(l.visibleLines - 1);
            m_visibleLength = last.textStart() + last.textLength();
        }
        l.foldText = m_expanded ? tr("Show less") : tr("Show more");
    }
    l.textHeight = 0;
    for (int i = 0; i < l.visibleLines; ++i)
        l.textHeight = std::max(l.textHeight, l.text.lineAt(i).rect().bottom());
}

namespace {
qreal naturalWidth(const QTextLayout &layout, int lines)
{
    qreal width = 0;
    for (int i = 0; i < lines; ++i)
        width = std::max(width, layout.lineAt(i).naturalTextWidth());
    return width;
}

QString firstGrapheme(const QString &text)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    const qsizetype end = finder.toNextBoundary();
    return text.left(end > 0 ? end : 1).toUpper();
}
} // namespace

void ChatLineLayouter::layoutMessage(const ChatLineStyle &style, qreal y)
{
    ChatLineGeometry &l = *m_layout;
    y += m_context.groupStart ? style.groupGap : style.rowGap;
    const int textWidth = style.messageTextWidth();
    layoutText(style, textWidth, EmojiText::isEmojiOnly(m_data.text), false);
    const QFontMetricsF nameMetrics(style.nameFont);
    const QFontMetricsF smallMetrics(style.smallFont);
    const QFontMetricsF foldMetrics(style.foldFont);

    qreal contentWidth = naturalWidth(l.text, l.visibleLines);
    qreal headerHeight = 0;
    l.timeText = style.shortTime(m_data.time);
    const qreal timeWidth = smallMetrics.horizontalAdvance(l.timeText);
    const qreal gap = style.paddingH;
    if (m_context.groupStart) {
        l.nameText = nameMetrics.elidedText(m_data.sender, Qt::ElideRight,
                                            std::max<qreal>(textWidth - timeWidth - gap, 0));
        headerHeight = std::ceil(nameMetrics.lineSpacing()) + 2;
        contentWidth
            = std::max(contentWidth, nameMetrics.horizontalAdvance(l.nameText) + gap + timeWidth);
    }
    qreal toggleHeight = 0;
    if (m_foldable) {
        toggleHeight = style.smallLineSpacing + style.paddingV / 2.0;
        contentWidth = std::max(contentWidth, foldMetrics.horizontalAdvance(l.foldText));
    }
    qreal statusHeight = 0;
    QRectF statusBounds;
    if (m_data.delivery == ChatDelivery::Pending) {
        l.statusText = tr("Sending…");
    } else if (m_data.delivery == ChatDelivery::Failed) {
        l.statusText
            = m_data.reason.isEmpty() ? tr("Not sent") : tr("Not sent: %1").arg(m_data.reason);
    }
    if (!l.statusText.isEmpty()) {
        statusBounds = smallMetrics.boundingRect(QRectF(0, 0, textWidth, 1e6), Qt::TextWordWrap,
                                                 l.statusText);
        statusHeight = std::ceil(statusBounds.height()) + style.paddingV / 2.0;
        contentWidth = std::max(contentWidth, statusBounds.width());
    }
    contentWidth
        = std::ceil(std::min<qreal>(std::max<qreal>(contentWidth, style.lineSpacing), textWidth));
    const qreal bubbleWidth = contentWidth + 2 * style.paddingH;
    const qreal bubbleHeight
        = 2 * style.paddingV + headerHeight + l.textHeight + toggleHeight + statusHeight;
    const qreal left = m_data.own ? style.width - style.sideMargin - bubbleWidth
                                  : style.sideMargin + style.avatarSize + style.avatarGap;
    l.content = QRectF(left, y, bubbleWidth, bubbleHeight);
    const qreal inner = left + style.paddingH;
    qreal top = y + style.paddingV;
    if (m_context.groupStart) {
        if (!m_data.own) {
            l.avatar = QRectF(style.sideMargin, y, style.avatarSize, style.avatarSize);
            l.initial = firstGrapheme(m_data.sender);
        }
        l.name = QRectF(inner, top, nameMetrics.horizontalAdvance(l.nameText), headerHeight);
        l.time
            = QRectF(l.content.right() - style.paddingH - timeWidth, top, timeWidth, headerHeight);
        top += headerHeight;
    } else {
        // Beside the bubble, on the side away from the avatar column.
        const qreal x
            = m_data.own ? left - style.avatarGap - timeWidth : l.content.right() + style.avatarGap;
        l.hoverTime = QRectF(x, l.content.bottom() - style.paddingV - style.smallLineSpacing,
                             timeWidth, style.smallLineSpacing);
    }
    l.textOrigin = QPointF(inner, top);
    top += l.textHeight;
    if (m_foldable) {
        l.foldToggle = QRectF(inner, top + style.paddingV / 2.0,
                              foldMetrics.horizontalAdvance(l.foldText), style.smallLineSpacing);
        top += toggleHeight;
    }
    if (!l.statusText.isEmpty())
        l.status = QRectF(inner, top + style.paddingV / 2.0, contentWidth, statusBounds.height());
}

void ChatLineLayouter::layoutCard(const ChatLineStyle &style, qreal y)
{
    ChatLineGeometry &l = *m_layout;
    y += style.groupGap;
    const int textWidth = style.cardTextWidth();
    layoutText(style, textWidth, false, false);
    const QFontMetricsF nameMetrics(style.nameFont);
    const QFontMetricsF smallMetrics(style.smallFont);
    const QFontMetricsF foldMetrics(style.foldFont);
    l.timeText = style.shortTime(m_data.time);
    const qreal timeWidth = smallMetrics.horizontalAdvance(l.timeText);
    l.nameText = nameMetrics.elidedText(tr("📢 Announcement from %1").arg(m_data.sender),
                                        Qt::ElideRight, textWidth - timeWidth - style.paddingH);
    const qreal headerHeight = std::ceil(nameMetrics.lineSpacing()) + 2;
    qreal contentWidth
        = std::max(naturalWidth(l.text, l.visibleLines),
                   nameMetrics.horizontalAdvance(l.nameText) + style.paddingH + timeWidth);
    qreal toggleHeight = 0;
    if (m_foldable) {
        toggleHeight = style.smallLineSpacing + style.paddingV / 2.0;
        contentWidth = std::max(contentWidth, foldMetrics.horizontalAdvance(l.foldText));
    }
    contentWidth = std::ceil(std::min<qreal>(contentWidth, textWidth));
    const qreal width = contentWidth + 2 * style.paddingH;
    const qreal left = std::floor((style.width - width) / 2);
    l.content
        = QRectF(left, y, width, 2 * style.paddingV + headerHeight + l.textHeight + toggleHeight);
    const qreal inner = left + style.paddingH;
    l.name = QRectF(inner, y + style.paddingV, nameMetrics.horizontalAdvance(l.nameText),
                    headerHeight);
    l.time = QRectF(l.content.right() - style.paddingH - timeWidth, y + style.paddingV, timeWidth,
                    headerHeight);
    l.textOrigin = QPointF(inner, y + style.paddingV + headerHeight);
    if (m_foldable)
        l.foldToggle = QRectF(inner, l.textOrigin.y() + l.textHeight + style.paddingV / 2.0,
                              foldMetrics.horizontalAdvance(l.foldText), style.smallLineSpacing);
}

void ChatLineLayouter::layoutSystem(const ChatLineStyle &style, qreal y)
{
    ChatLineGeometry &l = *m_layout;
    y += style.groupGap;
    const int maxWidth = style.systemTextWidth();
    layoutText(style, maxWidth, false, true);
    const QFontMetricsF smallMetrics(style.smallFont);
    l.timeText
        = style.shortTime((m_data.kind == ChatRowKind::Join || m_data.kind == ChatRowKind::Leave)
                              ? m_context.summaryTime
                              : m_data.time);
    const qreal timeWidth = smallMetrics.horizontalAdvance(l.timeText);
    const qreal gap = smallMetrics.horizontalAdvance(u"  "_s);
    // Centre each line; the time follows the last one, or has a line of its own.
    const int lines = l.text.lineCount();
    qreal left = style.width;
    qreal right = 0;
    qreal bottom = 0;
    for (int i = 0; i < lines; ++i) {
        QTextLine line = l.text.lineAt(i);
        qreal width = line.naturalTextWidth();
        const bool last = i == lines - 1;
        const bool timeFits = last && width + gap + timeWidth <= maxWidth;
        if (timeFits)
            width += gap + timeWidth;
        const qreal x = std::floor((style.width - width) / 2) - style.sideMargin - style.avatarSize;
        // Line positions are relative to the text origin (see below).
        line.setPosition(QPointF(x, line.y()));
        left = std::min(left, x);
        right = std::max(right, x + width);
        bottom = line.rect().bottom();
        if (timeFits)
            l.time = QRectF(x + line.naturalTextWidth() + gap, line.y(), timeWidth, line.height());
    }
    if (l.time.isNull()) {
        const qreal x
            = std::floor((style.width - timeWidth) / 2) - style.sideMargin - style.avatarSize;
        l.time = QRectF(x, bottom, timeWidth, style.smallLineSpacing);
        left = std::min(left, x);
        right = std::max(right, x + timeWidth);
        bottom += style.smallLineSpacing;
    }
    l.textOrigin = QPointF(style.sideMargin + style.avatarSize, y);
    l.time.translate(l.textOrigin);
    l.textHeight = bottom;
    l.content = QRectF(l.textOrigin.x() + left, y, right - left, bottom);
}

void ChatLineLayouter::prepareStaticTexts(const ChatLineStyle &style)
{
    ChatLineGeometry &l = *m_layout;
    const auto prepare
        = [](QStaticText *target, const QString &text, const QFont &font, qreal width = -1) {
              if (text.isEmpty())
                  return;
              target->setTextFormat(Qt::PlainText);
              target->setText(text);
              target->setTextWidth(width);
              target->prepare(QTransform(), font);
          };
    prepare(&l.timeStatic, l.timeText, style.smallFont);
    prepare(&l.foldStatic, l.foldText, style.foldFont);
    prepare(&l.statusStatic, l.statusText, style.smallFont, l.status.width());
    QFont dayFont = style.smallFont;
    dayFont.setBold(true);
    prepare(&l.dayStatic, l.dayText, dayFont);
    if (!l.nameText.isEmpty()) {
        l.nameLayout.setText(l.nameText);
        l.nameLayout.setFont(style.nameFont);
        ChatTextFormats::Input emoji;
        emoji.emojiFamily = style.emojiFamily;
        l.nameLayout.setFormats(ChatTextFormats::build(l.nameText, emoji));
        l.nameLayout.setCacheEnabled(true);
        l.nameLayout.beginLayout();
        QTextLine line = l.nameLayout.createLine();
        if (line.isValid())
            line.setLineWidth(1e6);
        l.nameLayout.endLayout();
    }
}
