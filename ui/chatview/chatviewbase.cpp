#include "chatviewbase.h"

#include "chatlinegeometry.h"
#include "chatlinepainter.h"
#include "chatviewaccessible.h"
#include "jumptolatestbutton.h"
#include "midnighttimer.h"

#include <QAccessible>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

ChatViewBase::ChatViewBase(QWidget *parent) : QAbstractItemView(parent)
{
    static const bool accessible = [] {
        QAccessible::installFactory(ChatViewAccessible::create);
        return true;
    }();
    Q_UNUSED(accessible);
    // First: the setters below already ask for the geometry, which places the button.
    m_jumpButton = new JumpToLatestButton(this);
    m_jumpButton->hide();
    connect(m_jumpButton, &QAbstractButton::clicked, this, &ChatViewBase::jumpToLatest);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);

    // "Today" becomes "Yesterday".
    connect(new MidnightTimer(this), &MidnightTimer::dateChanged, this,
            &ChatViewBase::rebuildStyle);
    rebuildStyle();
}

ChatViewBase::~ChatViewBase() = default;

// The model

void ChatViewBase::setModel(QAbstractItemModel *newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QAbstractItemView::setModel(newModel);
    if (newModel)
        connect(newModel, &QAbstractItemModel::rowsRemoved, this, &ChatViewBase::onRowsRemoved);
    reset();
}

void ChatViewBase::reset()
{
    QAbstractItemView::reset();
    m_lines.clear();
    m_selection.reset();
    m_hoverRow = -1;
    m_newBelow = 0;
    if (model() && model()->rowCount() > 0)
        m_lines.insertRows(*model(), 0, model()->rowCount() - 1);
    syncUnreadRow();
    invalidateLayout();
}

void ChatViewBase::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    if (parent.isValid() || !model())
        return;
    // Rows that arrive below the viewport are new to a user who scrolled up.
    const bool below = !m_lines.isFollowing() && m_lines.count() > 0
                       && m_lines.top(start) >= verticalOffset() + viewport()->height();
    const int others = m_lines.insertRows(*model(), start, end);
    if (below)
        m_newBelow += others;
    m_selection.rowsInserted(start, end - start + 1);
    m_hoverRow = -1;
    syncUnreadRow();
    invalidateLayout();
    ChatViewAccessible::rowsChanged(this, QAccessibleTableModelChangeEvent::RowsInserted, start,
                                    end);
}

void ChatViewBase::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    m_lines.removeRows(first, last);
    m_selection.rowsRemoved(first, last);
    m_hoverRow = -1;
    syncUnreadRow();
    invalidateLayout();
    ChatViewAccessible::rowsChanged(this, QAccessibleTableModelChangeEvent::RowsRemoved, first,
                                    last);
}

void ChatViewBase::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                               const QList<int> &roles)
{
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
    if (!topLeft.isValid() || !bottomRight.isValid() || topLeft.parent().isValid())
        return;
    m_lines.refreshRows(*model(), topLeft.row(), bottomRight.row());
    invalidateLayout();
}

void ChatViewBase::syncUnreadRow()
{
    m_lines.setUnreadRow(m_unreadMarker.isValid() ? m_unreadMarker.row() : -1);
}

void ChatViewBase::setUnreadMarker(const QModelIndex &firstUnread)
{
    m_unreadMarker = firstUnread;
    syncUnreadRow();
    invalidateLayout();
}

void ChatViewBase::clearUnreadMarker()
{
    setUnreadMarker(QModelIndex());
}

// Layout and scrolling

int ChatViewBase::layoutWidth() const
{
    // As if the scroll bar were always shown: showing or hiding it never changes the layout.
    // The width beside the bar, whether it is shown or not (and whether the viewport has been
    // resized for it yet or not).
    return std::max(contentsRect().width() - verticalScrollBar()->sizeHint().width(), 1);
}

void ChatViewBase::rebuildStyle()
{
    ++m_generation;
    m_style = ChatLineStyle(font(), palette(), layoutWidth(), m_generation);
    m_lines.setStyle(&m_style);
    m_jumpButton->setColors(m_style.theme.jumpButton, m_style.theme.jumpButtonText);
    verticalScrollBar()->setSingleStep(m_style.lineSpacing);
    invalidateLayout();
}

void ChatViewBase::invalidateLayout() const
{
    m_dirty = true;
    viewport()->update();
    // The scroll bar is brought up to date before anything else runs, painted or not.
    if (!m_relayoutQueued) {
        m_relayoutQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_relayoutQueued = false;
            relayout();
        });
    }
}

