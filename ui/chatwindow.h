// Lives in the GUI thread. The chat window of everyone, joining or hosting: renders a ChatClient's
// state (connection, timeline in a ChatView, users online with the operator's badge, pending
// messages, the operator's mute in a MuteNotice above the input) and hands the user's input to
// it; while muted, Send and Enter leave the text in the input. No protocol logic. While it is not
// the active window, the first message that arrives gets the view's "New messages" divider; sending
// a message clears it. While hosting (setOperatorConsole) it also holds OperatorTools (the operator
// tools in a dock, the Server and Client menus, the question before closing ends a chat people are
// in), and its OnlineList offers kick/ban/mute on a user's context menu.
#pragma once

#include "chatclient.h"
#include "onlinelist.h"
#include "operatortools.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QSet>

#include <optional>

class ChatInput;
class ConnectionBar;
class ConversationActions;
class ConversationSidebar;
class ConversationStack;
class ChatPreferencesMenu;
class HostWindow;
class QDockWidget;
class QMenu;
class ChatView;
class EmojiPicker;
class MessageListModel;
class MuteNotice;
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
    // How long a notice about a command or a refused request stays.
    static constexpr int NoticeShownMs = 10000;

    explicit ChatWindow(ChatClient *client, QWidget *parent = nullptr);
    ~ChatWindow() override;

    // Whether windows created from now on put an icon in the system tray: the system's answer
    // (std::nullopt, the default), or the one given. For tests: the offscreen platform has no
    // tray, and what the window does with one (closing to it, offering to keep hosting in it)
    // is tested with this.
    static void setSystemTrayAvailable(std::optional<bool> available);
    // The tray icon; null where there is no tray.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

    // The current conversation's timeline and its view.
    MessageListModel *model() const;
    ChatView *messageView() const;
    ConversationStack *conversations() const { return m_stack; }
    ConversationSidebar *sidebar() const { return m_sidebar; }
    ConversationActions *conversationActions() const { return m_conversationActions; }
    // What went wrong with a command or a request (a room's name, the server's refusal).
    QString noticeText() const;
    ChatInput *input() const { return m_input; }
    // Shown while the operator has muted this client.
    MuteNotice *muteNotice() const { return m_muteNotice; }
    // The Settings menu: notifications, their sound, the text size, the theme.
    ChatPreferencesMenu *preferences() const { return m_preferences; }
    QString connectionText() const;
    // Unread messages in all conversations.
    int unreadCount() const;
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

public:
    // Hosting: the console (HostWindow) becomes the operator tools' dock, its menus
    // join the menu bar, the online list gets the operator's context menu, and closing asks
    // while others are connected. Call once, before the window is shown.
    void setOperatorConsole(HostWindow *console);
    bool isHosting() const { return m_operatorTools != nullptr; }
    QDockWidget *operatorDock() const;
    // Shows and hides the operator tools (View menu, tool bar, Ctrl+Shift+O); null when joining.
    QAction *operatorToolsAction() const;
    QListWidget *usersList() const { return m_online->list(); }
    // What the online list's context menu offers for the user: the clients panel's actions on
    // that client (kick, ban, mute, unmute); null when joining, for the host's own row, or for
    // someone not connected. The caller owns the menu.
    QMenu *createUserMenu(const QString &username) { return m_online->createUserMenu(username); }
    // The open question "N people are connected. Stop hosting?"; null when none is open.
    QMessageBox *stopHostingPrompt() const;
    // Quits the application, asking first while others are connected (as closing does).
    void quit();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onStateChanged();
    void onConversationShown(const ConversationId &id);
    void showNotice(const QString &text);
    void updateCounter();
    void updateTitle();
    void notify(const ChatEntry &entry);
    // A notification was clicked: the window in front, ready to answer.
    void openConversation();
    void askToTrust(const QString &fingerprint);
    void createMenus();
    void fitIntoScreen();

    ChatClient *m_client;
    ConversationSidebar *m_sidebar = nullptr;
    ConversationStack *m_stack = nullptr;
    ConversationActions *m_conversationActions = nullptr;
    QSet<ChatView *> m_quoteConnected; // the views whose quotes go to the input
    OnlineList *m_online = nullptr;
    QLabel *m_notice = nullptr;
    QTimer *m_noticeTimer = nullptr;
    ConversationId m_notifiedConversation; // what the last notification was about
    ConnectionBar *m_connectionBar = nullptr;
    ChatInput *m_input = nullptr;
    MuteNotice *m_muteNotice = nullptr;
    QLabel *m_counter = nullptr;
    QPushButton *m_sendButton = nullptr;
    QToolButton *m_emojiButton = nullptr;
    QPointer<EmojiPicker> m_emojiPicker;
    QSystemTrayIcon *m_tray = nullptr;
    WindowNotifier *m_notifier = nullptr;
    QPointer<QMessageBox> m_trustPrompt;
    OperatorTools *m_operatorTools = nullptr; // while hosting
    QMenu *m_viewMenu = nullptr;
    QMenu *m_connectionMenu = nullptr;
    ChatPreferencesMenu *m_preferences = nullptr;
    bool m_closeConfirmed = false;
    bool m_quitOnClose = false;
    bool m_dockSized = false;
};
