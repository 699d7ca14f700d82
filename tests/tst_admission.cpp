// Admission without sockets (server/chat/admission.h): each reason to refuse a connection with its
// error and close code, the order in which the checks decide when several fail, and what is
// admitted. tst_chatserver, tst_limits and tst_porthardening drive the same through a real server.
#include "admission.h"
#include "protocolconstants.h"
#include "registrations.h"
#include "usernamerules.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Now = 1'800'000'000'000; // a fixed clock: 2027-01-15
const QString Token = u"s3cret-token"_s;
const QString OperatorKey = u"operator-key-of-this-run"_s;
const QString Peer = u"10.0.0.7"_s;

// The server's state as a test sets it.
class FakeState final : public Admission::State
{
public:
    bool isAddressBlocked(const QString &address, qint64 nowMs) override
    {
        return blockedUntil.value(address) > nowMs;
    }
    const BanInfo *findBan(const QString &usernameKey, const QString &address, qint64) override
    {
        for (const BanInfo &ban : std::as_const(bans)) {
            if ((!ban.username.isEmpty()
                 && UsernameRules::comparisonKey(ban.username) == usernameKey)
                || (!ban.address.isEmpty() && ban.address == address))
                return &ban;
        }
        return nullptr;
    }
    QString onlineHolderKey(const QString &username) const override
    {
        const QString key = UsernameRules::comparisonKey(username);
        return online.contains(key) ? key : QString();
    }
    const Registration *findRegistration(const QString &usernameKey,
                                         const QString &username) const override
    {
        return registrations.find(usernameKey, UsernameRules::skeletons(username));
    }
    int connectionCount() const override { return connections; }
    int connectionCountFrom(const QString &address) const override
    {
        return perAddress.value(address);
    }

    QHash<QString, qint64> blockedUntil;
    QList<BanInfo> bans;
    QSet<QString> online; // comparison keys
    Registrations registrations;
    int connections = 0;
    QHash<QString, int> perAddress;
};

Admission::Policy policy()
{
    return {Token, OperatorKey, {u"http://intranet.example:8080"_s}, 10, 3};
}

// A native client's chat connection to 127.0.0.1:8787 that passes every check.
AdmissionRequest chatRequest(const QString &username = u"alice"_s, const QString &token = Token)
{
    AdmissionRequest request;
    request.address = Peer;
    request.url = QUrl(u"ws://127.0.0.1:8787/ws?username=%1&token=%2"_s.arg(
        QString::fromLatin1(QUrl::toPercentEncoding(username)),
        QString::fromLatin1(QUrl::toPercentEncoding(token))));
    request.hostAllowed = true;
    return request;
}

AdmissionRequest echoRequest()
{
    AdmissionRequest request = chatRequest();
    request.url = QUrl(u"ws://127.0.0.1:8787/ws/echo?token="_s + Token);
    return request;
}

BanInfo ban(const QString &username, const QString &address, qint64 untilMs = 0,
            const QString &reason = {})
{
    BanInfo info;
    info.username = username;
    info.address = address;
    info.untilMs = untilMs;
    info.reason = reason;
    return info;
}

// What the state holds in a row of tst_Admission::refusals.
enum Setup { Clean, Blocked, Banned, Taken, Full, AddressFull };

// Every refusal closes with what the protocol's error table says for its code.
bool closesAsTheTableSays(const AdmissionDecision &decision)
{
    return decision.closeCode != 0
           && decision.closeCode == Protocol::errorInfo(QString(decision.errorCode)).closeCode;
}
} // namespace

class tst_Admission : public QObject
{
    Q_OBJECT

private slots:
    void admitsChatClientWithItsNameAndKey();
    void admitsEchoConnectionWithoutUsername();
    void operatorKeyAdmitsTheOperator();
    void operatorKeyIsNotATokenWhenUnset();
    void refusals_data();
    void refusals();
    void precedence_data();
    void precedence();
    void ownPageAndAllowedOriginsPass();
    void wrongTokenIsCountedAndRedactedInTheLog();
    void banTextSaysUntilWhenAndWhy();
    void capsCountEchoConnectionsToo();
};

