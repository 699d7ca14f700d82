// Moderation's rules without sockets (server/chat/moderation.h): which bans match whom, when they
// end, which online clients a ban closes, what is recorded, and mutes that survive a reconnect.
// tst_moderation drives the same through a real server and real clients.
#include "moderation.h"
#include "usernamerules.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Now = 1'800'000'000'000; // a fixed clock: 2027-01-15

ClientInfo client(ClientId id, const QString &username, const QString &address)
{
    ClientInfo info;
    info.id = id;
    info.username = username;
    info.address = address;
    return info;
}

BanRequest banOf(const QString &username, const QString &address, bool byUsername, bool byAddress,
                 qint64 durationSeconds = 0)
{
    BanRequest request;
    request.username = username;
    request.address = address;
    request.byUsername = byUsername;
    request.byAddress = byAddress;
    request.durationSeconds = durationSeconds;
    return request;
}

QString key(const QString &username)
{
    return UsernameRules::comparisonKey(username);
}
} // namespace

class tst_ModerationRules : public QObject
{
    Q_OBJECT

private slots:
    void banByUsernameMatchesItsKeyFromAnyAddress();
    void banByAddressMatchesAnyName();
    void banByBothNeedsBoth();
    void requestWithoutTargetBansNothing();
    void banOfAnOnlineClientTakesItsNameAndAddress();
    void banKicksEveryMatchingClientOnly();
    void timedBanEndsAtItsTime();
    void storedBanGetsItsIdAndCanBeLifted();
    void recordsCarryActorTargetAndDetail();
    void muteRefusesUntilItsEndAndSurvivesReconnects();
    void unmuteLiftsAndIsRecordedOnce();
    void expiredMuteIsLiftedOnceAndNotAfterAReMute();
};

void tst_ModerationRules::banByUsernameMatchesItsKeyFromAnyAddress()
{
    Moderation moderation(u"op"_s);
    QVERIFY(moderation.ban(banOf(u"Mallory"_s, {}, true, false), nullptr, {}, Now));
    // The comparison key: case and look-alike letters do not escape the ban.
    QVERIFY(moderation.findBan(key(u"mallory"_s), u"10.0.0.1"_s, Now));
    QVERIFY(moderation.findBan(key(u"MALLORY"_s), u"10.0.0.2"_s, Now));
    QVERIFY(!moderation.findBan(key(u"alice"_s), u"10.0.0.1"_s, Now));
}

void tst_ModerationRules::banByAddressMatchesAnyName()
{
    Moderation moderation(u"op"_s);
    QVERIFY(moderation.ban(banOf({}, u"10.0.0.7"_s, false, true), nullptr, {}, Now));
    QVERIFY(moderation.findBan(key(u"anyone"_s), u"10.0.0.7"_s, Now));
    QVERIFY(!moderation.findBan(key(u"anyone"_s), u"10.0.0.8"_s, Now));
}

void tst_ModerationRules::banByBothNeedsBoth()
{
    Moderation moderation(u"op"_s);
    QVERIFY(moderation.ban(banOf(u"bob"_s, u"10.0.0.7"_s, true, true), nullptr, {}, Now));
    QVERIFY(moderation.findBan(key(u"bob"_s), u"10.0.0.7"_s, Now));
    QVERIFY(!moderation.findBan(key(u"bob"_s), u"10.0.0.8"_s, Now));
    QVERIFY(!moderation.findBan(key(u"carol"_s), u"10.0.0.7"_s, Now));
}

void tst_ModerationRules::requestWithoutTargetBansNothing()
{
    Moderation moderation(u"op"_s);
    QVERIFY(!moderation.ban(banOf(u"  "_s, u"10.0.0.7"_s, true, false), nullptr, {}, Now));
    QVERIFY(!moderation.ban(banOf(u"bob"_s, {}, false, false), nullptr, {}, Now));
    QVERIFY(moderation.bans().isEmpty());
}

void tst_ModerationRules::banOfAnOnlineClientTakesItsNameAndAddress()
{
    Moderation moderation(u"op"_s);
    const ClientInfo target = client(3, u"Eve"_s, u"10.0.0.9"_s);
    const auto decision
        = moderation.ban(banOf(u"ignored"_s, u"1.2.3.4"_s, true, true), &target, {target}, Now);
    QVERIFY(decision);
    QCOMPARE(decision->ban.username, u"Eve"_s);
    QCOMPARE(decision->ban.address, u"10.0.0.9"_s);
    QCOMPARE(decision->toKick, QList<ClientId>({3}));
}

void tst_ModerationRules::banKicksEveryMatchingClientOnly()
{
    Moderation moderation(u"op"_s);
    BanRequest request = banOf({}, u"10.0.0.7"_s, false, true);
    request.reason = u"spam"_s;
    const QList<ClientInfo> online {client(1, u"a"_s, u"10.0.0.7"_s),
                                    client(2, u"b"_s, u"10.0.0.8"_s),
                                    client(3, u"c"_s, u"10.0.0.7"_s)};
    const auto decision = moderation.ban(request, nullptr, online, Now);
    QVERIFY(decision);
    QCOMPARE(decision->toKick, QList<ClientId>({1, 3}));
    QCOMPARE(decision->kickReason, u"banned: spam"_s);
    QCOMPARE(moderation.ban(banOf(u"b"_s, {}, true, false), nullptr, online, Now)->kickReason,
             u"banned"_s);
}

