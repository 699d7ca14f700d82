#include "moderationactions.h"

#include "activityfeed.h"
#include "addressblocker.h"
#include "connectionmanager.h"
#include "logging.h"
#include "protocol.h"

#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

ModerationActions::ModerationActions(Moderation &moderation, AddressBlocker &blocker,
                                     ConnectionManager *connections, ActivityFeed *feed,
                                     QObject *parent)
    : QObject(parent),
      m_moderation(moderation),
      m_blocker(blocker),
      m_connections(connections),
      m_feed(feed)
{
    connect(connections, &ConnectionManager::dropped, this, &ModerationActions::recordDrop);
}

void ModerationActions::kick(ClientId id, const QString &reason)
{
    if (!m_connections->contains(id))
        return;
    const QString username = m_connections->info(id).username;
    // The user, not one device: every connection of a registered user goes.
    const QList<ClientId> connections
        = m_connections->connectionsOf(m_connections->usernameKey(id));
    for (const ClientId connection : connections)
        m_connections->kick(connection, reason);
    record(ModerationRecord::Action::Kick, username, reason);
}

void ModerationActions::noteWrongToken(const QString &address)
{
    if (const qint64 until = m_blocker.noteFailure(address, QDateTime::currentMSecsSinceEpoch());
        until > 0)
        recordBlock(address, until);
}

void ModerationActions::recordBlock(const QString &address, qint64 untilMs)
{
    record(ModerationRecord::Action::Block, address,
           u"%1 wrong tokens within %2 s"_s.arg(m_blocker.limit()).arg(m_blocker.windowSeconds()),
           Moderation::untilText(untilMs), u"server"_s);
}

void ModerationActions::recordDrop(const ClientInfo &client, const QString &reason)
{
    // An echo connection has no name: the operator sees its address.
    if (client.username.isEmpty())
        record(ModerationRecord::Action::Drop, client.address, reason, u"echo connection"_s,
               u"server"_s);
    else
        record(ModerationRecord::Action::Drop, client.username, reason, {}, u"server"_s);
}

void ModerationActions::record(ModerationRecord::Action action, const QString &target,
                               const QString &reason, const QString &detail, const QString &actor)
{
    publish(m_moderation.record(action, target, reason, QDateTime::currentMSecsSinceEpoch(), detail,
                                actor));
}

void ModerationActions::publish(const ModerationRecord &entry)
{
    qCInfo(lcServer).noquote() << "moderation:" << LanChat::actionName(entry.action)
                               << LanChat::escapeForLog(entry.target) << entry.detail;
    emit moderationStoreRequested(entry);
    m_feed->addModeration(entry);
}

void ModerationActions::ban(const BanRequest &request)
{
    ClientInfo target;
    const bool online = request.clientId != 0 && m_connections->contains(request.clientId);
    if (online)
        target = m_connections->info(request.clientId);
    const auto decision
        = m_moderation.ban(request, online ? &target : nullptr, m_connections->clients(),
                           QDateTime::currentMSecsSinceEpoch());
    if (!decision)
        return;
    emit banStoreRequested(decision->ban);
    publish(decision->record);
    for (const ClientId id : decision->toKick)
        m_connections->kick(id, decision->kickReason);
    emit bansChanged(m_moderation.bans());
}

void ModerationActions::onBanStored(const BanInfo &stored, const QString &error)
{
    if (!error.isEmpty()) {
        qCWarning(lcStore).noquote() << "a ban was not stored and ends with this run:" << error;
        return;
    }
    m_moderation.noteBanStored(stored);
    emit bansChanged(m_moderation.bans());
}

void ModerationActions::unban(qint64 banId)
{
    const auto entry = m_moderation.unban(banId, QDateTime::currentMSecsSinceEpoch());
    if (!entry)
        return;
    emit banRemovalRequested(banId);
    publish(*entry);
    emit bansChanged(m_moderation.bans());
}

void ModerationActions::mute(ClientId id, qint64 durationSeconds, const QString &reason)
{
    if (!m_connections->contains(id) || durationSeconds <= 0)
        return;
    const QString key = m_connections->usernameKey(id);
    const Moderation::MuteDecision decision = m_moderation.mute(
        m_connections->info(id), key, durationSeconds, reason, QDateTime::currentMSecsSinceEpoch());
    for (const ClientId connection : m_connections->connectionsOf(key))
        applyMute(connection, key, decision.notice);
    publish(decision.record);
}

void ModerationActions::noteJoined(ClientId id)
{
    if (!m_connections->contains(id))
        return;
    const QString key = m_connections->usernameKey(id);
    if (const auto notice = m_moderation.muteNotice(key, QDateTime::currentMSecsSinceEpoch()))
        applyMute(id, key, *notice);
}

void ModerationActions::applyMute(ClientId id, const QString &usernameKey,
                                  const Moderation::MuteNotice &notice)
{
    m_connections->setMutedUntil(id, notice.mute.untilMs);
    m_feed->noteClient(id);
    m_connections->sendTo(id,
                          Protocol::errorFrame(Protocol::Error::Muted, notice.text, notice.mute));
    // The end of the mute, when it comes, for the operator's client list and the client. Each
    // connection that was told of the mute (mutedUntil set) is told of its end once: also one
    // that joined again under the muted name, whose mute the first timer forgets.
    const qint64 left = notice.mute.untilMs - QDateTime::currentMSecsSinceEpoch();
    QTimer::singleShot(
        std::chrono::milliseconds(qMax<qint64>(0, left) + 50), this, [this, id, key = usernameKey] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            m_moderation.liftExpiredMute(key, now);
            if (m_moderation.muteNotice(key, now) || !m_connections || !m_connections->contains(id)
                || m_connections->info(id).mutedUntilMs == 0)
                return; // muted again for longer, gone, or told already
            m_connections->setMutedUntil(id, 0);
            m_connections->sendTo(id, Protocol::unmutedFrame());
            m_feed->noteClient(id);
            m_feed->schedule();
        });
}

void ModerationActions::unmute(ClientId id)
{
    if (!m_connections->contains(id))
        return;
    const QString key = m_connections->usernameKey(id);
    const auto entry
        = m_moderation.unmute(m_connections->info(id), key, QDateTime::currentMSecsSinceEpoch());
    if (!entry)
        return;
    for (const ClientId connection : m_connections->connectionsOf(key)) {
        m_connections->setMutedUntil(connection, 0);
        m_connections->sendTo(connection, Protocol::unmutedFrame());
        m_feed->noteClient(connection);
    }
    publish(*entry);
}

#include "moc_moderationactions.cpp"