void tst_Admission::admitsChatClientWithItsNameAndKey()
{
    FakeState state;
    state.online.insert(UsernameRules::comparisonKey(u"bob"_s));
    state.connections = 9;
    state.perAddress.insert(Peer, 2);
    const Admission admission(policy(), state);
    const AdmissionDecision decision = admission.decide(chatRequest(u"Alice"_s), Now);
    QVERIFY(decision.isAdmitted());
    QCOMPARE(decision.role, AdmissionDecision::Role::Chat);
    QCOMPARE(decision.username, u"Alice"_s);
    QCOMPARE(decision.usernameKey, UsernameRules::comparisonKey(u"Alice"_s));
    QCOMPARE(decision.closeCode, quint16(0));
    QVERIFY(decision.errorCode.isEmpty());
    QVERIFY(!decision.wrongToken);
    QVERIFY(decision.logNote.isEmpty());
}

void tst_Admission::admitsEchoConnectionWithoutUsername()
{
    FakeState state;
    const Admission admission(policy(), state);
    const AdmissionDecision decision = admission.decide(echoRequest(), Now);
    QVERIFY(decision.isAdmitted());
    QCOMPARE(decision.role, AdmissionDecision::Role::Echo);
    QVERIFY(decision.username.isEmpty());
}

// The host's own chat client presents the operator key in the token's place; no ban of its name or
// address locks it out, but every other rule (name taken, caps) holds.
void tst_Admission::operatorKeyAdmitsTheOperator()
{
    FakeState state;
    state.bans.append(ban({}, Peer));
    const Admission admission(policy(), state);
    const AdmissionDecision decision = admission.decide(chatRequest(u"host"_s, OperatorKey), Now);
    QVERIFY(decision.isAdmitted());
    QCOMPARE(decision.role, AdmissionDecision::Role::Operator);
    QCOMPARE(decision.username, u"host"_s);
    // The access token does not make an operator, and the banned address stays banned for it.
    QCOMPARE(admission.decide(chatRequest(u"guest"_s), Now).errorCode,
             QLatin1String(Protocol::Error::Banned));

    state.online.insert(UsernameRules::comparisonKey(u"host"_s));
    QCOMPARE(admission.decide(chatRequest(u"host"_s, OperatorKey), Now).errorCode,
             QLatin1String(Protocol::Error::UsernameTaken));
}

// A server without an operator (headless) accepts no empty key as one.
void tst_Admission::operatorKeyIsNotATokenWhenUnset()
{
    FakeState state;
    Admission::Policy withoutOperator = policy();
    withoutOperator.operatorKey.clear();
    const Admission admission(withoutOperator, state);
    const AdmissionDecision decision = admission.decide(chatRequest(u"host"_s, QString()), Now);
    QCOMPARE(decision.errorCode, QLatin1String(Protocol::Error::InvalidToken));
    QVERIFY(decision.wrongToken);
}

void tst_Admission::refusals_data()
{
    QTest::addColumn<AdmissionRequest>("request");
    QTest::addColumn<int>("setup");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("closeCode");

    AdmissionRequest otherHost = chatRequest();
    otherHost.hostAllowed = false;
    AdmissionRequest foreignOrigin = chatRequest();
    foreignOrigin.origin = u"http://evil.example"_s;

    QTest::newRow("host not allowed")
        << otherHost << int(Clean) << QString(Protocol::Error::HostNotAllowed) << 1008;
    QTest::newRow("foreign origin")
        << foreignOrigin << int(Clean) << QString(Protocol::Error::OriginNotAllowed) << 1008;
    QTest::newRow("address blocked")
        << chatRequest() << int(Blocked) << QString(Protocol::Error::AddressBlocked) << 4006;
    QTest::newRow("wrong token") << chatRequest(u"alice"_s, u"guess"_s) << int(Clean)
                                 << QString(Protocol::Error::InvalidToken) << 1008;
    QTest::newRow("no token") << chatRequest(u"alice"_s, {}) << int(Clean)
                              << QString(Protocol::Error::InvalidToken) << 1008;
    QTest::newRow("invalid username")
        << chatRequest(u" "_s) << int(Clean) << QString(Protocol::Error::InvalidUsername) << 4001;
    QTest::newRow("banned") << chatRequest() << int(Banned) << QString(Protocol::Error::Banned)
                            << 4003;
    QTest::newRow("username taken")
        << chatRequest(u"ALICE"_s) << int(Taken) << QString(Protocol::Error::UsernameTaken) << 4002;
    QTest::newRow("server full") << chatRequest() << int(Full)
                                 << QString(Protocol::Error::ServerFull) << 4005;
    QTest::newRow("address has too many") << chatRequest() << int(AddressFull)
                                          << QString(Protocol::Error::TooManyConnections) << 4005;
}

