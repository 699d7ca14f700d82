#include "chatline.h"

#include "chatlinegeometry.h"
#include "chatlinelayouter.h"
#include "chatlinestyle.h"

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
    case ChatRowKind::Notice:
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
    m_height = ChatLineLayouter::estimate(m_data, m_context, m_expanded, style);
}

bool ChatLine::layout(const ChatLineStyle &style)
{
    if (m_generation == style.generation && m_layout)
        return false;
    const int oldHeight = m_height;
    const bool wasExact = m_generation == style.generation;
    ChatLineLayouter::Result result
        = ChatLineLayouter::layout(m_data, m_context, text(), m_expanded, style);
    m_layout = std::move(result.geometry);
    m_height = result.height;
    m_foldable = result.foldable;
    m_visibleLength = result.visibleLength;
    m_generation = style.generation;
    return !wasExact || m_height != oldHeight;
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
