// Lives in the GUI thread. The chat window's list of conversations: the rooms the user is in
// ("# general" first), then the DM conversations ("@ bob"), each with its unread count as text
// ("# dev (3)", in bold) so that it reads the same on every theme and to a screen reader, and
// buttons to join a room and to start a DM. Selecting an entry (click, arrow keys) makes it the
// current conversation; the context menu of a room offers to leave it.
#pragma once

#include "conversationset.h"

#include <QHash>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QMenu;
class QPushButton;

class ConversationSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationSidebar)

public:
    // Below its natural width it shows the list only (the buttons go).
    static constexpr int NarrowestWidth = 64;

    explicit ConversationSidebar(QWidget *parent = nullptr);
    ~ConversationSidebar() override;

    QListWidget *list() const { return m_list; }
    void setConversations(const QList<ConversationInfo> &conversations);
    QList<ConversationId> conversations() const;
    void setCurrent(const ConversationId &id);
    ConversationId current() const;
    void setUnread(const ConversationId &id, int count, bool mentioned);
    // The text an entry shows (its name and unread count); empty when there is no such entry.
    QString entryText(const ConversationId &id) const;
    // What the context menu offers for the entry: leaving a room (not general); null otherwise.
    // The caller owns the menu.
    QMenu *createEntryMenu(const ConversationId &id);

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    void currentChanged(const ConversationId &id);
    void joinRequested();
    void directRequested();
    void leaveRequested(const ConversationId &id);

private:
    void updateItem(QListWidgetItem *item);
    QListWidgetItem *itemFor(const ConversationId &id) const;

    struct Unread
    {
        int count = 0;
        bool mentioned = false;
    };
    QListWidget *m_list = nullptr;
    QPushButton *m_joinButton = nullptr;
    QPushButton *m_directButton = nullptr;
    QHash<QString, ConversationId> m_ids; // by ConversationId::key()
    QHash<QString, Unread> m_unread;
    bool m_updating = false;
};
