// Lives in the GUI thread. One conversation in the chat window: its topic line (a room's topic
// and lock, or whom a DM conversation is with), its timeline in a ChatView over a
// MessageListModel of its own (events and the user's pending messages to it), and who is typing
// there ("alice is typing…", for Protocol::TypingShownMs after their last `typing`). Scrolled to
// the top, or not filled, it asks its client for older pages. Peer text is never markup.
#pragma once

#include "clienttypes.h"
#include "conversationset.h"

#include <QHash>
#include <QWidget>

class ChatClient;
class ChatView;
class MessageListModel;
class QLabel;
class QTimer;

class ConversationPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationPane)

public:
    // How long "… is typing" stays without another `typing` (docs/PROTOCOL.md, "Typing").
    static constexpr int TypingShownMs = 5000;

    ConversationPane(ChatClient *client, const ConversationId &id, QWidget *parent = nullptr);
    ~ConversationPane() override;

    ConversationId id() const { return m_id; }
    MessageListModel *model() const { return m_model; }
    ChatView *view() const { return m_view; }
    QString topicText() const;
    QString typingText() const;

    // What the client knows of the conversation changed (topic, lock, members).
    void setInfo(const ConversationInfo &info);
    // The client's pending messages (all conversations'): this one's become rows.
    void setPending(const QList<OutgoingMessage> &pending);
    void showTyping(const QString &username);
    // A live event's author is no longer typing.
    void stopTyping(const QString &username);
    void maybeLoadOlder();

private:
    void updateTyping();

    ChatClient *m_client;
    ConversationId m_id;
    QLabel *m_topic = nullptr;
    ChatView *m_view = nullptr;
    MessageListModel *m_model = nullptr;
    QLabel *m_typing = nullptr;
    QTimer *m_typingTimer = nullptr;
    QHash<QString, qint64> m_typingUntil; // username -> steady clock ms
};
