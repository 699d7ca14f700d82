// Lives in the GUI thread. The chat window's list of the users online, under "Online (N)": one's
// own name in bold, the host's badge as text ("(host)", "(you, host)") so that it reads the same
// on every theme and to a screen reader; enabled while connected. While hosting
// (setOperatorConsole) its context menu offers the clients panel's actions on the user.
#pragma once

#include <QPointer>
#include <QWidget>

class ChatClient;
class HostWindow;
class QLabel;
class QListWidget;
class QMenu;

class OnlineList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnlineList)

public:
    explicit OnlineList(ChatClient *client, QWidget *parent = nullptr);
    ~OnlineList() override;

    QListWidget *list() const { return m_list; }
    // Hosting: the list gets the operator's context menu.
    void setOperatorConsole(HostWindow *console);
    // What the context menu offers for the user: the clients panel's actions on that client
    // (kick, ban, mute, unmute); null when joining, for one's own row, or for someone not
    // connected. The caller owns the menu.
    QMenu *createUserMenu(const QString &username);

private:
    void updateUsers(const QStringList &users);
    void showUserMenu(const QPoint &position);
    bool isOwn(const QString &username) const;

    ChatClient *m_client;
    QLabel *m_label = nullptr;
    QListWidget *m_list = nullptr;
    QPointer<HostWindow> m_console;
};