void tst_Admission::refusals()
{
    QFETCH(AdmissionRequest, request);
    QFETCH(int, setup);
    QFETCH(QString, code);
    QFETCH(int, closeCode);

    FakeState state;
    switch (Setup(setup)) {
    case Blocked:
        state.blockedUntil.insert(Peer, Now + 1);
        break;
    case Banned:
        state.bans.append(ban({}, Peer));
        break;
    case Taken:
        state.online.insert(UsernameRules::comparisonKey(u"alice"_s));
        break;
    case Full:
        state.connections = 10;
        break;
    case AddressFull:
        state.perAddress.insert(Peer, 3);
        break;
    case Clean:
        break;
    }
    const Admission admission(policy(), state);
    const AdmissionDecision decision = admission.decide(request, Now);
    QVERIFY(!decision.isAdmitted());
    QCOMPARE(QString(decision.errorCode), code);
    QCOMPARE(int(decision.closeCode), closeCode);
    QVERIFY(closesAsTheTableSays(decision));
    QVERIFY(!decision.message.isEmpty());
    // Only a wrong token counts against the address.
    QCOMPARE(decision.wrongToken, code == Protocol::Error::InvalidToken);
}

// A request that fails several checks gets the refusal of the first in the order the header
// gives; each row fails the expected check and every one after it.
void tst_Admission::precedence_data()
{
    QTest::addColumn<bool>("hostAllowed");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("blocked");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("banned");
    QTest::addColumn<bool>("taken");
    QTest::addColumn<bool>("full");
    QTest::addColumn<QString>("code");

    const QString foreign = u"http://evil.example"_s;
    QTest::newRow("host before origin") << false << foreign << true << u"x"_s << u" "_s << true
                                        << true << true << QString(Protocol::Error::HostNotAllowed);
    QTest::newRow("origin before block")
        << true << foreign << true << u"x"_s << u" "_s << true << true << true
        << QString(Protocol::Error::OriginNotAllowed);
    // A blocked address is not asked for a token, and a wrong one then does not count again.
    QTest::newRow("block before token") << true << QString() << true << u"x"_s << u" "_s << true
                                        << true << true << QString(Protocol::Error::AddressBlocked);
    // A banned address with a wrong token learns nothing about its ban.
    QTest::newRow("token before username and ban")
        << true << QString() << false << u"x"_s << u" "_s << true << true << true
        << QString(Protocol::Error::InvalidToken);
    QTest::newRow("username rules before ban")
        << true << QString() << false << Token << u" "_s << true << true << true
        << QString(Protocol::Error::InvalidUsername);
    QTest::newRow("ban before a taken name")
        << true << QString() << false << Token << u"alice"_s << true << true << true
        << QString(Protocol::Error::Banned);
    QTest::newRow("taken name before the caps")
        << true << QString() << false << Token << u"alice"_s << false << true << true
        << QString(Protocol::Error::UsernameTaken);
    QTest::newRow("total cap before the address's")
        << true << QString() << false << Token << u"alice"_s << false << false << true
        << QString(Protocol::Error::ServerFull);
}

