#include "conversationactions.h"

#include "chatclient.h"
#include "conversationsidebar.h"
#include "conversationstack.h"
#include "onlinelist.h"
#include "protocolconstants.h"

#include <QAction>
#include <QInputDialog>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QShortcut>

using namespace Qt::StringLiterals;

ConversationActions::ConversationActions(ChatClient *client, ConversationStack *stack,
                                         ConversationSidebar *sidebar, OnlineList *online,
                                         QMainWindow *window)
    : QObject(window),
      m_client(client),
      m_stack(stack),
      m_sidebar(sidebar),
      m_online(online),
      m_window(window)
{
    m_menu = new QMenu(tr("Co&nversation"), window);
    m_menu->setObjectName(u"conversationMenu"_s);
    QAction *join = m_menu->addAction(tr("&Join room…"), this, &ConversationActions::askToJoin);
    join->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    QAction *direct
        = m_menu->addAction(tr("&Direct message…"), this, &ConversationActions::askForDirect);
    direct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_topicAction = m_menu->addAction(tr("Set &topic…"), this, &ConversationActions::askForTopic);
    m_leaveAction = m_menu->addAction(tr("&Leave room"), this, &ConversationActions::leaveCurrent);
    m_menu->addSeparator();
    QAction *nextAction
        = m_menu->addAction(tr("&Next conversation"), this, &ConversationActions::next);
    nextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QAction *previousAction
        = m_menu->addAction(tr("&Previous conversation"), this, &ConversationActions::previous);
    previousAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    // Alt+1…9: the conversations in the sidebar's order.
    for (int number = 1; number <= 9; ++number) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + number)), window);
        connect(shortcut, &QShortcut::activated, this, [this, number] {
            const QList<ConversationId> ids = m_sidebar->conversations();
            if (number <= ids.size())
                m_stack->setCurrent(ids.at(number - 1));
        });
    }

    connect(m_sidebar, &ConversationSidebar::joinRequested, this, &ConversationActions::askToJoin);
    connect(m_sidebar, &ConversationSidebar::directRequested, this,
            &ConversationActions::askForDirect);
    connect(m_sidebar, &ConversationSidebar::leaveRequested, this,
            [this](const ConversationId &id) { leave(id); });
    connect(m_online, &OnlineList::directMessageRequested, this, &ConversationActions::openDirect);
    connect(m_stack, &ConversationStack::currentChanged, this, &ConversationActions::updateActions);
    connect(m_client, &ChatClient::conversationsChanged, this, [this] {
        const ConversationId joined = ConversationId::room(m_pendingJoin);
        if (!m_pendingJoin.isEmpty() && m_client->hasConversation(joined)) {
            m_pendingJoin.clear();
            m_stack->setCurrent(joined);
        }
        updateActions();
    });
    updateActions();
}

ConversationActions::~ConversationActions() = default;

QPair<QString, QString> ConversationActions::numberKeys()
{
    const auto key = [](int number) {
        return QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + number))
            .toString(QKeySequence::NativeText);
    };
    return {tr("Show conversation 1 to 9"), tr("%1 … %2").arg(key(1), key(9))};
}

bool ConversationActions::run(const ChatCommand &command)
{
    switch (command.kind) {
    case ChatCommand::Kind::Join:
        return join(command.target);
    case ChatCommand::Kind::Leave:
        return leave(command.target.isEmpty() ? m_stack->currentId()
                                              : ConversationId::room(command.target));
    case ChatCommand::Kind::Topic:
        return setTopic(command.text);
    case ChatCommand::Kind::DirectMessage: {
        openDirect(command.target);
        if (command.text.isEmpty())
            return true;
        return !m_client->sendMessage(command.text, m_stack->currentId()).isEmpty();
    }
    case ChatCommand::Kind::Unknown:
        emit notice(tr("There is no command /%1. To send a message that starts with /, begin it "
                       "with //.")
                        .arg(command.target));
        return false;
    case ChatCommand::Kind::Incomplete:
        emit notice(command.target == "join"_L1 || command.target == "j"_L1
                        ? tr("Which room? For example: /join dev")
                        : tr("To whom? For example: /msg alice Hello"));
        return false;
    case ChatCommand::Kind::Message:
        break;
    }
    return false;
}

