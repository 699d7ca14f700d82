#include "onlinelist.h"

#include "chatclient.h"
#include "clientspanel.h"
#include "hostwindow.h"
#include "usernamerules.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

OnlineList::OnlineList(ChatClient *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(tr("Online"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"usersList"_s);
    layout->addWidget(m_label);
    layout->addWidget(m_list);

    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &OnlineList::showUserMenu);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString user = item->data(Qt::UserRole).toString();
        if (!isOwn(user))
            emit directMessageRequested(user);
    });
    connect(m_client, &ChatClient::usersChanged, this, &OnlineList::refresh);
    connect(m_client, &ChatClient::conversationsChanged, this, &OnlineList::refresh);
    const auto updateEnabled
        = [this] { m_list->setEnabled(m_client->state() == ChatClient::State::Connected); };
    connect(m_client, &ChatClient::stateChanged, this, updateEnabled);
    updateEnabled();
    refresh(); // a client the join dialog connected has them already
}

OnlineList::~OnlineList() = default;

bool OnlineList::isOwn(const QString &username) const
{
    return UsernameRules::comparisonKey(username.trimmed())
           == UsernameRules::comparisonKey(m_client->username().trimmed());
}

void OnlineList::setConversation(const ConversationId &conversation)
{
    m_conversation = conversation;
    refresh();
}

QString OnlineList::currentUser() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void OnlineList::refresh()
{
    const QString current = currentUser();
    m_list->clear();
    if (m_conversation.isGeneral()) {
        const QStringList users = m_client->users();
        for (const QString &user : users)
            addRow(user, true);
        m_label->setText(tr("Online (%1)").arg(users.size()));
    } else if (m_conversation.isDirect()) {
        const QString own = m_client->username();
        const QString partner = m_client->conversation(m_conversation).id.name;
        addRow(own, true);
        if (!isOwn(partner))
            addRow(partner, m_client->isOnline(partner));
        m_label->setText(tr("In this conversation"));
    } else {
        const QStringList members = m_client->conversation(m_conversation).members;
        for (const QString &member : members)
            addRow(member, m_client->isOnline(member));
        m_label->setText(tr("Members (%1)").arg(members.size()));
    }
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == current)
            m_list->setCurrentRow(row);
    }
}

void OnlineList::addRow(const QString &user, bool online)
{
    auto *item = new QListWidgetItem(m_list);
    item->setData(Qt::UserRole, user);
    const bool own = isOwn(user);
    const bool host = online && m_client->isOperator(user);
    if (own) {
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    }
    // The badges as text, so that they read the same on every theme and to a screen reader.
    item->setText(own && host ? tr("%1 (you, host)").arg(user)
                  : own       ? tr("%1 (you)").arg(user)
                  : host      ? tr("%1 (host)").arg(user)
                  : !online   ? tr("%1 (offline)").arg(user)
                              : user);
    if (!online)
        item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
    if (host)
        item->setData(Qt::AccessibleTextRole, own ? tr("%1, you, host of this chat").arg(user)
                                                  : tr("%1, host of this chat").arg(user));
}

void OnlineList::setOperatorConsole(HostWindow *console)
{
    m_console = console;
}

QMenu *OnlineList::createUserMenu(const QString &username)
{
    if (isOwn(username))
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(u"userMenu"_s);
    QAction *direct = menu->addAction(tr("Send &direct message"), this,
                                      [this, username] { emit directMessageRequested(username); });
    direct->setObjectName(u"directMessageAction"_s);
    if (m_console && m_console->selectClient(username)) {
        menu->addSeparator();
        menu->addActions(m_console->clientsPanel()->clientActions());
    }
    return menu;
}

void OnlineList::showUserMenu(const QPoint &position)
{
    const QListWidgetItem *item = m_list->itemAt(position);
    if (!item)
        return;
    QMenu *menu = createUserMenu(item->data(Qt::UserRole).toString());
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_list->viewport()->mapToGlobal(position));
}

#include "moc_onlinelist.cpp"
