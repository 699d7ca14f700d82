#include "chatlines.h"

#include "chatlinestyle.h"
#include "chattime.h"
#include "presencesummary.h"

#include <QAbstractItemModel>
#include <QLocale>

#include <algorithm>
#include <iterator>

ChatLines::ChatLines() = default;
ChatLines::~ChatLines() = default;

int ChatLines::insertRows(const QAbstractItemModel &model, int first, int last)
{
    const int added = last - first + 1;
    if (added <= 0)
        return 0;
    int others = 0;
    std::vector<ChatLine> lines;
    lines.reserve(std::size_t(added));
    for (int row = first; row <= last; ++row) {
        lines.emplace_back(ChatRowData::fromIndex(model.index(row, 0)));
        const ChatRowData &data = lines.back().data();
        if (!data.own
            && (data.kind == ChatRowKind::Message || data.kind == ChatRowKind::Announcement))
            ++others;
    }
    m_lines.insert(m_lines.begin() + first, std::make_move_iterator(lines.begin()),
                   std::make_move_iterator(lines.end()));
    if (m_unreadRow >= first)
        m_unreadRow += added;
    if (first <= m_anchor.row && count() > added)
        m_anchor.row += added;
    heightsChanged();
    updateContext(first - 1, last + 1);
    return others;
}

void ChatLines::refreshRows(const QAbstractItemModel &model, int first, int last)
{
    for (int row = std::max(first, 0); row <= last && row < count(); ++row)
        m_lines.at(std::size_t(row)).setData(ChatRowData::fromIndex(model.index(row, 0)));
    heightsChanged();
    updateContext(first - 1, last + 1);
}

void ChatLines::removeRows(int first, int last)
{
    if (first > last || first < 0 || last >= count())
        return;
    m_lines.erase(m_lines.begin() + first, m_lines.begin() + last + 1);
    if (m_unreadRow > last)
        m_unreadRow -= last - first + 1;
    else if (m_unreadRow >= first)
        m_unreadRow = -1;
    if (m_anchor.row > last) {
        m_anchor.row -= last - first + 1;
    } else if (m_anchor.row >= first) {
        m_anchor.row = std::max(std::min(first, count() - 1), 0);
        m_anchor.offset = 0;
    }
    heightsChanged();
    updateContext(first - 1, first);
}

void ChatLines::clear()
{
    m_lines.clear();
    m_unreadRow = -1;
    m_laidOut = 0;
    m_anchor = {};
    m_follow = true;
    heightsChanged();
}

void ChatLines::setExpanded(int row, bool expanded)
{
    m_lines.at(std::size_t(row)).setExpanded(expanded);
    heightsChanged();
}

void ChatLines::setUnreadRow(int row)
{
    const int old = m_unreadRow;
    m_unreadRow = row >= 0 && row < count() ? row : -1;
    if (old == m_unreadRow)
        return;
    if (old >= 0)
        updateContext(old - 1, old + 1);
    if (m_unreadRow >= 0)
        updateContext(m_unreadRow - 1, m_unreadRow + 1);
}

bool ChatLines::startsRun(int row) const
{
    const ChatLine &line = at(row);
    return line.isPresence()
           && (row == 0 || !at(row - 1).isPresence() || line.data().dayStart || row == m_unreadRow);
}

int ChatLines::runEnd(int row) const
{
    int end = row + 1;
    while (end < count() && at(end).isPresence() && !startsRun(end))
        ++end;
    return end;
}

int ChatLines::visibleRowFor(int row) const
{
    while (row > 0 && at(row).context().hidden)
        --row;
    return row;
}

int ChatLines::adjacentRow(int row, int step) const
{
    for (int next = row + step; next >= 0 && next < count(); next += step) {
        if (!at(next).context().hidden)
            return next;
    }
    return row >= 0 && row < count() ? row : -1;
}

ChatRowContext ChatLines::contextOf(int row, int end) const
{
    ChatRowContext context;
    const ChatLine &line = at(row);
    const ChatRowData &data = line.data();
    context.unreadAbove = row == m_unreadRow;
    if (line.isPresence()) {
        if (end < 0) {
            context.hidden = true;
            context.groupStart = false;
            return context;
        }
        QList<PresenceSummary::Event> events;
        events.reserve(end - row);
        for (int i = row; i < end; ++i) {
            const ChatRowData &event = at(i).data();
            events.append({event.kind, event.sender, event.time});
        }
        context.summary = PresenceSummary::text(events);
        context.summaryDetails = PresenceSummary::details(events, ChatTime::shortFormat());
        context.summaryTime = events.last().time;
        return context;
    }
    if (data.kind != ChatRowKind::Message || row == 0 || data.dayStart || context.unreadAbove)
        return context;
    const ChatRowData &previous = at(row - 1).data();
    const qint64 apart = previous.time.msecsTo(data.time);
    context.groupStart = previous.kind != ChatRowKind::Message || previous.sender != data.sender
                         || previous.own != data.own || apart < 0 || apart > GroupWindowMs;
    return context;
}

