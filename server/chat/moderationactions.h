// Lives in the server thread (ChatServer owns it, as a QObject child).
//
// Moderation carried out: Moderation decides (which ban, whom it closes, what a mute means, what
// is recorded); this applies the operator's decisions to the connections, records what the server
// itself does (drops, blocks after wrong tokens), has bans and records stored, and logs every
// record and shows it to the operator. ChatServer checks that the server runs before it asks.
#pragma once

#include "chattypes.h"
#include "moderation.h"

#include <QObject>
#include <QPointer>

class ActivityFeed;
class AddressBlocker;
class ConnectionManager;

class ModerationActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationActions)

public:
    // blocker: where wrong tokens count (shared with the HTTP API).
    ModerationActions(Moderation &moderation, AddressBlocker &blocker,
                      ConnectionManager *connections, ActivityFeed *feed,
                      QObject *parent = nullptr);

    // Each does nothing for a client that is not online (kick, mute, unmute) or a ban that
    // bans nothing or does not exist.
    void kick(ClientId id, const QString &reason);
    void ban(const BanRequest &request);
    void unban(qint64 banId);
    void mute(ClientId id, qint64 durationSeconds, const QString &reason);
    void unmute(ClientId id);
    // A chat client was admitted: one whose name is muted is told so, as at the mute's start.
    void noteJoined(ClientId id);
    // A record of the moderation log, stamped now; an empty actor is the operator.
    void record(ModerationRecord::Action action, const QString &target, const QString &reason,
                const QString &detail = {}, const QString &actor = {});
    // A wrong token from the address; records the block when it starts one.
    void noteWrongToken(const QString &address);
    // The record of a block of the address until untilMs (HttpApi::addressBlocked, too).
    void recordBlock(const QString &address, qint64 untilMs);
    // A connection dropped by the server (ConnectionManager::dropped).
    void recordDrop(const ClientInfo &client, const QString &reason);
    // The HistoryWriter's answer to banStoreRequested.
    void onBanStored(const BanInfo &ban, const QString &error);

signals:
    // Queued to the HistoryWriter in the database thread.
    void banStoreRequested(const BanInfo &ban);
    void banRemovalRequested(qint64 banId);
    void moderationStoreRequested(const ModerationRecord &record);
    void bansChanged(const QList<BanInfo> &bans);

private:
    // Logs the record, has it stored and shows it to the operator.
    void publish(const ModerationRecord &record);
    // Tells the client of its mute and shows it in the operator's client list until it ends.
    void applyMute(ClientId id, const QString &usernameKey, const Moderation::MuteNotice &notice);

    Moderation &m_moderation;
    AddressBlocker &m_blocker;
    QPointer<ConnectionManager> m_connections;
    ActivityFeed *m_feed;
};
