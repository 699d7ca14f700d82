// Lives in the GUI thread. The join-mode window: renders a ChatClient's state (connection,
// timeline in a ChatView, users online, pending messages) and hands the user's input to it. No
// protocol logic. While it is not the active window, the first message that arrives gets the
// view's "New messages" divider; sending a message clears it.
#pragma once

#include "chatclient.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class ChatInput;
class ChatView;
class EmojiPicker;
class MessageListModel;
class QLabel;
class QListWidget;
class QPushButton;
class QSystemTrayIcon;
class QTimer;
class WindowNotifier;
class QToolButton;

class ChatWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatWindow)

public:
    // The counter appears when fewer characters than this are left.
    static constexpr int CounterThreshold = 500;

    explicit ChatWindow(ChatClient *client, QWidget *parent = nullptr);
    ~ChatWindow() override;

    MessageListModel *model() const { return m_model; }
    ChatView *messageView() const { return m_view; }
    ChatInput *input() const { return m_input; }
    QString connectionText() const;
    int unreadCount() const { return m_unread; }
    // The open question whether to trust a server's certificate (after
    // ChatClient::certificateUntrusted); null when none is open.
    QMessageBox *trustPrompt() const { return m_trustPrompt; }

    // The emoji popup (created on first use).
    EmojiPicker *emojiPicker();

public slots:
    void sendCurrentText();
    // Puts the text into the input as a quote ("> " before each line).
    void quote(const QString &text);
    void showEmojiPicker();
    // Asks for a new host, token or username (after a refusal) and connects again.
    void editConnection();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onStateChanged();
    void onEntriesAppended(const QList<ChatEntry> &entries);
    void onOlderLoaded(const QList<ChatEntry> &entries, bool hasMore);
    void onUsersChanged(const QStringList &users);
    void updateCounter();
    void updateTitle();
    void maybeLoadOlder();
    void notify(const ChatEntry &entry);
    // A notification was clicked: the window in front, ready to answer.
    void openConversation();
    void askToTrust(const QString &fingerprint);
    void createMenus();

    ChatClient *m_client;
    MessageListModel *m_model = nullptr;
    ChatView *m_view = nullptr;
    QListWidget *m_users = nullptr;
    QLabel *m_usersLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_editButton = nullptr;
    ChatInput *m_input = nullptr;
    QLabel *m_counter = nullptr;
    QPushButton *m_sendButton = nullptr;
    QToolButton *m_emojiButton = nullptr;
    QPointer<EmojiPicker> m_emojiPicker;
    QTimer *m_countdown = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    WindowNotifier *m_notifier = nullptr;
    QPointer<QMessageBox> m_trustPrompt;
    int m_unread = 0;
};
