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

    connect(m_client, &ChatClient::usersChanged, this, &OnlineList::updateUsers);
    const auto updateEnabled
        = [this] { m_list->setEnabled(m_client->state() == ChatClient::State::Connected); };
    connect(m_client, &ChatClient::stateChanged, this, updateEnabled);
    updateEnabled();
    updateUsers(m_client->users()); // a client the join dialog connected has them already
}

OnlineList::~OnlineList() = default;

bool OnlineList::isOwn(const QString &username) const
{
    return UsernameRules::comparisonKey(username.trimmed())
           == UsernameRules::comparisonKey(m_client->username().trimmed());
}

void OnlineList::updateUsers(const QStringList &users)
{
    m_list->clear();
    for (const QString &user : users) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, user);
        const bool own = isOwn(user);
        const bool host = m_client->isOperator(user);
        if (own) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        // The badge as text, so that it reads the same on every theme and to a screen reader.
        item->setText(own && host ? tr("%1 (you, host)").arg(user)
                      : own       ? tr("%1 (you)").arg(user)
                      : host      ? tr("%1 (host)").arg(user)
                                  : user);
        if (host)
            item->setData(Qt::AccessibleTextRole, own ? tr("%1, you, host of this chat").arg(user)
                                                      : tr("%1, host of this chat").arg(user));
    }
    m_label->setText(tr("Online (%1)").arg(users.size()));
}

void OnlineList::setOperatorConsole(HostWindow *console)
{
    m_console = console;
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &OnlineList::showUserMenu);
}

QMenu *OnlineList::createUserMenu(const QString &username)
{
    if (!m_console || isOwn(username) || !m_console->selectClient(username))
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(u"userMenu"_s);
    menu->addActions(m_console->clientsPanel()->clientActions());
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
