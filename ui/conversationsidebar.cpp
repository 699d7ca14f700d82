#include "conversationsidebar.h"

#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int KeyRole = Qt::UserRole;
} // namespace

ConversationSidebar::ConversationSidebar(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Conversations"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"conversationList"_s);
    m_list->setAccessibleName(tr("Conversations"));
    label->setBuddy(m_list);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *buttons = new QVBoxLayout;
    m_joinButton = new QPushButton(tr("Join room…"), this);
    m_joinButton->setObjectName(u"joinRoomButton"_s);
    m_joinButton->setToolTip(tr("Join a room, or create it (Ctrl+J)"));
    m_directButton = new QPushButton(tr("Message…"), this);
    m_directButton->setObjectName(u"directMessageButton"_s);
    m_directButton->setToolTip(tr("Start a direct message (Ctrl+D)"));
    buttons->addWidget(m_joinButton);
    buttons->addWidget(m_directButton);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    // A narrow window keeps the list (names elided) and drops the buttons: the Conversation
    // menu and its keys do the same (resizeEvent()).
    setMinimumWidth(NarrowestWidth);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item && !m_updating)
            emit currentChanged(m_ids.value(item->data(KeyRole).toString()));
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        const QListWidgetItem *item = m_list->itemAt(position);
        if (!item)
            return;
        QMenu *menu = createEntryMenu(m_ids.value(item->data(KeyRole).toString()));
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_list->viewport()->mapToGlobal(position));
    });
    connect(m_joinButton, &QPushButton::clicked, this, &ConversationSidebar::joinRequested);
    connect(m_directButton, &QPushButton::clicked, this, &ConversationSidebar::directRequested);
}

ConversationSidebar::~ConversationSidebar() = default;

void ConversationSidebar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int needed = qMax(m_joinButton->sizeHint().width(), m_directButton->sizeHint().width());
    m_joinButton->setVisible(width() >= needed);
    m_directButton->setVisible(width() >= needed);
}

void ConversationSidebar::setConversations(const QList<ConversationInfo> &conversations)
{
    const ConversationId current = this->current();
    m_updating = true;
    m_list->clear();
    m_ids.clear();
    for (const ConversationInfo &info : conversations) {
        auto *item = new QListWidgetItem(m_list);
        const QString key = info.id.key();
        item->setData(KeyRole, key);
        m_ids.insert(key, info.id);
        updateItem(item);
    }
    QListWidgetItem *selected = itemFor(current);
    m_list->setCurrentItem(selected ? selected : m_list->item(0));
    m_updating = false;
    if (!selected && m_list->count() > 0)
        emit currentChanged(m_ids.value(m_list->item(0)->data(KeyRole).toString()));
}

QList<ConversationId> ConversationSidebar::conversations() const
{
    QList<ConversationId> result;
    for (int row = 0; row < m_list->count(); ++row)
        result.append(m_ids.value(m_list->item(row)->data(KeyRole).toString()));
    return result;
}

void ConversationSidebar::setCurrent(const ConversationId &id)
{
    if (QListWidgetItem *item = itemFor(id))
        m_list->setCurrentItem(item);
}

ConversationId ConversationSidebar::current() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? m_ids.value(item->data(KeyRole).toString()) : ConversationId::general();
}

void ConversationSidebar::setUnread(const ConversationId &id, int count, bool mentioned)
{
    m_unread.insert(id.key(), {count, count > 0 && mentioned});
    if (QListWidgetItem *item = itemFor(id))
        updateItem(item);
}

QString ConversationSidebar::entryText(const ConversationId &id) const
{
    const QListWidgetItem *item = itemFor(id);
    return item ? item->text() : QString();
}

QMenu *ConversationSidebar::createEntryMenu(const ConversationId &id)
{
    if (id.isDirect() || id.isGeneral() || !itemFor(id))
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(u"conversationMenu"_s);
    QAction *leave = menu->addAction(tr("&Leave #%1").arg(id.name), this,
                                     [this, id] { emit leaveRequested(id); });
    leave->setObjectName(u"leaveRoomAction"_s);
    return menu;
}

void ConversationSidebar::updateItem(QListWidgetItem *item)
{
    const QString key = item->data(KeyRole).toString();
    const ConversationId id = m_ids.value(key);
    const Unread unread = m_unread.value(key);
    const QString name = id.isDirect() ? u"@ "_s + id.name : u"# "_s + id.name;
    // Names are the server's and the peers' words: a list item shows them as plain text.
    item->setText(unread.count > 0 ? tr("%1 (%2)").arg(name).arg(unread.count) : name);
    QFont font = item->font();
    font.setBold(unread.count > 0);
    item->setFont(font);
    const QString spoken
        = id.isDirect() ? tr("Direct messages with %1").arg(id.name) : tr("Room %1").arg(id.name);
    item->setData(Qt::AccessibleTextRole,
                  unread.count == 0 ? spoken
                  : unread.mentioned
                      ? tr("%1, %n unread, you are mentioned", nullptr, unread.count).arg(spoken)
                      : tr("%1, %n unread", nullptr, unread.count).arg(spoken));
}

QListWidgetItem *ConversationSidebar::itemFor(const ConversationId &id) const
{
    const QString key = id.key();
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(KeyRole).toString() == key)
            return m_list->item(row);
    }
    return nullptr;
}

#include "moc_conversationsidebar.cpp"
