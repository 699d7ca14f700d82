#include "chatview.h"

#include "chatcontextmenu.h"
#include "chatkeyboard.h"
#include "chatlinegeometry.h"
#include "dragautoscroll.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QStyleHints>
#include <QTextBoundaryFinder>
#include <QTextDocument>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// The word around the character at position (a run of white space is a "word" too).
std::pair<int, int> wordAt(const QString &text, int position)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    finder.setPosition(position);
    qsizetype start = finder.isAtBoundary() ? position : finder.toPreviousBoundary();
    finder.setPosition(position);
    qsizetype end = finder.toNextBoundary();
    if (start < 0)
        start = 0;
    if (end < 0)
        end = text.size();
    return {int(start), int(end)};
}
} // namespace

ChatView::ChatView(QWidget *parent) : ChatViewBase(parent), m_autoScroll(new DragAutoScroll(this))
{
    setObjectName(u"chatView"_s);
    setAccessibleName(tr("Messages"));
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::ArrowCursor);
    connect(m_autoScroll, &DragAutoScroll::scrolled, this, &ChatView::dragTo);
}

ChatView::~ChatView() = default;

bool ChatView::isRow(const QModelIndex &index) const
{
    return index.isValid() && index.model() == model() && index.row() < lines().count();
}

// Queries

QString ChatView::rowText(const QModelIndex &index) const
{
    return isRow(index) ? lines().at(index.row()).text() : QString();
}

QString ChatView::headerText(const QModelIndex &index) const
{
    if (!isRow(index))
        return {};
    const ChatLineGeometry *geometry = laidOut(index.row()).geometry();
    if (!geometry || geometry->name.isNull())
        return {};
    return geometry->nameText + u"  "_s + geometry->timeText;
}

QString ChatView::statusText(const QModelIndex &index) const
{
    const ChatLineGeometry *geometry = isRow(index) ? laidOut(index.row()).geometry() : nullptr;
    return geometry ? geometry->statusText : QString();
}

bool ChatView::isRowHidden(int row) const
{
    return row >= 0 && row < lines().count() && lines().at(row).context().hidden;
}

bool ChatView::isGroupStart(int row) const
{
    return row >= 0 && row < lines().count() && lines().at(row).context().groupStart;
}

bool ChatView::isFoldable(const QModelIndex &index) const
{
    return isRow(index) && laidOut(index.row()).isFoldable();
}

bool ChatView::isFolded(const QModelIndex &index) const
{
    return isFoldable(index) && !lines().at(index.row()).isExpanded();
}

void ChatView::setExpanded(const QModelIndex &index, bool expanded)
{
    if (isRow(index))
        setRowExpanded(index.row(), expanded);
}

QPoint ChatView::textPoint(const QModelIndex &index, int position) const
{
    if (!isRow(index))
        return {};
    relayout();
    const QRectF cursor = laidOut(index.row()).cursorRect(position);
    return QPoint(int(cursor.left()), rowY(index.row()) + int(cursor.center().y()));
}

QRect ChatView::contentRect(const QModelIndex &index) const
{
    if (!isRow(index))
        return {};
    relayout();
    const QRectF content = laidOut(index.row()).contentRect();
    return content.toAlignedRect().translated(0, rowY(index.row()));
}

QRect ChatView::foldToggleRect(const QModelIndex &index) const
{
    if (!isRow(index))
        return {};
    relayout();
    const ChatLineGeometry *geometry = laidOut(index.row()).geometry();
    return geometry ? geometry->foldToggle.toAlignedRect().translated(0, rowY(index.row()))
                    : QRect();
}

QUrl ChatView::linkAt(const QPoint &point) const
{
    const Hit found = hitAt(point);
    return found.hit.part == ChatHit::Part::Link ? found.hit.url : QUrl();
}

// The selection

QString ChatView::selectedText() const
{
    return m_selection.text(lines());
}

void ChatView::selectText(const QModelIndex &index, int start, int end)
{
    if (!isRow(index))
        return;
    m_selection.select({index.row(), start}, {index.row(), end});
    viewport()->update();
}

void ChatView::clearTextSelection()
{
    m_selection.clear();
    viewport()->update();
}

void ChatView::copy()
{
    if (hasSelectedText())
        QGuiApplication::clipboard()->setText(selectedText());
}

// X11's primary selection: what is selected can be pasted with the middle button.
void ChatView::publishSelection()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (hasSelectedText() && clipboard->supportsSelection())
        clipboard->setText(selectedText(), QClipboard::Selection);
}

void ChatView::openLink(const QUrl &url)
{
    if (ChatLinks::isAllowed(url)) // never javascript:, file:, data: …
        QDesktopServices::openUrl(url);
}