void tst_Admission::precedence()
{
    QFETCH(bool, hostAllowed);
    QFETCH(QString, origin);
    QFETCH(bool, blocked);
    QFETCH(QString, token);
    QFETCH(QString, username);
    QFETCH(bool, banned);
    QFETCH(bool, taken);
    QFETCH(bool, full);
    QFETCH(QString, code);

    FakeState state;
    if (blocked)
        state.blockedUntil.insert(Peer, Now + 60'000);
    if (banned)
        state.bans.append(ban({}, Peer));
    if (taken)
        state.online.insert(UsernameRules::comparisonKey(username));
    if (full) { // both caps reached
        state.connections = 10;
        state.perAddress.insert(Peer, 3);
    }
    AdmissionRequest request = chatRequest(username, token);
    request.hostAllowed = hostAllowed;
    request.origin = origin;
    const Admission admission(policy(), state);
    const AdmissionDecision decision = admission.decide(request, Now);
    QCOMPARE(QString(decision.errorCode), code);
    QVERIFY(closesAsTheTableSays(decision));
    QCOMPARE(decision.wrongToken, code == Protocol::Error::InvalidToken);
}

void tst_Admission::ownPageAndAllowedOriginsPass()
{
    FakeState state;
    const Admission admission(policy(), state);
    const auto withOrigin = [&](const QString &origin) {
        AdmissionRequest request = chatRequest();
        request.origin = origin;
        return admission.decide(request, Now);
    };
    // The server's own page: the host and port the request was addressed to, http or https.
    QVERIFY(withOrigin(u"http://127.0.0.1:8787"_s).isAdmitted());
    QVERIFY(withOrigin(u"https://127.0.0.1:8787"_s).isAdmitted());
    QCOMPARE(QString(withOrigin(u"http://127.0.0.1:9999"_s).errorCode),
             QString(Protocol::Error::OriginNotAllowed));
    QCOMPARE(QString(withOrigin(u"file://127.0.0.1:8787"_s).errorCode),
             QString(Protocol::Error::OriginNotAllowed));
    // The configured ones, compared without case.
    QVERIFY(withOrigin(u"HTTP://Intranet.Example:8080"_s).isAdmitted());
    QCOMPARE(QString(withOrigin(u"http://intranet.example:8081"_s).errorCode),
             QString(Protocol::Error::OriginNotAllowed));
    // A stranger's origin is logged, escaped, as a warning.
    const AdmissionDecision refused = withOrigin(u"http://evil.example/\x1b[2J"_s);
    QVERIFY(refused.logAsWarning);
    QVERIFY(refused.logNote.contains(u"evil.example"_s));
    QVERIFY(!refused.logNote.contains(QChar(0x1b)));
}

void tst_Admission::wrongTokenIsCountedAndRedactedInTheLog()
{
    FakeState state;
    const Admission admission(policy(), state);
    const AdmissionDecision decision
        = admission.decide(chatRequest(u"alice"_s, u"almost-the-token"_s), Now);
    QVERIFY(decision.wrongToken);
    QVERIFY(decision.logAsWarning);
    QVERIFY(decision.logNote.contains(Peer));
    QVERIFY(decision.logNote.contains(u"REDACTED"_s));
    QVERIFY(!decision.logNote.contains(u"almost-the-token"_s));
    QCOMPARE(decision.message, u"invalid token"_s);
    // A block that has run out no longer refuses.
    state.blockedUntil.insert(Peer, Now);
    QVERIFY(admission.decide(chatRequest(), Now).isAdmitted());
}

void tst_Admission::banTextSaysUntilWhenAndWhy()
{
    FakeState state;
    state.bans.append(ban(u"Mallory"_s, {}, Now + 3'600'000, u"spam"_s));
    state.bans.append(ban({}, u"10.0.0.9"_s));
    const Admission admission(policy(), state);

    const AdmissionDecision timed = admission.decide(chatRequest(u"mallory"_s), Now);
    QCOMPARE(QString(timed.errorCode), QString(Protocol::Error::Banned));
    QCOMPARE(timed.message,
             u"You are banned from this chat until 2027-01-15 09:00 UTC. Reason: spam"_s);
    QVERIFY(!timed.logAsWarning);
    QVERIFY(timed.logNote.contains(u"mallory"_s));

    AdmissionRequest fromBannedAddress = chatRequest(u"carol"_s);
    fromBannedAddress.address = u"10.0.0.9"_s;
    QCOMPARE(admission.decide(fromBannedAddress, Now).message, u"You are banned from this chat."_s);
    // Bans are a chat client's: the echo service does not look at names or bans.
    AdmissionRequest echo = echoRequest();
    echo.address = u"10.0.0.9"_s;
    QVERIFY(admission.decide(echo, Now).isAdmitted());
}

void tst_Admission::capsCountEchoConnectionsToo()
{
    FakeState state;
    state.connections = 10;
    const Admission admission(policy(), state);
    QCOMPARE(QString(admission.decide(echoRequest(), Now).errorCode),
             QString(Protocol::Error::ServerFull));
    state.connections = 9;
    QVERIFY(admission.decide(echoRequest(), Now).isAdmitted());
    state.perAddress.insert(Peer, 3);
    const AdmissionDecision perAddress = admission.decide(echoRequest(), Now);
    QCOMPARE(QString(perAddress.errorCode), QString(Protocol::Error::TooManyConnections));
    QCOMPARE(perAddress.message, u"Your address already has 3 connections to this chat."_s);
}

QTEST_GUILESS_MAIN(tst_Admission)
#include "tst_admission.moc"
