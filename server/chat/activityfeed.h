// Lives in the server thread (ChatServer owns it, as a QObject child).
//
// What the operator's window sees of the server, gathered as it happens and sent as one
// ServerActivity at most once per frame: stored events, moderation records, the clients that
// joined, sent something or changed, the clients that left, and how many are online.
#pragma once

#include "chattypes.h"

#include <QObject>
#include <QSet>

class ConnectionManager;
class QTimer;

class ActivityFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityFeed)

public:
    static constexpr int IntervalMs = 16; // one GUI update per frame at most

    // connections: where the clients' current state is read when an update goes out.
    ActivityFeed(const ConnectionManager *connections, QObject *parent = nullptr);

    // These send an update within IntervalMs.
    // Stored events for the operator's window (DMs left out: never shown to the operator).
    void addEvents(const QList<ChatEvent> &events);
    void addModeration(const ModerationRecord &record);
    void schedule();
    // These go out with the next update, whenever something sends one.
    void noteClient(ClientId id);
    void noteRemoved(ClientId id);
    // Sends what is gathered now (the server is stopping).
    void flush();

signals:
    void activity(const ServerActivity &activity);

private:
    void publish();

    const ConnectionManager *m_connections;
    ServerActivity m_activity;
    QSet<ClientId> m_dirtyClients;
    QTimer *m_timer;
};