void ChatView::toggleFold(int row)
{
    const bool expand = !lines().at(row).isExpanded();
    setRowExpanded(row, expand);
    if (!expand)
        scrollTo(model()->index(row, 0), EnsureVisible);
}

void ChatView::focusInEvent(QFocusEvent *event)
{
    ChatViewBase::focusInEvent(event);
    viewport()->update(); // the caret and the focus ring
}

void ChatView::focusOutEvent(QFocusEvent *event)
{
    ChatViewBase::focusOutEvent(event);
    viewport()->update();
}

// The mouse

bool ChatView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        const auto *help = static_cast<QHelpEvent *>(event);
        const Hit found = hitAt(help->pos());
        if (found.hit.toolTip.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            // Peer text: always as plain text, never as markup.
            QToolTip::showText(help->globalPos(),
                               Qt::convertFromPlainText(found.hit.toolTip, Qt::WhiteSpaceNormal),
                               viewport());
        }
        return true;
    }
    case QEvent::Leave:
        m_hoverRow = -1;
        m_hoverFoldToggle = false;
        viewport()->update();
        break;
    default:
        break;
    }
    return ChatViewBase::viewportEvent(event);
}

void ChatView::updateHover(const QPoint &point)
{
    const Hit found = hitAt(point);
    const bool onToggle = found.hit.part == ChatHit::Part::FoldToggle;
    if (found.row != m_hoverRow || onToggle != m_hoverFoldToggle) {
        m_hoverRow = found.row;
        m_hoverFoldToggle = onToggle;
        viewport()->update();
    }
    Qt::CursorShape shape = Qt::ArrowCursor;
    switch (found.hit.part) {
    case ChatHit::Part::Link:
    case ChatHit::Part::FoldToggle:
        shape = Qt::PointingHandCursor;
        break;
    case ChatHit::Part::Text:
        shape = Qt::IBeamCursor;
        break;
    default:
        break;
    }
    if (viewport()->cursor().shape() != shape)
        viewport()->setCursor(shape);
}

void ChatView::mousePressEvent(QMouseEvent *event)
{
    m_keyboardFocus = false;
    if (event->button() != Qt::LeftButton)
        return; // the right button opens the context menu without touching the selection
    const QPoint point = event->position().toPoint();
    const Hit found = hitAt(point);
    m_pressPos = point;
    m_pressedLink.clear();
    m_pressedToggleRow = -1;
    if (found.row < 0) {
        clearTextSelection();
        return;
    }
    setCurrentRow(found.row);
    const ChatLine &pressed = lines().at(found.row);
    const int length = pressed.selectableLength();
    if (m_sinceDoubleClick.isValid()
        && m_sinceDoubleClick.elapsed() < QGuiApplication::styleHints()->mouseDoubleClickInterval()
        && (point - m_doubleClickPos).manhattanLength() < QApplication::startDragDistance()) {
        // A triple click: the whole message.
        m_sinceDoubleClick.invalidate();
        m_selection.select({found.row, 0}, {found.row, length});
        publishSelection();
        viewport()->update();
        return;
    }
    if (found.hit.part == ChatHit::Part::FoldToggle) {
        m_pressedToggleRow = found.row;
        return;
    }
    if (found.hit.part == ChatHit::Part::Link)
        m_pressedLink = found.hit.url;
    const TextPosition position {found.row, std::clamp(found.hit.textPosition, 0, length)};
    m_selection.moveCaret(position, event->modifiers() & Qt::ShiftModifier);
    m_selecting = true;
    viewport()->update();
}

