// Lives in the server thread (Conversations owns it, as a QObject child). Direct messages (DMs)
// for users who were offline (docs/PROTOCOL.md, "Direct messages"): a registered user's
// `direct_delivered` is the newest DM event any of its connections got. At connect, whatever came
// since goes out right after the welcome, once: delivering a DM, live or here, advances it (in
// memory at once, in the database through the HistoryWriter).
#pragma once

#include "chattypes.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>

class ConnectionManager;
class HistoryStore;

class DirectDelivery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DirectDelivery)

public:
    // reader: the server thread's read connection (its reads take well under a millisecond).
    DirectDelivery(HistoryStore *reader, ConnectionManager *connections, QObject *parent = nullptr);

    // The welcome's `directs`: the user's DM partners with the newest id of each.
    QJsonArray partnersJson(const QString &userKey);
    // Sends the connection the user's DMs stored after the last one delivered, up to
    // lastCommittedId (what comes later is delivered by its commit), and records them delivered.
    void replay(ClientId id, const QString &userKey, qint64 lastCommittedId);
    // Committed DMs were delivered to whichever participants were online.
    void noteDelivered(const QList<ChatEvent> &events);

signals:
    // Queued to HistoryWriter::storeDirectDelivered.
    void deliveredChanged(const QString &userKey, qint64 eventId);

private:
    void advance(const QString &userKey, qint64 eventId);

    HistoryStore *m_reader;
    ConnectionManager *m_connections;
    QHash<QString, qint64> m_delivered; // what this run delivered, ahead of the database
};
