#include "chatline.h"

#include "chatlinegeometry.h"
#include "chatlinestyle.h"
#include "chattextformats.h"
#include "emojitext.h"

#include <QFontMetricsF>
#include <QModelIndex>
#include <QTextBoundaryFinder>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

bool ChatRowContext::operator==(const ChatRowContext &other) const
{
    return groupStart == other.groupStart && hidden == other.hidden
           && unreadAbove == other.unreadAbove && summary == other.summary
           && summaryDetails == other.summaryDetails && summaryTime == other.summaryTime;
}

ChatRowData ChatRowData::fromIndex(const QModelIndex &index)
{
    ChatRowData data;
    data.kind = ChatRowKind(index.data(ChatViewRole::Kind).toInt());
    data.delivery = ChatDelivery(index.data(ChatViewRole::Delivery).toInt());
    data.sender = index.data(ChatViewRole::Sender).toString();
    data.text = index.data(Qt::DisplayRole).toString();
    data.reason = index.data(ChatViewRole::Reason).toString();
    data.time = index.data(ChatViewRole::Timestamp).toDateTime();
    data.own = index.data(ChatViewRole::Own).toBool();
    data.mention = index.data(ChatViewRole::Mention).toBool();
    data.dayStart = index.data(ChatViewRole::DayStart).toBool();
    if (data.mention)
        data.mentionRanges = index.data(ChatViewRole::MentionRanges).value<QList<int>>();
    data.newlines = int(data.text.count(u'\n'));
    return data;
}

ChatLine::ChatLine() = default;
ChatLine::ChatLine(ChatRowData data) : m_data(std::move(data)) { }
ChatLine::~ChatLine() = default;
ChatLine::ChatLine(ChatLine &&other) noexcept = default;
ChatLine &ChatLine::operator=(ChatLine &&other) noexcept = default;

void ChatLine::setData(ChatRowData data)
{
    m_data = std::move(data);
    invalidate();
}

void ChatLine::setContext(ChatRowContext context)
{
    if (context == m_context)
        return;
    m_context = std::move(context);
    invalidate();
}

bool ChatLine::isPresence() const
{
    return m_data.kind == ChatRowKind::Join || m_data.kind == ChatRowKind::Leave;
}

void ChatLine::setExpanded(bool expanded)
{
    if (expanded == m_expanded)
        return;
    m_expanded = expanded;
    invalidate();
}

QString ChatLine::text() const
{
    switch (m_data.kind) {
    case ChatRowKind::Message:
    case ChatRowKind::Announcement:
        return m_data.text;
    case ChatRowKind::Join:
    case ChatRowKind::Leave:
        return m_context.summary;
    case ChatRowKind::Kick:
        return m_data.text.isEmpty()
                   ? tr("%1 was removed by the operator").arg(m_data.sender)
                   : tr("%1 was removed by the operator: %2").arg(m_data.sender, m_data.text);
    }
    return {};
}

int ChatLine::selectableLength() const
{
    return m_visibleLength >= 0 ? m_visibleLength : int(text().size());
}

QList<ChatLinks::Link> ChatLine::links() const
{
    if (m_layout)
        return m_layout->links;
    if (m_data.kind == ChatRowKind::Message || m_data.kind == ChatRowKind::Announcement)
        return ChatLinks::find(m_data.text);
    return {};
}

void ChatLine::releaseLayout()
{
    m_layout.reset();
}

void ChatLine::estimate(const ChatLineStyle &style)
{
    if (m_generation == style.generation || m_estimateGeneration == style.generation)
        return;
    m_estimateGeneration = style.generation;
    int height = (m_data.dayStart ? style.separatorHeight : 0)
                 + (m_context.unreadAbove ? style.separatorHeight : 0);
    if (m_context.hidden) {
        m_height = height;
        return;
    }
    const auto lines = [&](int width) {
        const qreal perLine
            = std::max<qreal>(1, width / std::max<qreal>(1, style.averageCharWidth));
        int count = m_data.newlines + 1 + int(qreal(m_data.text.size()) / perLine);
        if (count > style.foldLines && !m_expanded)
            count = style.foldShownLines + 1;
        return count;
    };
    switch (m_data.kind) {
    case ChatRowKind::Message:
        height += (m_context.groupStart ? style.groupGap + style.lineSpacing : style.rowGap)
                  + 2 * style.paddingV + lines(style.messageTextWidth()) * style.lineSpacing
                  + (m_data.delivery != ChatDelivery::Delivered ? style.smallLineSpacing : 0);
        break;
    case ChatRowKind::Announcement:
        height += style.groupGap + 2 * style.paddingV + style.lineSpacing
                  + lines(style.cardTextWidth()) * style.lineSpacing;
        break;
    case ChatRowKind::Join:
    case ChatRowKind::Leave:
    case ChatRowKind::Kick:
        height += style.groupGap + style.smallLineSpacing;
        break;
    }
    m_height = height;
}

