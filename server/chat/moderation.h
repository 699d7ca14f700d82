// Lives in the server thread (ChatServer owns it); a plain object without sockets or timers: the
// clock comes in as nowMs, and every decision goes out as a value for ChatServer to carry out.
//
// The operator's moderation state and rules: bans (by username, compared by its comparison key,
// and/or by address; permanent or until a time), mutes (by username key, so that they survive a
// reconnect) and the moderation log's records.
#pragma once

#include "chattypes.h"
#include "protocol.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class Moderation final
{
public:
    // operatorName: the actor of the operator's actions (the records' default actor).
    explicit Moderation(const QString &operatorName);

    // "permanent", or "until 2026-11-24 21:00 UTC": the records' detail and the texts' time.
    static QString untilText(qint64 untilMs);

    // A record of the moderation log, stamped nowMs; an empty actor is the operator.
    ModerationRecord record(ModerationRecord::Action action, const QString &target,
                            const QString &reason, qint64 nowMs, const QString &detail = {},
                            const QString &actor = {}) const;

    // Bans: the stored ones at start, then every change. Expired bans are pruned on use.
    void setBans(const QList<BanInfo> &bans) { m_bans = bans; }
    const QList<BanInfo> &bans() const { return m_bans; }
    // The active ban that matches the username (its comparison key) and address, or nullptr;
    // valid until the next change of the bans.
    const BanInfo *findBan(const QString &usernameKey, const QString &address, qint64 nowMs);

    // What a ban means: the ban to store (effective at once), the record, the online clients it
    // closes and the reason they are told.
    struct BanDecision
    {
        BanInfo ban;
        ModerationRecord record;
        QList<ClientId> toKick;
        QString kickReason;
    };
    // target: the connected client the request names (then its username and address are the
    // ones banned), or nullptr. nullopt when the request bans nothing (no username nor address).
    std::optional<BanDecision> ban(const BanRequest &request, const ClientInfo *target,
                                   const QList<ClientInfo> &online, qint64 nowMs);
    // The store gave the ban its id; false when no unstored ban matches.
    bool noteBanStored(const BanInfo &stored);
    // The record of lifting the ban, or nullopt when there is no such ban.
    std::optional<ModerationRecord> unban(qint64 banId, qint64 nowMs);

    // What a muted client is told when the mute starts, and when it joins again while muted: the
    // `muted` error frame's message (English) and its `until` and `reason`.
    struct MuteNotice
    {
        Protocol::Sanction mute;
        QString text;
    };
    // A mute of the user (its comparison key): `notice` is what the client is told.
    struct MuteDecision
    {
        MuteNotice notice;
        ModerationRecord record;
    };
    MuteDecision mute(const ClientInfo &client, const QString &usernameKey, qint64 durationSeconds,
                      const QString &reason, qint64 nowMs);
    // The notice for a user who is muted at nowMs, or nullopt.
    std::optional<MuteNotice> muteNotice(const QString &usernameKey, qint64 nowMs) const;
    // The record of lifting the user's mute, or nullopt when it was not muted.
    std::optional<ModerationRecord> unmute(const ClientInfo &client, const QString &usernameKey,
                                           qint64 nowMs);

    // Whether the user may send now: muted (`mute` says until when and why, `refusal` in
    // English), or free. A mute that has run out is forgotten, and `lifted` says so (the client
    // list shows it, the client is told).
    struct SendCheck
    {
        bool muted = false;
        bool lifted = false;
        Protocol::Sanction mute;
        QString refusal;
    };
    SendCheck checkSend(const QString &usernameKey, qint64 nowMs);
    // Forgets the user's mute when it has run out by nowMs; true when it did (not when the user
    // was unmuted meanwhile or muted again for longer).
    bool liftExpiredMute(const QString &usernameKey, qint64 nowMs);

private:
    static MuteNotice noticeOf(const Protocol::Sanction &mute);

    QString m_operatorName;
    QList<BanInfo> m_bans; // active and recently expired; pruned on use
    QHash<QString, Protocol::Sanction> m_mutes; // by username comparison key; survives reconnects
};
