// Lives in the GUI thread. The chat window's list of the people in the current conversation: in
// general the users online, under "Online (N)"; in another room its members, under "Members (N)",
// those offline marked so; in a DM conversation its two people. One's own name in bold, the
// host's badge as text ("(host)", "(you, host)") so that it reads the same on every theme and to
// a screen reader; enabled while connected. A double click on someone else (or the context
// menu's "Send direct message") asks for the DM conversation with them; while hosting
// (setOperatorConsole) the context menu also offers the clients panel's actions on the user.
#pragma once

#include <QPointer>
#include <QWidget>

#include "conversationid.h"

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
    // Whose people to list (default general: everyone online).
    void setConversation(const ConversationId &conversation);
    // Hosting: the list gets the operator's context menu.
    void setOperatorConsole(HostWindow *console);
    // What the context menu offers for the user: "Send direct message", and while hosting the
    // clients panel's actions on that client (kick, ban, mute, unmute) when connected; null for
    // one's own row. The caller owns the menu.
    QMenu *createUserMenu(const QString &username);
    // The user of the current row; empty when none is current.
    QString currentUser() const;

signals:
    void directMessageRequested(const QString &username);

private:
    void refresh();
    void addRow(const QString &user, bool online);
    void showUserMenu(const QPoint &position);
    bool isOwn(const QString &username) const;

    ChatClient *m_client;
    QLabel *m_label = nullptr;
    QListWidget *m_list = nullptr;
    QPointer<HostWindow> m_console;
    ConversationId m_conversation;
};
