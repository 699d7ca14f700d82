// Lives in the GUI thread. One row of the chat view for assistive technology: a list item named
// by the model's Qt::AccessibleTextRole, with its place on screen and its state. It follows its
// row through inserts (a persistent index) and is invalid once the row is gone.
#pragma once

#include <QAccessibleInterface>
#include <QPersistentModelIndex>
#include <QPointer>

class ChatViewBase;

class ChatRowAccessible final : public QAccessibleInterface
{
public:
    ChatRowAccessible(ChatViewBase *view, const QModelIndex &index);
    ~ChatRowAccessible() override;

    int row() const { return m_index.row(); }

    bool isValid() const override;
    QObject *object() const override;
    QWindow *window() const override;
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int index) const override;
    int childCount() const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QString text(QAccessible::Text type) const override;
    void setText(QAccessible::Text type, const QString &text) override;
    QRect rect() const override;
    QAccessible::Role role() const override;
    QAccessible::State state() const override;

private:
    QPointer<ChatViewBase> m_view;
    QPersistentModelIndex m_index;
};