void ChatLines::updateContext(int first, int last)
{
    first = std::max(first, 0);
    last = std::min(last, count() - 1);
    if (first > last)
        return;
    while (first > 0 && at(first).isPresence() && !startsRun(first))
        --first;
    while (last + 1 < count() && at(last + 1).isPresence() && !startsRun(last + 1))
        ++last;
    for (int row = first; row <= last; ++row) {
        const int end = at(row).isPresence() && startsRun(row) ? runEnd(row) : -1;
        ChatRowContext context = contextOf(row, end);
        ChatLine &line = m_lines.at(std::size_t(row));
        if (context != line.context()) {
            line.setContext(std::move(context));
            heightsChanged();
        }
    }
}

void ChatLines::setStyle(const ChatLineStyle *style)
{
    m_style = style;
    heightsChanged();
}

bool ChatLines::layout(int row)
{
    if (!m_style || row < 0 || row >= count())
        return false;
    ChatLine &line = m_lines.at(std::size_t(row));
    const bool hadLayout = line.hasLayout();
    const bool changed = line.layout(*m_style);
    if (!hadLayout)
        ++m_laidOut;
    if (changed)
        heightsChanged();
    return changed;
}

void ChatLines::invalidate(int row)
{
    m_lines.at(std::size_t(row)).invalidate();
    heightsChanged();
}

void ChatLines::trimLayouts(int first, int last)
{
    if (m_laidOut <= MaxLaidOutRows)
        return;
    // Keep a margin around what is shown, so that scrolling back a little costs nothing.
    const int keepFirst = first - MaxLaidOutRows / 4;
    const int keepLast = last + MaxLaidOutRows / 4;
    m_laidOut = 0;
    for (int row = 0; row < count(); ++row) {
        ChatLine &line = m_lines.at(std::size_t(row));
        if (row < keepFirst || row > keepLast)
            line.releaseLayout();
        else if (line.hasLayout())
            ++m_laidOut;
    }
}

int ChatLines::laidOutRows() const
{
    return int(std::count_if(m_lines.cbegin(), m_lines.cend(),
                             [](const ChatLine &line) { return line.hasLayout(); }));
}

void ChatLines::updateTops()
{
    if (m_topsValid)
        return;
    m_tops.resize(m_lines.size() + 1);
    int y = 0;
    for (std::size_t row = 0; row < m_lines.size(); ++row) {
        ChatLine &line = m_lines[row];
        if (m_style)
            line.estimate(*m_style);
        m_tops[row] = y;
        y += line.height();
    }
    m_tops[m_lines.size()] = y;
    m_topsValid = true;
}

int ChatLines::top(int row)
{
    updateTops();
    return m_tops.at(std::size_t(std::clamp(row, 0, count())));
}

int ChatLines::height(int row)
{
    updateTops();
    return at(row).height();
}

int ChatLines::totalHeight()
{
    updateTops();
    return m_tops.back();
}

int ChatLines::rowAt(int y)
{
    updateTops();
    if (m_lines.empty() || y < 0 || y >= m_tops.back())
        return -1;
    // The last row starting at or above y: after hidden rows (height 0), the one that shows.
    const auto after = std::upper_bound(m_tops.cbegin(), m_tops.cend() - 1, y);
    return int(std::distance(m_tops.cbegin(), after)) - 1;
}

void ChatLines::anchorAt(int value, int maximum)
{
    m_follow = value >= maximum - FollowSlackPx;
    const int row = rowAt(value);
    m_anchor.row = std::max(row, 0);
    m_anchor.offset = row < 0 ? 0 : value - top(row);
}

void ChatLines::anchorRow(int row, int offset)
{
    m_follow = false;
    m_anchor = {row, offset};
}

ChatLines::ScrollRange ChatLines::layoutViewport(int viewportHeight, int bottomMargin)
{
    ScrollRange range;
    // Half a viewport above and below is laid out too, so that scrolling finds it ready.
    const int margin = viewportHeight / 2 + (m_style ? m_style->lineSpacing : 0);
    int first = 0;
    int last = -1;
    // Laying rows out changes their heights, which moves what is in the viewport: repeat until
    // nothing changes (in practice at most twice).
    for (int pass = 0; pass < 5 && count() > 0; ++pass) {
        bool changed = false;
        if (m_follow) {
            int covered = 0;
            for (int row = count() - 1; row >= 0 && covered < viewportHeight + margin; --row) {
                changed = layout(row) || changed;
                covered += at(row).height();
                first = row;
            }
            last = count() - 1;
        } else {
            m_anchor.row = std::clamp(m_anchor.row, 0, count() - 1);
            int covered = -m_anchor.offset;
            int row = m_anchor.row;
            for (; row < count() && covered < viewportHeight + margin; ++row) {
                changed = layout(row) || changed;
                covered += at(row).height();
            }
            last = row - 1;
            int above = 0;
            for (row = m_anchor.row - 1; row >= 0 && above < margin + m_anchor.offset; --row) {
                changed = layout(row) || changed;
                above += at(row).height();
            }
            first = row + 1;
        }
        if (!changed)
            break;
    }
    range.maximum = std::max(0, totalHeight() + bottomMargin - viewportHeight);
    range.value = m_follow || count() == 0
                      ? range.maximum
                      : std::clamp(top(m_anchor.row) + m_anchor.offset, 0, range.maximum);
    if (range.value >= range.maximum - FollowSlackPx)
        m_follow = true;
    trimLayouts(first, last);
    return range;
}