bool ChatLine::layout(const ChatLineStyle &style)
{
    if (m_generation == style.generation && m_layout)
        return false;
    const int oldHeight = m_height;
    const bool wasExact = m_generation == style.generation;
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
            layoutSystem(style, y);
            break;
        }
        y = m_layout->content.bottom();
    }
    m_height = int(std::ceil(y));
    m_generation = style.generation;
    prepareStaticTexts(style);
    return !wasExact || m_height != oldHeight;
}

void ChatLine::prepareStaticTexts(const ChatLineStyle &style)
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

void ChatLine::layoutText(const ChatLineStyle &style, int width, bool emojiOnly, bool system)
{
    ChatLineGeometry &l = *m_layout;
    QString shown = text();
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

void ChatLine::layoutMessage(const ChatLineStyle &style, qreal y)
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

void ChatLine::layoutCard(const ChatLineStyle &style, qreal y)
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

void ChatLine::layoutSystem(const ChatLineStyle &style, qreal y)
{
    ChatLineGeometry &l = *m_layout;
    y += style.groupGap;
    const int maxWidth = style.systemTextWidth();
    layoutText(style, maxWidth, false, true);
    const QFontMetricsF smallMetrics(style.smallFont);
    l.timeText = style.shortTime(isPresence() ? m_context.summaryTime : m_data.time);
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

QRectF ChatLine::contentRect() const
{
    return m_layout ? m_layout->content : QRectF();
}

QRectF ChatLine::cursorRect(int position) const
{
    if (!m_layout || m_layout->text.lineCount() == 0)
        return {};
    const QTextLayout &text = m_layout->text;
    position = std::clamp(position, 0, int(text.text().size()));
    QTextLine line = text.lineForTextPosition(position);
    if (!line.isValid())
        line = text.lineAt(text.lineCount() - 1);
    const qreal x = line.cursorToX(position);
    return QRectF(m_layout->textOrigin + QPointF(x, line.y()), QSizeF(1, line.height()));
}

int ChatLine::nextCursorPosition(int position, bool word) const
{
    if (!m_layout)
        return position;
    const int next = m_layout->text.nextCursorPosition(
        position, word ? QTextLayout::SkipWords : QTextLayout::SkipCharacters);
    return std::min(next, selectableLength());
}

int ChatLine::previousCursorPosition(int position, bool word) const
{
    if (!m_layout)
        return position;
    return m_layout->text.previousCursorPosition(position, word ? QTextLayout::SkipWords
                                                                : QTextLayout::SkipCharacters);
}

ChatHit ChatLine::hitTest(const QPointF &point, const ChatLineStyle &style) const
{
    ChatHit hit;
    if (!m_layout || m_context.hidden)
        return hit;
    const ChatLineGeometry &l = *m_layout;
    // The nearest cursor position, for selecting: above the text is its start, below its end.
    const QPointF local = point - l.textOrigin;
    if (l.visibleLines > 0) {
        const QTextLine first = l.text.lineAt(0);
        const QTextLine last = l.text.lineAt(l.visibleLines - 1);
        if (local.y() < first.y()) {
            hit.textPosition = 0;
        } else if (local.y() >= last.rect().bottom()) {
            hit.textPosition = selectableLength();
        } else {
            for (int i = 0; i < l.visibleLines; ++i) {
                const QTextLine line = l.text.lineAt(i);
                if (local.y() < line.rect().bottom()) {
                    hit.textPosition = line.xToCursor(local.x());
                    hit.character = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
                    break;
                }
            }
        }
    }
    if (l.foldToggle.contains(point)) {
        hit.part = ChatHit::Part::FoldToggle;
    } else if (l.avatar.contains(point) || l.name.contains(point)) {
        hit.part = l.avatar.contains(point) ? ChatHit::Part::Avatar : ChatHit::Part::Name;
        hit.toolTip = m_data.sender;
    } else if (l.time.contains(point) || l.hoverTime.contains(point)) {
        hit.part = ChatHit::Part::Time;
        hit.toolTip = style.longTime(isPresence() ? m_context.summaryTime : m_data.time);
    } else if (l.status.contains(point)) {
        hit.part = ChatHit::Part::Status;
        hit.toolTip = l.statusText;
    } else if (l.content.contains(point)) {
        hit.part = ChatHit::Part::Text;
        if (isPresence())
            hit.toolTip = m_context.summaryDetails;
        for (int i = 0; i < l.visibleLines; ++i) {
            const QTextLine line = l.text.lineAt(i);
            if (local.y() < line.y() || local.y() >= line.rect().bottom())
                continue;
            if (local.x() < line.x() || local.x() > line.x() + line.naturalTextWidth())
                break;
            const int at = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
            for (const ChatLinks::Link &link : l.links) {
                if (at >= link.start && at < link.start + link.length) {
                    hit.part = ChatHit::Part::Link;
                    hit.url = link.url;
                    hit.toolTip = link.url.toDisplayString();
                }
            }
            break;
        }
    }
    return hit;
}
