#include "chatrowaccessible.h"

#include "chatviewbase.h"

#include <QWidget>

ChatRowAccessible::ChatRowAccessible(ChatViewBase *view, const QModelIndex &index)
    : m_view(view), m_index(index)
{ }

ChatRowAccessible::~ChatRowAccessible() = default;

bool ChatRowAccessible::isValid() const
{
    return m_view && m_index.isValid();
}

QObject *ChatRowAccessible::object() const
{
    return nullptr;
}

QWindow *ChatRowAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *ChatRowAccessible::parent() const
{
    return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
}

QAccessibleInterface *ChatRowAccessible::child(int) const
{
    return nullptr;
}

int ChatRowAccessible::childCount() const
{
    return 0;
}

int ChatRowAccessible::indexOfChild(const QAccessibleInterface *) const
{
    return -1;
}

QAccessibleInterface *ChatRowAccessible::childAt(int, int) const
{
    return nullptr;
}

QString ChatRowAccessible::text(QAccessible::Text type) const
{
    if (!isValid())
        return {};
    switch (type) {
    case QAccessible::Name: {
        const QString text = m_index.data(Qt::AccessibleTextRole).toString();
        return text.isEmpty() ? m_index.data(Qt::DisplayRole).toString() : text;
    }
    case QAccessible::Description:
        return m_index.data(Qt::AccessibleDescriptionRole).toString();
    default:
        return {};
    }
}

void ChatRowAccessible::setText(QAccessible::Text, const QString &) { }

QRect ChatRowAccessible::rect() const
{
    if (!isValid())
        return {};
    const QRect local = m_view->visualRect(m_index);
    if (local.isEmpty())
        return {};
    return QRect(m_view->viewport()->mapToGlobal(local.topLeft()), local.size());
}

QAccessible::Role ChatRowAccessible::role() const
{
    return QAccessible::ListItem;
}

QAccessible::State ChatRowAccessible::state() const
{
    QAccessible::State state;
    if (!isValid()) {
        state.invalid = true;
        return state;
    }
    state.readOnly = true;
    state.selectable = true;
    state.focusable = true;
    const QRect local = m_view->visualRect(m_index);
    state.invisible = local.isEmpty();
    state.offscreen = !local.intersects(m_view->viewport()->rect());
    state.selected = m_view->selectionModel() && m_view->selectionModel()->isSelected(m_index);
    state.focused = m_view->hasFocus() && m_view->currentIndex() == m_index;
    return state;
}