void ChatViewBase::relayout() const
{
    if (m_inRelayout)
        return;
    // A frame or style change can change the width without a resize event.
    if (layoutWidth() != m_style.width)
        const_cast<ChatViewBase *>(this)->rebuildStyle();
    if (!m_dirty)
        return;
    m_inRelayout = true;
    const ChatLines::ScrollRange range
        = m_lines.layoutViewport(viewport()->height(), m_style.bottomMargin);
    QScrollBar *bar = verticalScrollBar();
    m_settingScroll = true;
    bar->setRange(0, range.maximum);
    bar->setPageStep(viewport()->height());
    bar->setValue(range.value);
    m_settingScroll = false;
    auto *self = const_cast<ChatViewBase *>(this);
    if (m_lines.isFollowing())
        self->m_newBelow = 0;
    m_dirty = false;
    m_inRelayout = false;
    self->updateJumpButton();
}

void ChatViewBase::scrollContentsBy(int, int dy)
{
    if (m_settingScroll) {
        viewport()->update(); // relayout() moved the content to keep the anchor in place
        return;
    }
    const int value = verticalScrollBar()->value();
    m_lines.anchorAt(value, verticalScrollBar()->maximum());
    m_dirty = true;
    relayout();
    // Unless rows above changed height on the way (then the value moved), what was on screen
    // moved by dy: move the pixels and paint only what came into view.
    if (verticalScrollBar()->value() == value)
        viewport()->scroll(0, dy);
    else
        viewport()->update();
    updateJumpButton();
}

void ChatViewBase::updateGeometries()
{
    QAbstractItemView::updateGeometries();
    m_dirty = true;
    relayout();
}

void ChatViewBase::resizeEvent(QResizeEvent *event)
{
    QAbstractItemView::resizeEvent(event);
    if (layoutWidth() != m_style.width)
        rebuildStyle();
    m_dirty = true;
    relayout();
}

void ChatViewBase::changeEvent(QEvent *event)
{
    QAbstractItemView::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::LocaleChange:
    case QEvent::LanguageChange:
        m_lines.updateContext(0, m_lines.count() - 1); // the run sentences are translated
        rebuildStyle();
        break;
    default:
        break;
    }
}

int ChatViewBase::contentShift() const
{
    return std::max(0, viewport()->height() - m_lines.totalHeight() - m_style.bottomMargin);
}

int ChatViewBase::rowY(int row) const
{
    return m_lines.top(row) - verticalOffset() + contentShift();
}

bool ChatViewBase::isAtBottom() const
{
    relayout();
    return m_lines.isFollowing();
}

void ChatViewBase::jumpToLatest()
{
    m_lines.setFollowing(true);
    m_newBelow = 0;
    m_dirty = true;
    relayout();
    viewport()->update();
}

void ChatViewBase::updateJumpButton()
{
    m_jumpButton->placeIn(viewport()->geometry(), m_style.sideMargin, m_newBelow,
                          m_lines.count() > 0 && !m_lines.isFollowing());
}

// QAbstractItemView

QRect ChatViewBase::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != model() || index.row() >= m_lines.count())
        return {};
    relayout();
    if (m_lines.at(index.row()).context().hidden)
        return {};
    return QRect(0, rowY(index.row()), viewport()->width(), m_lines.height(index.row()));
}

QModelIndex ChatViewBase::indexAt(const QPoint &point) const
{
    relayout();
    const int row = m_lines.rowAt(point.y() + verticalOffset() - contentShift());
    return row >= 0 && model() ? model()->index(row, 0) : QModelIndex();
}

void ChatViewBase::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.row() >= m_lines.count())
        return;
    relayout();
    const int row = m_lines.visibleRowFor(index.row());
    if (m_lines.layout(row))
        m_dirty = true;
    const int top = m_lines.top(row);
    const int height = m_lines.height(row);
    const int viewTop = verticalOffset();
    const int viewHeight = viewport()->height();
    int target = viewTop;
    if (hint == PositionAtTop || (hint == EnsureVisible && top < viewTop))
        target = top;
    else if (hint == PositionAtBottom
             || (hint == EnsureVisible && top + height > viewTop + viewHeight))
        target = top + height - viewHeight;
    else if (hint == PositionAtCenter)
        target = top + height / 2 - viewHeight / 2;
    if (target != viewTop) {
        const int anchor = m_lines.rowAt(std::max(target, 0));
        m_lines.anchorRow(std::max(anchor, 0),
                          std::max(target, 0) - m_lines.top(std::max(anchor, 0)));
        m_dirty = true;
    }
    relayout();
    viewport()->update();
}

int ChatViewBase::horizontalOffset() const
{
    return 0;
}

int ChatViewBase::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool ChatViewBase::isIndexHidden(const QModelIndex &index) const
{
    return index.isValid() && index.row() < m_lines.count()
           && m_lines.at(index.row()).context().hidden;
}

void ChatViewBase::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    const QModelIndex index = indexAt(rect.center());
    if (selectionModel() && index.isValid())
        selectionModel()->select(index, command);
}

QRegion ChatViewBase::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    const QModelIndexList indexes = selection.indexes();
    for (const QModelIndex &index : indexes)
        region += visualRect(index);
    return region;
}

