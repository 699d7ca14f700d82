// Lives in the GUI thread. What the user can do with conversations in the chat window: the
// Conversation menu (join a room, start a DM, set the topic, leave, the next and previous
// conversation), Alt+1…9 for the first nine conversations, and the chat input's slash commands
// (ChatCommand). Asking for a name or a topic uses a window-modal QInputDialog that is open()ed,
// never exec()ed. What went wrong is said through notice(), in the user's language.
#pragma once

#include "chatcommand.h"
#include "conversationid.h"

#include <QInputDialog>
#include <QObject>
#include <QPointer>

class ChatClient;
class ConversationSidebar;
class ConversationStack;
class OnlineList;
class QAction;

class QMainWindow;
class QMenu;

class ConversationActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationActions)

public:
    ConversationActions(ChatClient *client, ConversationStack *stack, ConversationSidebar *sidebar,
                        OnlineList *online, QMainWindow *window);
    ~ConversationActions() override;

    QMenu *menu() const { return m_menu; }
    // Alt+1…9 (shortcuts, no actions), for the list of keyboard shortcuts: what and which keys.
    static QPair<QString, QString> numberKeys();
    // The open dialog that asks for a room, a user or a topic; null when none is open.
    QInputDialog *openDialog() const { return m_dialog; }

    // Carries out a slash command (a ChatCommand that is no Message); true when it was done or
    // sent (the input may be cleared), false when it was refused (notice() says why).
    bool run(const ChatCommand &command);

public slots:
    void askToJoin();
    void askForDirect();
    void askForTopic();
    void leaveCurrent();
    void openDirect(const QString &username);
    void next();
    void previous();

signals:
    void notice(const QString &text);

private:
    bool join(const QString &room);
    bool leave(const ConversationId &id);
    bool setTopic(const QString &topic);
    void step(int delta);
    QInputDialog *createDialog(const QString &title, const QString &label);
    void updateActions();

    ChatClient *m_client;
    ConversationStack *m_stack;
    ConversationSidebar *m_sidebar;
    OnlineList *m_online;
    QMainWindow *m_window;
    QMenu *m_menu = nullptr;
    QAction *m_topicAction = nullptr;
    QAction *m_leaveAction = nullptr;
    QPointer<QInputDialog> m_dialog;
    QString m_pendingJoin; // the room the user asked to join, until the server confirms it
};
