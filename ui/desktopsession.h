// Lives in the GUI thread. The windows of one LanChat window process, and what another start
// hands over to it (SingleInstance): "activate" raises the window in front; an invite opens the
// join dialog filled in (or raises the chat window already connected there), and accepting it
// opens one more chat window once the server welcomed the user (a failed join stays in the
// dialog). While hosting, only the host window ends the process: chat windows and dialogs
// opened beside it do not (Qt::WA_QuitOnClose).
#pragma once

#include "clienttypes.h"
#include "handovermessage.h"

#include <QList>
#include <QObject>
#include <QPointer>

class ChatClient;
class ChatWindow;
class JoinDialog;
class QDialog;
class QWidget;

class DesktopSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopSession)

public:
    explicit DesktopSession(QObject *parent = nullptr);
    // Closes what is still open; chat clients write their outboxes.
    ~DesktopSession() override;

    // The hosting process's main window (the host's chat window).
    void setHostWindow(QWidget *window);
    // While the start dialog asks "host or join", a handed-over invite closes it and is kept
    // for takePendingInvite().
    void setStartDialog(QDialog *dialog);
    QString takePendingInvite();

    enum class JoinStart {
        ConnectWhenComplete, // an invite with a username connects without asking
        AlwaysAsk, // the join dialog, filled in (an invite handed over)
    };
    Q_ENUM(JoinStart)

    // Joining from the command line or the start dialog: the join dialog asks (filled in from
    // the invite, or saying what is wrong with it) unless the invite is complete and mode
    // allows. False when the user cancels.
    bool joinAtStart(const QString &invite, JoinStart mode = JoinStart::ConnectWhenComplete);
    void handle(const HandOverMessage &message);

    JoinDialog *joinDialog() const;
    QList<ChatWindow *> chatWindows() const;

private:
    struct Chat
    {
        QPointer<ChatWindow> window;
        ChatClient *client = nullptr;
    };

    // A chat window for a client the join dialog connected (the session owns it from here).
    ChatWindow *openChat(ChatClient *client);
    ChatWindow *chatFor(const QString &invite) const;
    void offerJoin(const QString &invite);
    void activate();
    static void bringToFront(QWidget *window);

    QPointer<QWidget> m_host;
    QPointer<QDialog> m_startDialog;
    QPointer<JoinDialog> m_joinDialog;
    QList<Chat> m_chats;
    QString m_pendingInvite;
};
