// Lives in the GUI thread. What assistive technology sees of the chat view: a list whose items
// are the model's rows, each read from the model's Qt::AccessibleTextRole ("alice, 14:05:
// hello"), followed by the jump-to-latest button while it is shown. Qt's own item-view interfaces
// are created only for QListView, QTableView and QTreeView, so ChatViewBase installs create() as an
// accessibility factory.
#pragma once

#include <QAccessibleWidget>
#include <QHash>

class ChatViewBase;

class ChatViewAccessible final : public QAccessibleWidget
{
public:
    explicit ChatViewAccessible(QWidget *widget);
    ~ChatViewAccessible() override;

    // The factory: an interface for a ChatView (or ChatViewBase), nothing for anything else.
    static QAccessibleInterface *create(const QString &className, QObject *object);
    // Tell assistive technology (when any is listening).
    static void rowsChanged(ChatViewBase *view,
                            QAccessibleTableModelChangeEvent::ModelChangeType type, int first,
                            int last);
    static void rowFocused(ChatViewBase *view, int row);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;

private:
    ChatViewBase *view() const;
    int rowCount() const;

    mutable QHash<int, QAccessible::Id> m_children; // by row; checked on every use
};
