#include "moderation.h"

#include "usernamerules.h"

#include <QDateTime>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString banTarget(const BanInfo &ban)
{
    QStringList targets;
    if (!ban.username.isEmpty())
        targets << ban.username;
    if (!ban.address.isEmpty())
        targets << ban.address;
    return targets.join(u", "_s);
}
} // namespace

Moderation::Moderation(const QString &operatorName) : m_operatorName(operatorName) { }

QString Moderation::untilText(qint64 untilMs)
{
    return untilMs == 0 ? u"permanent"_s
                        : u"until "_s
                              + QDateTime::fromMSecsSinceEpoch(untilMs, Qt::UTC)
                                    .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

ModerationRecord Moderation::record(ModerationRecord::Action action, const QString &target,
                                    const QString &reason, qint64 nowMs, const QString &detail,
                                    const QString &actor) const
{
    ModerationRecord entry;
    entry.timestampMs = nowMs;
    entry.actor = actor.isEmpty() ? m_operatorName : actor;
    entry.action = action;
    entry.target = target;
    entry.reason = reason;
    entry.detail = detail;
    return entry;
}

const BanInfo *Moderation::findBan(const QString &usernameKey, const QString &address, qint64 nowMs)
{
    m_bans.removeIf([nowMs](const BanInfo &ban) { return !ban.isActive(nowMs); });
    for (const BanInfo &ban : std::as_const(m_bans)) {
        const bool nameMatches
            = ban.username.isEmpty() || UsernameRules::comparisonKey(ban.username) == usernameKey;
        const bool addressMatches = ban.address.isEmpty() || ban.address == address;
        if (nameMatches && addressMatches)
            return &ban;
    }
    return nullptr;
}

std::optional<Moderation::BanDecision> Moderation::ban(const BanRequest &request,
                                                       const ClientInfo *target,
                                                       const QList<ClientInfo> &online,
                                                       qint64 nowMs)
{
    BanDecision decision;
    BanInfo &ban = decision.ban;
    const QString username = target ? target->username : request.username.trimmed();
    const QString address = target ? target->address : request.address.trimmed();
    if (request.byUsername)
        ban.username = username;
    if (request.byAddress)
        ban.address = address;
    if (ban.username.isEmpty() && ban.address.isEmpty())
        return std::nullopt;
    ban.createdMs = nowMs;
    ban.untilMs = request.durationSeconds > 0 ? nowMs + request.durationSeconds * 1000 : 0;
    ban.reason = request.reason;
    ban.createdBy = m_operatorName;
    m_bans.append(ban); // effective now; gets its id when stored

    decision.record = record(ModerationRecord::Action::Ban, banTarget(ban), ban.reason, nowMs,
                             untilText(ban.untilMs));
    decision.kickReason = ban.reason.isEmpty() ? u"banned"_s : u"banned: "_s + ban.reason;
    for (const ClientInfo &client : online) {
        if (findBan(UsernameRules::comparisonKey(client.username), client.address, nowMs))
            decision.toKick.append(client.id);
    }
    return decision;
}

bool Moderation::noteBanStored(const BanInfo &stored)
{
    for (BanInfo &ban : m_bans) {
        if (ban.id == 0 && ban.createdMs == stored.createdMs && ban.username == stored.username
            && ban.address == stored.address) {
            ban.id = stored.id;
            return true;
        }
    }
    return false;
}

std::optional<ModerationRecord> Moderation::unban(qint64 banId, qint64 nowMs)
{
    const auto it = std::find_if(m_bans.cbegin(), m_bans.cend(),
                                 [banId](const BanInfo &ban) { return ban.id == banId; });
    if (banId <= 0 || it == m_bans.cend())
        return std::nullopt;
    const BanInfo ban = *it;
    m_bans.erase(it);
    return record(ModerationRecord::Action::Unban, banTarget(ban), {}, nowMs);
}

Moderation::MuteDecision Moderation::mute(const ClientInfo &client, const QString &usernameKey,
                                          qint64 durationSeconds, const QString &reason,
                                          qint64 nowMs)
{
    const Protocol::Sanction mute {nowMs + durationSeconds * 1000, reason};
    m_mutes.insert(usernameKey, mute);
    MuteDecision decision;
    decision.notice = noticeOf(mute);
    decision.record = record(ModerationRecord::Action::Mute, client.username, reason, nowMs,
                             untilText(mute.untilMs));
    return decision;
}

std::optional<Moderation::MuteNotice> Moderation::muteNotice(const QString &usernameKey,
                                                             qint64 nowMs) const
{
    const auto mute = m_mutes.constFind(usernameKey);
    if (mute == m_mutes.cend() || mute->untilMs <= nowMs)
        return std::nullopt;
    return noticeOf(*mute);
}

Moderation::MuteNotice Moderation::noticeOf(const Protocol::Sanction &mute)
{
    MuteNotice notice;
    notice.mute = mute;
    notice.text
        = u"The operator muted you %1: you can read, but not send."_s.arg(untilText(mute.untilMs));
    if (!mute.reason.isEmpty())
        notice.text += u" Reason: "_s + mute.reason;
    return notice;
}

std::optional<ModerationRecord> Moderation::unmute(const ClientInfo &client,
                                                   const QString &usernameKey, qint64 nowMs)
{
    if (m_mutes.remove(usernameKey) == 0)
        return std::nullopt;
    return record(ModerationRecord::Action::Unmute, client.username, {}, nowMs);
}

Moderation::SendCheck Moderation::checkSend(const QString &usernameKey, qint64 nowMs)
{
    SendCheck check;
    const auto mute = m_mutes.constFind(usernameKey);
    if (mute == m_mutes.cend())
        return check;
    if (mute->untilMs > nowMs) {
        check.muted = true;
        check.mute = *mute;
        check.refusal
            = u"You are muted %1; your message was not sent."_s.arg(untilText(mute->untilMs));
        return check;
    }
    m_mutes.erase(mute);
    check.lifted = true;
    return check;
}

bool Moderation::liftExpiredMute(const QString &usernameKey, qint64 nowMs)
{
    const auto it = m_mutes.constFind(usernameKey);
    if (it == m_mutes.cend() || it->untilMs > nowMs)
        return false; // lifted meanwhile, or muted again for longer
    m_mutes.erase(it);
    return true;
}
