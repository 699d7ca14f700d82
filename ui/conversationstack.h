// Lives in the GUI thread. The chat window's conversations, one ConversationPane each, of which
// one is shown (the current one). It hands every pane what the ChatClient says of its
// conversation (entries, older pages, pending and refused messages, topic and members, typing)
// and keeps the unread count of each: a message or announcement of someone else that arrives
// live while the window is not active or the conversation is not the current one. The first
// unread one gets the pane's "New messages" divider. Showing a conversation in the active window
// reads it.
#pragma once

#include "clienttypes.h"

#include <QHash>
#include <QSet>
#include <QStackedWidget>

class ChatClient;
class ConversationPane;

class ConversationStack final : public QStackedWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationStack)

public:
    explicit ConversationStack(ChatClient *client, QWidget *parent = nullptr);
    ~ConversationStack() override;

    ConversationPane *currentPane() const;
    ConversationId currentId() const;
    // The pane of the conversation; null when the client has no such conversation.
    ConversationPane *pane(const ConversationId &id) const;
    // Shows the conversation (opening its pane); false when the client has no such one.
    bool setCurrent(const ConversationId &id);
    int unreadCount(const ConversationId &id) const { return m_unread.value(id.key()); }
    int totalUnread() const;
    // The window became active, or the user looked: the current conversation is read.
    void markCurrentRead();
    void setOwnUsername(const QString &username);

signals:
    void currentChanged(const ConversationId &id);
    void unreadChanged(const ConversationId &id, int count, bool mentioned);
    // Someone wrote where the user is not looking and should hear of it (ChatWindow::notify):
    // the window is not active, or it is a DM or mentions the user in another conversation.
    void attentionNeeded(const ChatEntry &entry);

private:
    ConversationPane *paneFor(const ConversationId &id);
    void syncPanes();
    void onEntriesAppended(const QList<ChatEntry> &entries);
    void onRemoved(const ConversationId &id);
    void setUnread(const ConversationId &id, int count, bool mentioned);
    bool isLooking(const ConversationId &id) const;

    ChatClient *m_client;
    QHash<QString, ConversationPane *> m_panes; // by ConversationId::key()
    QHash<QString, int> m_unread;
    QSet<QString> m_mentioned; // unread conversations that mention the user
    // Conversations whose history is in: what arrives now is new (so is what is newer than
    // ChatClient::historyEnd() while one syncs).
    QSet<QString> m_live;
};
