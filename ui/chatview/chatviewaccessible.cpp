#include "chatviewaccessible.h"

#include "chatrowaccessible.h"
#include "chatviewbase.h"
#include "jumptolatestbutton.h"

using namespace Qt::StringLiterals;

ChatViewAccessible::ChatViewAccessible(QWidget *widget)
    : QAccessibleWidget(widget, QAccessible::List)
{ }

ChatViewAccessible::~ChatViewAccessible()
{
    for (const QAccessible::Id id : std::as_const(m_children))
        QAccessible::deleteAccessibleInterface(id);
}

QAccessibleInterface *ChatViewAccessible::create(const QString &className, QObject *object)
{
    if ((className == "ChatView"_L1 || className == "ChatViewBase"_L1)
        && qobject_cast<ChatViewBase *>(object))
        return new ChatViewAccessible(static_cast<QWidget *>(object));
    return nullptr;
}

void ChatViewAccessible::rowsChanged(ChatViewBase *view,
                                     QAccessibleTableModelChangeEvent::ModelChangeType type,
                                     int first, int last)
{
    if (!QAccessible::isActive())
        return;
    QAccessibleTableModelChangeEvent event(view, type);
    event.setFirstRow(first);
    event.setLastRow(last);
    QAccessible::updateAccessibility(&event);
}

void ChatViewAccessible::rowFocused(ChatViewBase *view, int row)
{
    if (!QAccessible::isActive())
        return;
    QAccessibleEvent event(view, QAccessible::Focus);
    event.setChild(row);
    QAccessible::updateAccessibility(&event);
}

ChatViewBase *ChatViewAccessible::view() const
{
    return static_cast<ChatViewBase *>(widget());
}

int ChatViewAccessible::rowCount() const
{
    const QAbstractItemModel *model = view()->model();
    return model ? model->rowCount() : 0;
}

int ChatViewAccessible::childCount() const
{
    // The rows, then the jump-to-latest button while it is shown.
    return rowCount() + (view()->jumpButton()->isVisible() ? 1 : 0);
}

QAccessibleInterface *ChatViewAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    if (index == rowCount())
        return QAccessible::queryAccessibleInterface(view()->jumpButton());
    if (const auto found = m_children.constFind(index); found != m_children.cend()) {
        auto *cached = static_cast<ChatRowAccessible *>(QAccessible::accessibleInterface(*found));
        if (cached && cached->isValid() && cached->row() == index)
            return cached;
        // Its row moved or went away since.
        QAccessible::deleteAccessibleInterface(*found);
        m_children.erase(found);
    }
    auto *row = new ChatRowAccessible(view(), view()->model()->index(index, 0));
    m_children.insert(index, QAccessible::registerAccessibleInterface(row));
    return row;
}

int ChatViewAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (child && child->object() == view()->jumpButton())
        return view()->jumpButton()->isVisible() ? rowCount() : -1;
    if (!child || child->role() != QAccessible::ListItem || child->parent() != this)
        return -1;
    return static_cast<const ChatRowAccessible *>(child)->row();
}

QAccessibleInterface *ChatViewAccessible::childAt(int x, int y) const
{
    const QPoint point = view()->viewport()->mapFromGlobal(QPoint(x, y));
    const QModelIndex index = view()->indexAt(point);
    return index.isValid() ? child(index.row()) : nullptr;
}

QAccessibleInterface *ChatViewAccessible::focusChild() const
{
    const QModelIndex current = view()->currentIndex();
    return view()->hasFocus() && current.isValid() ? child(current.row()) : nullptr;
}