void tst_ModerationRules::timedBanEndsAtItsTime()
{
    Moderation moderation(u"op"_s);
    const auto decision = moderation.ban(banOf(u"bob"_s, {}, true, false, 60), nullptr, {}, Now);
    QVERIFY(decision);
    QCOMPARE(decision->ban.untilMs, Now + 60'000);
    QVERIFY(moderation.findBan(key(u"bob"_s), {}, Now + 59'999));
    QVERIFY(!moderation.findBan(key(u"bob"_s), {}, Now + 60'000));
    QVERIFY(moderation.bans().isEmpty()); // pruned once expired
}

void tst_ModerationRules::storedBanGetsItsIdAndCanBeLifted()
{
    Moderation moderation(u"op"_s);
    BanInfo ban = moderation.ban(banOf(u"bob"_s, {}, true, false), nullptr, {}, Now)->ban;
    QCOMPARE(ban.id, 0);
    QVERIFY(!moderation.unban(7, Now)); // not stored yet: no id to lift it by
    ban.id = 7;
    QVERIFY(moderation.noteBanStored(ban));
    QCOMPARE(moderation.bans().constFirst().id, 7);
    QVERIFY(!moderation.noteBanStored(ban)); // already has its id

    const auto record = moderation.unban(7, Now + 5);
    QVERIFY(record);
    QCOMPARE(record->action, ModerationRecord::Action::Unban);
    QCOMPARE(record->target, u"bob"_s);
    QVERIFY(!moderation.findBan(key(u"bob"_s), {}, Now + 6));
    QVERIFY(!moderation.unban(7, Now + 7));
}

void tst_ModerationRules::recordsCarryActorTargetAndDetail()
{
    Moderation moderation(u"op"_s);
    BanRequest request = banOf(u"bob"_s, u"10.0.0.7"_s, true, true, 3600);
    request.reason = u"flood"_s;
    const ModerationRecord ban = moderation.ban(request, nullptr, {}, Now)->record;
    QCOMPARE(ban.action, ModerationRecord::Action::Ban);
    QCOMPARE(ban.actor, u"op"_s);
    QCOMPARE(ban.target, u"bob, 10.0.0.7"_s);
    QCOMPARE(ban.reason, u"flood"_s);
    QCOMPARE(ban.detail, u"until 2027-01-15 09:00 UTC"_s);
    QCOMPARE(ban.timestampMs, Now);
    QCOMPARE(moderation.ban(banOf(u"x"_s, {}, true, false), nullptr, {}, Now)->record.detail,
             u"permanent"_s);
    const ModerationRecord block = moderation.record(ModerationRecord::Action::Block, u"10.0.0.9"_s,
                                                     u"why"_s, Now, {}, u"server"_s);
    QCOMPARE(block.actor, u"server"_s);
}

void tst_ModerationRules::muteRefusesUntilItsEndAndSurvivesReconnects()
{
    Moderation moderation(u"op"_s);
    const ClientInfo bob = client(1, u"Bob"_s, u"10.0.0.7"_s);
    const Moderation::MuteDecision decision
        = moderation.mute(bob, key(bob.username), 60, u"calm down"_s, Now);
    QCOMPARE(decision.notice.mute.untilMs, Now + 60'000);
    QVERIFY(decision.notice.text.contains(u"you can read, but not send"_s));
    QVERIFY(decision.notice.text.endsWith(u"Reason: calm down"_s));
    QCOMPARE(decision.record.action, ModerationRecord::Action::Mute);
    QCOMPARE(decision.record.target, u"Bob"_s);

    // By name: the same user on a new connection (another id) is still muted.
    const Moderation::SendCheck check = moderation.checkSend(key(u"bob"_s), Now + 1000);
    QVERIFY(check.muted);
    QCOMPARE(check.mute.untilMs, Now + 60'000);
    QVERIFY(check.refusal.startsWith(u"You are muted until "_s));
    QVERIFY(!moderation.checkSend(key(u"alice"_s), Now + 1000).muted);

    const Moderation::SendCheck after = moderation.checkSend(key(u"bob"_s), Now + 60'000);
    QVERIFY(!after.muted);
    QVERIFY(after.lifted);
    QVERIFY(!moderation.checkSend(key(u"bob"_s), Now + 60'001).lifted); // only once
}

void tst_ModerationRules::unmuteLiftsAndIsRecordedOnce()
{
    Moderation moderation(u"op"_s);
    const ClientInfo bob = client(1, u"Bob"_s, u"10.0.0.7"_s);
    moderation.mute(bob, key(bob.username), 60, {}, Now);
    const auto record = moderation.unmute(bob, key(bob.username), Now + 1);
    QVERIFY(record);
    QCOMPARE(record->action, ModerationRecord::Action::Unmute);
    QVERIFY(!moderation.unmute(bob, key(bob.username), Now + 2));
    QVERIFY(!moderation.checkSend(key(bob.username), Now + 3).muted);
}

void tst_ModerationRules::expiredMuteIsLiftedOnceAndNotAfterAReMute()
{
    Moderation moderation(u"op"_s);
    const ClientInfo bob = client(1, u"Bob"_s, u"10.0.0.7"_s);
    moderation.mute(bob, key(bob.username), 10, {}, Now);
    QVERIFY(!moderation.liftExpiredMute(key(bob.username), Now + 9'999));
    // Muted again for longer before the first mute's end: the first end lifts nothing.
    moderation.mute(bob, key(bob.username), 60, {}, Now + 5'000);
    QVERIFY(!moderation.liftExpiredMute(key(bob.username), Now + 10'050));
    QVERIFY(moderation.checkSend(key(bob.username), Now + 10'050).muted);
    QVERIFY(moderation.liftExpiredMute(key(bob.username), Now + 65'050));
    QVERIFY(!moderation.liftExpiredMute(key(bob.username), Now + 65'051));
}

QTEST_APPLESS_MAIN(tst_ModerationRules)
#include "tst_moderationrules.moc"