void ChatView::dragTo(const QPoint &point)
{
    const TextPosition position = positionAt(point);
    if (!position.isValid())
        return;
    m_selection.moveCaret(position, true);
    viewport()->update();
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    if (!m_selecting || !(event->buttons() & Qt::LeftButton)) {
        updateHover(point);
        return;
    }
    if ((point - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        m_pressedLink.clear(); // a drag that started on a link selects, it does not open
    dragTo(point);
    m_autoScroll->track(point, lineStyle().lineSpacing * 4);
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_autoScroll->stop();
    m_selecting = false;
    const Hit found = hitAt(event->position().toPoint());
    if (m_pressedToggleRow >= 0) {
        if (found.row == m_pressedToggleRow && found.hit.part == ChatHit::Part::FoldToggle)
            toggleFold(found.row);
    } else if (!m_pressedLink.isEmpty()) {
        // A click on a link (not a drag) opens it, and selects nothing.
        if (found.hit.part == ChatHit::Part::Link && found.hit.url == m_pressedLink) {
            clearTextSelection();
            openLink(m_pressedLink);
        }
    }
    m_pressedLink.clear();
    m_pressedToggleRow = -1;
    publishSelection();
}

void ChatView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint point = event->position().toPoint();
    const Hit found = hitAt(point);
    if (found.row < 0 || found.hit.character < 0 || found.hit.part == ChatHit::Part::FoldToggle)
        return;
    const ChatLine &clicked = lines().at(found.row);
    const auto [start, end]
        = wordAt(clicked.text().left(clicked.selectableLength()), found.hit.character);
    m_selection.select({found.row, start}, {found.row, end});
    m_sinceDoubleClick.start();
    m_doubleClickPos = point;
    m_selecting = false;
    m_pressedLink.clear();
    publishSelection();
    viewport()->update();
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    relayout();
    int row = -1;
    QPoint point = event->pos();
    ChatContextMenu::Request request;
    if (event->reason() == QContextMenuEvent::Mouse) {
        const Hit found = hitAt(point);
        row = found.row;
        if (found.hit.part == ChatHit::Part::Link)
            request.linkUnderPointer = found.hit.url;
    } else {
        row = currentIndex().isValid() ? currentIndex().row()
                                       : lines().adjacentRow(lines().count(), -1);
        if (row < 0)
            return;
        scrollTo(model()->index(row, 0));
        point = contentRect(model()->index(row, 0)).center();
    }
    if (row < 0)
        return;
    setCurrentRow(row);
    const ChatLine &chosen = lines().at(row);
    request.selectedText = selectedText();
    request.rowText = chosen.text();
    request.quoteText = m_selection.isWithin(row) ? request.selectedText : request.rowText;
    if (request.linkUnderPointer.isEmpty()) {
        for (const ChatLinks::Link &link : chosen.links())
            request.rowLinks.append(link.url);
    }
    const ChatContextMenu::Choice choice
        = ChatContextMenu::exec(request, viewport()->mapToGlobal(point), this);
    if (choice.action == ChatContextMenu::Choice::Action::Quote)
        emit quoteRequested(request.quoteText);
    else if (choice.action == ChatContextMenu::Choice::Action::OpenLink)
        openLink(choice.url);
}

// The keyboard

bool ChatView::moveCaret(QKeyEvent *event)
{
    if (!ChatKeyboard::isNavigationKey(event->key()))
        return false;
    int current = currentIndex().isValid() ? currentIndex().row() : -1;
    if (current < 0 || current >= lines().count() || isRowHidden(current)) {
        // Nothing current yet: start at the last message in view.
        current = indexAt(QPoint(0, viewport()->height() - 1)).row();
        if (current < 0)
            current = lines().adjacentRow(lines().count(), -1);
        if (current < 0)
            return false;
        current = lines().adjacentRow(current + 1, -1);
        setCurrentRow(current);
        m_selection.moveCaret({current, 0}, false);
        if (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down)
            return true;
    }
    if (m_selection.caret().row != current)
        m_selection.moveCaret({current, 0}, false);
    const std::optional<ChatKeyboard::Move> move
        = ChatKeyboard::move(event->key(), event->modifiers(), m_selection.caret(), lines(),
                             [this](int row) -> const ChatLine & { return laidOut(row); });
    if (!move)
        return false;
    m_selection.moveCaret(move->to, move->extend);
    if (move->extend)
        publishSelection();
    setCurrentRow(move->to.row);
    switch (move->scroll) {
    case ChatKeyboard::Scroll::ToRow:
        scrollTo(model()->index(move->to.row, 0));
        break;
    case ChatKeyboard::Scroll::ToTop:
        scrollTo(model()->index(move->to.row, 0), PositionAtTop);
        break;
    case ChatKeyboard::Scroll::ToLatest:
        jumpToLatest();
        break;
    }
    return true;
}

void ChatView::keyPressEvent(QKeyEvent *event)
{
    relayout();
    if (event == QKeySequence::Copy) {
        copy();
        return;
    }
    const int current = currentIndex().isValid() ? currentIndex().row() : -1;
    if (event == QKeySequence::SelectAll) {
        if (current >= 0) {
            m_selection.select({current, 0}, {current, laidOut(current).selectableLength()});
            publishSelection();
            viewport()->update();
        }
        return;
    }
    switch (event->key()) {
    case Qt::Key_Escape:
        if (!hasSelectedText()) {
            event->ignore();
            return;
        }
        clearTextSelection();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (current >= 0 && laidOut(current).isFoldable())
            toggleFold(current);
        else
            event->ignore();
        return;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        m_keyboardFocus = true;
        ChatViewBase::keyPressEvent(event); // moveCursor() and scrollTo()
        m_selection.moveCaret({currentIndex().row(), 0}, false);
        return;
    default:
        break;
    }
    if (lines().count() > 0 && moveCaret(event)) {
        m_keyboardFocus = true;
        viewport()->update();
        return;
    }
    event->ignore();
}

#include "moc_chatview.cpp"
