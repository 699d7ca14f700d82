#include "activityfeed.h"

#include "connectionmanager.h"

#include <QTimer>

ActivityFeed::ActivityFeed(const ConnectionManager *connections, QObject *parent)
    : QObject(parent), m_connections(connections), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(IntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ActivityFeed::publish);
}

void ActivityFeed::addEvents(const QList<ChatEvent> &events)
{
    // DMs are their two users' alone: the operator's window never sees their text.
    for (const ChatEvent &event : events) {
        if (!event.isDirect())
            m_activity.events.append(event);
    }
    schedule();
}

void ActivityFeed::addModeration(const ModerationRecord &record)
{
    m_activity.moderation.append(record);
    schedule();
}

void ActivityFeed::schedule()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void ActivityFeed::noteClient(ClientId id)
{
    m_dirtyClients.insert(id);
}

void ActivityFeed::noteRemoved(ClientId id)
{
    m_dirtyClients.remove(id);
    m_activity.removedClients.append(id);
}

void ActivityFeed::flush()
{
    m_timer->stop();
    publish();
}

void ActivityFeed::publish()
{
    for (const ClientId id : std::as_const(m_dirtyClients)) {
        if (m_connections->contains(id))
            m_activity.updatedClients.append(m_connections->info(id));
    }
    m_dirtyClients.clear();
    m_activity.clientCount = m_connections->count();
    emit activity(std::exchange(m_activity, {}));
}

#include "moc_activityfeed.cpp"
