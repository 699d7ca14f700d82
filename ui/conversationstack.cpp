#include "conversationstack.h"

#include "chatclient.h"
#include "chatview/chatview.h"
#include "conversationpane.h"
#include "messagelistmodel.h"

using namespace Qt::StringLiterals;

ConversationStack::ConversationStack(ChatClient *client, QWidget *parent)
    : QStackedWidget(parent), m_client(client)
{
    setObjectName(u"conversationStack"_s);
    connect(client, &ChatClient::entriesAppended, this, &ConversationStack::onEntriesAppended);
    connect(client, &ChatClient::olderEntriesLoaded, this,
            [this](const QList<ChatEntry> &entries, bool, const ConversationId &id) {
                if (ConversationPane *pane = this->pane(id))
                    pane->model()->prependEntries(entries);
            });
    connect(client, &ChatClient::timelineReset, this, [this](const ConversationId &id) {
        if (ConversationPane *pane = this->pane(id))
            pane->model()->clearEntries();
        m_live.remove(id.key());
    });
    connect(client, &ChatClient::pendingChanged, this,
            [this](const QList<OutgoingMessage> &pending) {
                for (ConversationPane *pane : std::as_const(m_panes))
                    pane->setPending(pending);
            });
    connect(client, &ChatClient::messageRefused, this,
            [this](const QString &cid, const QString &text, const QString &reason,
                   const ConversationId &target) {
                if (ConversationPane *pane = paneFor(target))
                    pane->model()->markRefused(cid, text, reason);
            });
    connect(client, &ChatClient::typing, this,
            [this](const ConversationId &id, const QString &username) {
                if (ConversationPane *pane = this->pane(id))
                    pane->showTyping(username);
            });
    connect(client, &ChatClient::conversationSynced, this, [this](const ConversationId &id) {
        m_live.insert(id.key());
        if (ConversationPane *pane = this->pane(id))
            pane->maybeLoadOlder();
    });
    connect(client, &ChatClient::conversationsChanged, this, &ConversationStack::syncPanes);
    connect(client, &ChatClient::conversationRemoved, this, &ConversationStack::onRemoved);
    syncPanes();
    setCurrent(ConversationId::general());
}

ConversationStack::~ConversationStack() = default;

ConversationPane *ConversationStack::currentPane() const
{
    return qobject_cast<ConversationPane *>(currentWidget());
}

ConversationId ConversationStack::currentId() const
{
    const ConversationPane *pane = currentPane();
    return pane ? pane->id() : ConversationId::general();
}

ConversationPane *ConversationStack::pane(const ConversationId &id) const
{
    return m_panes.value(id.key());
}

ConversationPane *ConversationStack::paneFor(const ConversationId &id)
{
    if (ConversationPane *existing = pane(id))
        return existing;
    if (!m_client->hasConversation(id))
        return nullptr;
    auto *created = new ConversationPane(m_client, id, this);
    m_panes.insert(id.key(), created);
    addWidget(created);
    // A conversation opened while everything is in (a DM that just arrived) is live at once;
    // one that syncs becomes live when its history is in.
    if (m_client->isSynced())
        m_live.insert(id.key());
    return created;
}

bool ConversationStack::setCurrent(const ConversationId &id)
{
    ConversationPane *target = paneFor(id);
    if (!target)
        return false;
    if (target != currentWidget()) {
        setCurrentWidget(target);
        emit currentChanged(target->id());
    }
    if (window()->isActiveWindow() || !isVisible())
        markCurrentRead();
    target->maybeLoadOlder();
    return true;
}

int ConversationStack::totalUnread() const
{
    int total = 0;
    for (int count : m_unread)
        total += count;
    return total;
}

void ConversationStack::markCurrentRead()
{
    setUnread(currentId(), 0, false);
}

void ConversationStack::setOwnUsername(const QString &username)
{
    for (ConversationPane *pane : std::as_const(m_panes))
        pane->model()->setOwnUsername(username);
}

void ConversationStack::syncPanes()
{
    const QList<ConversationInfo> conversations = m_client->conversations();
    for (const ConversationInfo &info : conversations) {
        if (ConversationPane *pane = paneFor(info.id))
            pane->setInfo(info);
    }
}

void ConversationStack::onEntriesAppended(const QList<ChatEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const ConversationId id = entries.first().conversation;
    ConversationPane *pane = paneFor(id);
    if (!pane)
        return;
    MessageListModel *model = pane->model();
    model->appendEntries(entries);
    const bool live = m_live.contains(id.key());
    const qint64 historyEnd = m_client->historyEnd(id);
    const bool looking = isLooking(id);
    const int firstRow = model->eventCount() - int(entries.size());
    int unread = unreadCount(id);
    bool mentioned = m_mentioned.contains(id.key());
    const ChatEntry *attention = nullptr;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const ChatEntry &entry = entries.at(i);
        if (entry.kind != ChatEntry::Kind::Join && entry.kind != ChatEntry::Kind::Topic)
            pane->stopTyping(entry.username); // they sent what they typed, or left
        if (entry.own || (!live && entry.id <= historyEnd) || looking
            || (entry.kind != ChatEntry::Kind::Message
                && entry.kind != ChatEntry::Kind::Announcement))
            continue;
        if (unread++ == 0)
            pane->view()->setUnreadMarker(model->index(firstRow + int(i)));
        const bool mentionsUser = ChatClient::mentions(entry.text, m_client->username());
        mentioned = mentioned || mentionsUser;
        if (!window()->isActiveWindow() || id.isDirect() || mentionsUser)
            attention = &entry;
    }
    if (unread != unreadCount(id))
        setUnread(id, unread, mentioned);
    if (attention)
        emit attentionNeeded(*attention);
}

void ConversationStack::onRemoved(const ConversationId &id)
{
    ConversationPane *gone = m_panes.take(id.key());
    m_live.remove(id.key());
    if (!gone)
        return;
    const bool wasCurrent = gone == currentWidget();
    setUnread(id, 0, false);
    m_unread.remove(id.key());
    removeWidget(gone);
    gone->deleteLater();
    if (wasCurrent)
        setCurrent(ConversationId::general());
}

void ConversationStack::setUnread(const ConversationId &id, int count, bool mentioned)
{
    const QString key = id.key();
    if (count == m_unread.value(key) && mentioned == m_mentioned.contains(key))
        return;
    m_unread.insert(key, count);
    if (mentioned && count > 0)
        m_mentioned.insert(key);
    else
        m_mentioned.remove(key);
    emit unreadChanged(id, count, mentioned && count > 0);
}

bool ConversationStack::isLooking(const ConversationId &id) const
{
    return window()->isActiveWindow() && currentId() == id;
}

#include "moc_conversationstack.cpp"