bool ConversationActions::join(const QString &room)
{
    const QString name = room.trimmed();
    if (!Protocol::isValidRoomName(name)) {
        emit notice(tr("A room's name is 1 to %1 characters: lower-case letters a–z, digits, "
                       "“-” and “_”.")
                        .arg(Protocol::Limits::MaxRoomNameLength));
        return false;
    }
    if (m_client->hasConversation(ConversationId::room(name))) {
        m_stack->setCurrent(ConversationId::room(name));
        return true;
    }
    if (!m_client->joinRoom(name)) {
        emit notice(tr("Not connected: rooms can be joined once the connection is back."));
        return false;
    }
    m_pendingJoin = name; // shown when the server confirms it (room_joined)
    return true;
}

bool ConversationActions::leave(const ConversationId &id)
{
    if (id.isDirect() || id.isGeneral() || !m_client->hasConversation(id)) {
        emit notice(id.isGeneral() ? tr("Everyone is in #general: it cannot be left.")
                                   : tr("You are not in #%1.").arg(id.name));
        return false;
    }
    if (!m_client->leaveRoom(id.name)) {
        emit notice(tr("Not connected: rooms can be left once the connection is back."));
        return false;
    }
    return true;
}

bool ConversationActions::setTopic(const QString &topic)
{
    const ConversationId id = m_stack->currentId();
    if (id.isDirect()) {
        emit notice(tr("A direct conversation has no topic."));
        return false;
    }
    if (m_client->conversation(id).locked) {
        emit notice(tr("The operator locked the topic of #%1.").arg(id.name));
        return false;
    }
    if (!m_client->setTopic(id.name, topic.trimmed())) {
        emit notice(tr("Not connected: the topic can be set once the connection is back."));
        return false;
    }
    return true;
}

void ConversationActions::openDirect(const QString &username)
{
    const QString name = username.trimmed();
    if (name.isEmpty())
        return;
    m_stack->setCurrent(m_client->openDirect(name));
}

QInputDialog *ConversationActions::createDialog(const QString &title, const QString &label)
{
    if (m_dialog)
        m_dialog->deleteLater();
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    m_dialog = dialog;
    return dialog;
}

void ConversationActions::askToJoin()
{
    QInputDialog *dialog
        = createDialog(tr("Join a room"), tr("Room (created if it does not exist yet):"));
    dialog->setObjectName(u"joinRoomDialog"_s);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this](const QString &room) { join(room.startsWith(u'#') ? room.mid(1) : room); });
    dialog->open();
}

void ConversationActions::askForDirect()
{
    // The selected person in the list, if any: Ctrl+D on a name starts at once.
    const QString selected = m_online->currentUser();
    if (!selected.isEmpty() && m_online->list()->hasFocus()
        && selected.compare(m_client->username(), Qt::CaseInsensitive) != 0) {
        openDirect(selected);
        return;
    }
    QInputDialog *dialog = createDialog(tr("Direct message"), tr("To:"));
    dialog->setObjectName(u"directMessageDialog"_s);
    QStringList others = m_client->users();
    others.removeIf([this](const QString &name) {
        return name.compare(m_client->username(), Qt::CaseInsensitive) == 0;
    });
    dialog->setComboBoxItems(others);
    dialog->setComboBoxEditable(true);
    dialog->setTextValue(QString());
    connect(dialog, &QInputDialog::textValueSelected, this, &ConversationActions::openDirect);
    dialog->open();
}

void ConversationActions::askForTopic()
{
    const ConversationId id = m_stack->currentId();
    QInputDialog *dialog
        = createDialog(tr("Topic of #%1").arg(id.name), tr("Topic (empty clears it):"));
    dialog->setObjectName(u"topicDialog"_s);
    dialog->setTextValue(m_client->conversation(id).topic);
    connect(dialog, &QInputDialog::textValueSelected, this, &ConversationActions::setTopic);
    dialog->open();
}

void ConversationActions::leaveCurrent()
{
    leave(m_stack->currentId());
}

void ConversationActions::next()
{
    step(1);
}

void ConversationActions::previous()
{
    step(-1);
}

void ConversationActions::step(int delta)
{
    const QList<ConversationId> ids = m_sidebar->conversations();
    if (ids.isEmpty())
        return;
    const qsizetype at = qMax<qsizetype>(0, ids.indexOf(m_stack->currentId()));
    m_stack->setCurrent(ids.at((at + delta + ids.size()) % ids.size()));
}

void ConversationActions::updateActions()
{
    const ConversationId id = m_stack->currentId();
    m_topicAction->setEnabled(!id.isDirect() && !m_client->conversation(id).locked);
    m_leaveAction->setEnabled(!id.isDirect() && !id.isGeneral());
    m_leaveAction->setText(id.isDirect() || id.isGeneral() ? tr("&Leave room")
                                                           : tr("&Leave #%1").arg(id.name));
}

#include "moc_conversationactions.cpp"