QModelIndex ChatViewBase::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    if (!model() || m_lines.count() == 0)
        return {};
    relayout();
    const int current = currentIndex().isValid() ? currentIndex().row()
                                                 : m_lines.adjacentRow(m_lines.count(), -1);
    int row = current;
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        row = m_lines.adjacentRow(current, -1);
        break;
    case MoveDown:
    case MoveNext:
        row = m_lines.adjacentRow(current, 1);
        break;
    case MoveHome:
        row = m_lines.adjacentRow(-1, 1);
        break;
    case MoveEnd:
        row = m_lines.adjacentRow(m_lines.count(), -1);
        break;
    case MovePageUp:
        row = m_lines.rowAt(std::max(0, m_lines.top(current) - viewport()->height()));
        break;
    case MovePageDown:
        row = m_lines.rowAt(
            std::min(m_lines.totalHeight() - 1, m_lines.top(current) + viewport()->height()));
        break;
    case MoveLeft:
    case MoveRight:
        break;
    }
    row = m_lines.visibleRowFor(std::clamp(row < 0 ? current : row, 0, m_lines.count() - 1));
    return model()->index(row, 0);
}

void ChatViewBase::setCurrentRow(int row)
{
    if (row >= 0 && row < m_lines.count() && selectionModel())
        selectionModel()->setCurrentIndex(model()->index(row, 0),
                                          QItemSelectionModel::ClearAndSelect);
}

void ChatViewBase::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QAbstractItemView::currentChanged(current, previous);
    viewport()->update();
    if (current.isValid() && hasFocus())
        ChatViewAccessible::rowFocused(this, current.row());
}

// Painting

void ChatViewBase::paintEvent(QPaintEvent *event)
{
    relayout();
    QPainter painter(viewport());
    painter.fillRect(event->rect(), m_style.theme.background);
    if (m_lines.count() == 0) {
        painter.setPen(m_style.theme.secondaryText);
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No messages yet"));
        return;
    }
    const QRect area = event->rect();
    const int current
        = hasFocus() && m_keyboardFocus && currentIndex().isValid() ? currentIndex().row() : -1;
    int row = std::max(m_lines.rowAt(verticalOffset() - contentShift() + area.top()), 0);
    for (; row < m_lines.count(); ++row) {
        const int y = rowY(row);
        if (y > area.bottom())
            break;
        const ChatLine &line = m_lines.at(row);
        if (line.height() == 0 || y + line.height() < area.top())
            continue;
        if (m_lines.layout(row))
            invalidateLayout(); // was not laid out: drawn now, positioned again right after
        ChatLinePaintState state;
        const auto [start, end] = m_selection.rangeIn(row, line.selectableLength());
        state.selectionStart = start;
        state.selectionEnd = end;
        state.current = row == current;
        state.caret
            = state.current && m_selection.caret().row == row ? m_selection.caret().offset : -1;
        state.hovered = row == m_hoverRow;
        state.hoveredFoldToggle = state.hovered && m_hoverFoldToggle;
        painter.save();
        painter.translate(0, y);
        ChatLinePainter::paint(&painter, line, m_style, state);
        painter.restore();
    }
}

// Hit testing

ChatViewBase::Hit ChatViewBase::hitAt(const QPoint &point) const
{
    relayout();
    Hit result;
    result.row = m_lines.rowAt(point.y() + verticalOffset() - contentShift());
    if (result.row < 0)
        return result;
    m_lines.layout(result.row);
    result.hit
        = m_lines.at(result.row).hitTest(QPointF(point.x(), point.y() - rowY(result.row)), m_style);
    return result;
}

TextPosition ChatViewBase::positionAt(const QPoint &point) const
{
    relayout();
    if (m_lines.count() == 0)
        return {};
    const int y = point.y() + verticalOffset() - contentShift();
    if (y < 0)
        return {m_lines.adjacentRow(-1, 1), 0};
    if (y >= m_lines.totalHeight()) {
        const int last = m_lines.adjacentRow(m_lines.count(), -1);
        return {last, m_lines.at(last).selectableLength()};
    }
    const Hit found = hitAt(point);
    const ChatLine &hitLine = m_lines.at(found.row);
    return {found.row, std::clamp(found.hit.textPosition, 0, hitLine.selectableLength())};
}

const ChatLine &ChatViewBase::laidOut(int row) const
{
    m_lines.layout(row);
    return m_lines.at(row);
}

void ChatViewBase::setRowExpanded(int row, bool expanded)
{
    m_lines.setExpanded(row, expanded);
    // A selection in text that folds away would be invisible.
    if (!expanded && (m_selection.start().row == row || m_selection.end().row == row))
        m_selection.clear();
    invalidateLayout();
}

int ChatViewBase::laidOutRows() const
{
    return m_lines.laidOutRows();
}

#include "moc_chatviewbase.cpp"
