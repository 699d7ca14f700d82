// Tests of the join-mode client library (ChatClient, InviteLink, Outbox) against a real server
// on 127.0.0.1; everything lives in the test's main thread.
#include "chatclient.h"
#include "chattime.h"
#include "clienterrortext.h"
#include "clientidentity.h"
#include "invitelink.h"
#include "outbox.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrlQuery>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;

// Collects what a ChatClient hands out and checks the id order on the way.
class Timeline final : public QObject
{
public:
    explicit Timeline(ChatClient *client, QObject *parent = nullptr) : QObject(parent)
    {
        connect(client, &ChatClient::entriesAppended, this, [this](const QList<ChatEntry> &list) {
            ++batches;
            for (const ChatEntry &entry : list) {
                if (!entries.isEmpty() && entry.id <= entries.last().id)
                    orderBroken = true;
                entries.append(entry);
            }
        });
        connect(client, &ChatClient::olderEntriesLoaded, this,
                [this](const QList<ChatEntry> &list, bool) {
                    if (!list.isEmpty() && !entries.isEmpty()
                        && list.last().id >= entries.first().id)
                        orderBroken = true;
                    entries = list + entries;
                });
        connect(client, &ChatClient::timelineReset, this, [this] { entries.clear(); });
    }
    QStringList texts() const
    {
        QStringList result;
        for (const ChatEntry &entry : entries) {
            if (entry.kind == ChatEntry::Kind::Message)
                result << entry.text;
        }
        return result;
    }
    const ChatEntry *find(const QString &text) const
    {
        for (const ChatEntry &entry : entries) {
            if (entry.kind == ChatEntry::Kind::Message && entry.text == text)
                return &entry;
        }
        return nullptr;
    }

    QList<ChatEntry> entries;
    int batches = 0;
    bool orderBroken = false;
};

ServerEndpoint endpointFor(const TestServer &server, const QString &username)
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = username;
    return endpoint;
}

QJsonObject messageFrame(const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"text"_L1, text}};
}

// The server's flood control as it ships (docs/PROTOCOL.md, "Limits"): TestServer turns it off.
void useDefaultFloodControl(TestServer &server)
{
    const ServerConfig defaults;
    server.config().messageRate = defaults.messageRate;
    server.config().messageBurst = defaults.messageBurst;
}

QStringList historyTexts(const TestServer &server)
{
    QStringList texts;
    qint64 after = 0;
    for (;;) {
        const HttpResult result
            = httpGet(server.httpUrl(u"/api/history"_s, u"limit=500&after=%1"_s.arg(after)),
                      server.token().toUtf8());
        if (result.status != 200)
            return {u"HTTP %1"_s.arg(result.status)};
        const QJsonArray events = result.json.value("events"_L1).toArray();
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            after = event.value("id"_L1).toInteger();
            if (event.value("type"_L1).toString() == "message"_L1)
                texts << event.value("text"_L1).toString();
        }
        if (!result.json.value("hasMore"_L1).toBool())
            return texts;
    }
}
} // namespace

class TestChatClient final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void inviteParsing_data();
    void inviteParsing();
    void inviteRoundTrip_data();
    void inviteRoundTrip();
    void normalizedText();
    void mentions_data();
    void mentions();
    void messagesBothWays();
    void historyLoadedOnJoin();
    void olderPages();
    void pendingThenAcknowledged();
    void serverRestartLosesNothing();
    void kickedStaysDisconnected();
    void bannedStaysOutWithTheReason();
    void fullServerIsRetried();
    void wrongToken();
    void usernameRefused_data();
    void usernameRefused();
    void identityKeepsTheNameAndIsKeptInTheSettings();
    void outboxSurvivesClosing();
    void connectTimeoutRetries();
    void refusedUpgradeRetries();
    void refusedMessageIsReported();
    void failuresAreToldApart();
    void hostStoppedIsToldWhileItRefuses();
    void errorCodesAreWordedInGerman();
    void offlineMessagesBeyondTheBurstAllArrive();
    void messageTypedWithinTheBurstWindowArrives();
    void largeOutboxIsPacedWithoutFloodClose();
    void outboxIsOwnerOnly();

private:
    std::unique_ptr<ChatClient> makeClient(const ServerEndpoint &endpoint);
    QTemporaryDir m_dataDir;
};

void TestChatClient::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
}

std::unique_ptr<ChatClient> TestChatClient::makeClient(const ServerEndpoint &endpoint)
{
    auto client = std::make_unique<ChatClient>();
    client->setDataDirectory(m_dataDir.path());
    client->setRetryDelays(20, 200);
    client->setConnectTimeout(3000);
    client->setEndpoint(endpoint);
    return client;
}

void TestChatClient::inviteParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("username");

    QTest::addRow("link") << u"lanchat://127.0.0.1:9000?token=abc"_s << true << u"127.0.0.1"_s
                          << 9000 << u"abc"_s << QString();
    QTest::addRow("link with username")
        << u"lanchat://127.0.0.1:9000?token=a%2Bb%26c&username=J%C3%BCrgen"_s << true
        << u"127.0.0.1"_s << 9000 << u"a+b&c"_s << u"Jürgen"_s;
    QTest::addRow("slash before query") << u"  lanchat://example.lan:8123/?token=t  "_s << true
                                        << u"example.lan"_s << 8123 << u"t"_s << QString();
    QTest::addRow("default port") << u"lanchat://chat.lan?token=t"_s << true << u"chat.lan"_s
                                  << 8787 << u"t"_s << QString();
    QTest::addRow("ipv6") << u"lanchat://[::1]:8787?token=t"_s << true << u"::1"_s << 8787 << u"t"_s
                          << QString();
    QTest::addRow("host window invite")
        << u"Join my LanChat:\n  lanchat://127.0.0.1:4242?token=XYZ\n  "
           u"lanchat://10.0.0.9:4242?token=XYZ\nIn a browser: http://127.0.0.1:4242/?token=XYZ"_s
        << true << u"127.0.0.1"_s << 4242 << u"XYZ"_s << QString();
    QTest::addRow("browser link") << u"http://127.0.0.1:4242/?token=XYZ"_s << true << u"127.0.0.1"_s
                                  << 4242 << u"XYZ"_s << QString();
    QTest::addRow("no token") << u"lanchat://127.0.0.1:4242"_s << true << u"127.0.0.1"_s << 4242
                              << QString() << QString();
    QTest::addRow("empty") << u"   "_s << false << QString() << 0 << QString() << QString();
    QTest::addRow("no link") << u"hello there"_s << false << QString() << 0 << QString()
                             << QString();
    QTest::addRow("port too big") << u"lanchat://127.0.0.1:70000?token=t"_s << false << QString()
                                  << 0 << QString() << QString();
    QTest::addRow("port not a number") << u"lanchat://127.0.0.1:abc?token=t"_s << false << QString()
                                       << 0 << QString() << QString();
    QTest::addRow("port zero") << u"lanchat://127.0.0.1:0?token=t"_s << false << QString() << 0
                               << QString() << QString();
    QTest::addRow("no host") << u"lanchat://:8787?token=t"_s << false << QString() << 0 << QString()
                             << QString();
}

void TestChatClient::inviteParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const InviteLink link = InviteLink::parse(text);
    QCOMPARE(link.isValid(), valid);
    if (!valid) {
        QVERIFY(!link.errorString().isEmpty());
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, token);
    QFETCH(QString, username);
    QCOMPARE(link.host(), host);
    QCOMPARE(int(link.port()), port);
    QCOMPARE(link.token(), token);
    QCOMPARE(link.username(), username);
    QCOMPARE(link.hasUsername(), !username.isEmpty());
    // The link the client makes round-trips.
    const InviteLink again = InviteLink::parse(link.toUrl().toString(QUrl::FullyEncoded));
    QVERIFY2(again.isValid(), qPrintable(again.errorString()));
    QCOMPARE(again.endpoint().token, token);
    QCOMPARE(again.endpoint().username, username);
}

// Every token and name survives being made into an invite and read back: the characters that
// mean something in a URL (# & % + = and space) and non-ASCII ones are percent-encoded, and the
// link stays one word that the parser finds in a text.
void TestChatClient::inviteRoundTrip_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("fingerprint");
    QTest::addColumn<bool>("tls");
    const QString fp = u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
                       u"AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"_s;
    QTest::addRow("plain") << u"abcDEF123_-"_s << QString() << QString() << false;
    QTest::addRow("hash with fingerprint") << u"to#ken"_s << QString() << fp << true;
    QTest::addRow("ampersand") << u"a&fp=00&b"_s << QString() << fp << true;
    QTest::addRow("percent") << u"100%25%"_s << QString() << QString() << false;
    QTest::addRow("plus and space") << u"a+b c"_s << u"Ann Lee"_s << QString() << true;
    QTest::addRow("equals and question mark") << u"k=v?x=/y"_s << QString() << QString() << false;
    QTest::addRow("non-ASCII") << u"grüße-токен-令牌"_s << u"Jürgen"_s << fp << true;
}

void TestChatClient::inviteRoundTrip()
{
    QFETCH(QString, token);
    QFETCH(QString, username);
    QFETCH(QString, fingerprint);
    QFETCH(bool, tls);
    for (const QString &host : {u"192.168.1.20"_s, u"fe80::1"_s, u"chat.lan"_s}) {
        ServerEndpoint endpoint;
        endpoint.host = host;
        endpoint.port = 4242;
        endpoint.token = token;
        endpoint.username = username;
        endpoint.tls = tls;
        endpoint.fingerprint = fingerprint;
        const InviteLink link = InviteLink::fromEndpoint(endpoint);
        const QString text = link.toString();
        QVERIFY2(!text.contains(u' ') && text.startsWith(u"lanchat://"_s), qPrintable(text));
        // As the host window hands it out: in a sentence, next to the browser link.
        const InviteLink read = InviteLink::parse(u"Join me: "_s + text + u" or open "_s
                                                  + link.toBrowserString() + u" in a browser."_s);
        QVERIFY2(read.isValid(), qPrintable(read.errorString() + u": "_s + text));
        QCOMPARE(read.host(), host);
        QCOMPARE(read.port(), quint16(4242));
        QCOMPARE(read.token(), token);
        QCOMPARE(read.username(), username);
        QCOMPARE(read.isTls(), tls);
        QCOMPARE(read.fingerprint(), fingerprint);
        // The browser link alone (no username, no fingerprint: the browser checks nothing).
        const QString browser = link.toBrowserString();
        QVERIFY2(!browser.contains(u' '), qPrintable(browser));
        QVERIFY(browser.startsWith(tls ? u"https://"_s : u"http://"_s));
        const InviteLink fromBrowser = InviteLink::parse(browser);
        QVERIFY2(fromBrowser.isValid(), qPrintable(fromBrowser.errorString()));
        QCOMPARE(fromBrowser.token(), token);
        QCOMPARE(fromBrowser.host(), host);
        QCOMPARE(fromBrowser.isTls(), tls);
    }
}

void TestChatClient::normalizedText()
{
    QCOMPARE(ChatClient::normalizedText(u"a\r\nb\rc\u2029d\te\u0007"_s), u"a\nb\nc\nd\te"_s);
}

void TestChatClient::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("mentioned");
    QTest::addRow("plain") << u"hi alice!"_s << true;
    QTest::addRow("case") << u"ALICE, look"_s << true;
    QTest::addRow("at") << u"@Alice"_s << true;
    QTest::addRow("inside a word") << u"malice"_s << false;
    QTest::addRow("prefix") << u"alicent"_s << false;
    QTest::addRow("none") << u"hello"_s << false;
}

void TestChatClient::mentions()
{
    QFETCH(QString, text);
    QFETCH(bool, mentioned);
    QCOMPARE(ChatClient::mentions(text, u"Alice"_s), mentioned);
}

// Until the client shows conversations, it shows general alone: other rooms' events (which reach
// it when another device of its user joined a room) and DMs stay out of its timeline and users.
void TestChatClient::messagesBothWays()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));

    auto client = makeClient(endpointFor(server, u"alice"_s));
    Timeline timeline(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy mentioned(client.get(), &ChatClient::mentioned);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QCOMPARE(client->state(), ChatClient::State::Connected);
    QCOMPARE(client->username(), u"alice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(client->users().contains(u"bob"_s), WaitMs);
    QVERIFY(client->users().contains(u"alice"_s));

    const QString cid = client->sendMessage(u"hello bob <b>not bold</b>"_s);
    QVERIFY(!cid.isEmpty());
    const QJsonObject received = bob.waitFor(u"message"_s, WaitMs);
    QCOMPARE(received.value("text"_L1).toString(), u"hello bob <b>not bold</b>"_s);
    QCOMPARE(received.value("username"_L1).toString(), u"alice"_s);
    QVERIFY(!received.contains("cid"_L1)); // only the sender's copy carries it

    bob.send(messageFrame(u"hi alice, welcome"_s));
    QTRY_VERIFY_WITH_TIMEOUT(timeline.find(u"hi alice, welcome"_s), WaitMs);
    const ChatEntry *fromBob = timeline.find(u"hi alice, welcome"_s);
    QCOMPARE(fromBob->username, u"bob"_s);
    QVERIFY(!fromBob->own);
    QCOMPARE(mentioned.size(), 1);
    const ChatEntry *own = timeline.find(u"hello bob <b>not bold</b>"_s);
    QVERIFY(own);
    QVERIFY(own->own);
    QCOMPARE(own->cid, cid);
    QVERIFY(!timeline.orderBroken);

    bob.socket().close();
    QTRY_VERIFY_WITH_TIMEOUT(!client->users().contains(u"bob"_s), WaitMs);
}

void TestChatClient::historyLoadedOnJoin()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    for (int i = 1; i <= 3; ++i) {
        bob.send(messageFrame(u"early %1"_s.arg(i)));
        QVERIFY(!bob.waitFor(u"message"_s, WaitMs).isEmpty());
    }

    auto client = makeClient(endpointFor(server, u"alice"_s));
    Timeline timeline(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(timeline.texts().size() >= 3, WaitMs);
    QCOMPARE(timeline.texts().mid(0, 3), (QStringList {u"early 1"_s, u"early 2"_s, u"early 3"_s}));
    QVERIFY(!client->hasOlder());
    QVERIFY(!timeline.orderBroken);
    // Bob's join is in the history; ours came live, once.
    const auto ownJoins = [&timeline] {
        int count = 0;
        for (const ChatEntry &entry : std::as_const(timeline.entries))
            count += entry.kind == ChatEntry::Kind::Join && entry.username == "alice"_L1;
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(ownJoins(), 1, WaitMs);
}

void TestChatClient::olderPages()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    for (int i = 1; i <= 7; ++i)
        bob.send(messageFrame(u"m%1"_s.arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), 7, WaitMs);

    auto client = makeClient(endpointFor(server, u"alice"_s));
    client->setHistoryPageSize(3);
    Timeline timeline(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy older(client.get(), &ChatClient::olderEntriesLoaded);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QCOMPARE(timeline.texts(), (QStringList {u"m5"_s, u"m6"_s, u"m7"_s}));
    QVERIFY(client->hasOlder());
    while (client->hasOlder()) {
        const int before = int(older.size());
        client->loadOlder();
        QVERIFY(client->isLoadingOlder());
        QTRY_COMPARE_WITH_TIMEOUT(int(older.size()), before + 1, WaitMs);
    }
    QStringList expected;
    for (int i = 1; i <= 7; ++i)
        expected << u"m%1"_s.arg(i);
    QCOMPARE(timeline.texts(), expected);
    QVERIFY(!timeline.orderBroken);
    QCOMPARE(timeline.entries.first().kind, ChatEntry::Kind::Join); // bob's, the first event
}

void TestChatClient::pendingThenAcknowledged()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = makeClient(endpointFor(server, u"pat"_s));
    Timeline timeline(client.get());
    QSignalSpy pending(client.get(), &ChatClient::pendingChanged);
    QSignalSpy acked(client.get(), &ChatClient::messageAcknowledged);

    // Written before connecting: pending, then sent on connect.
    const QString cid = client->sendMessage(u"queued while offline"_s);
    QVERIFY(!cid.isEmpty());
    QCOMPARE(client->pendingMessages().size(), 1);
    QCOMPARE(client->pendingMessages().first().cid, cid);
    QCOMPARE(pending.last().first().value<QList<OutgoingMessage>>().size(), 1);

    client->connectToServer();
    QVERIFY(acked.wait(WaitMs));
    QCOMPARE(acked.first().first().toString(), cid);
    QTRY_VERIFY_WITH_TIMEOUT(client->isSynced(), WaitMs);
    QVERIFY(client->pendingMessages().isEmpty());
    QVERIFY(pending.last().first().value<QList<OutgoingMessage>>().isEmpty());
    const ChatEntry *entry = timeline.find(u"queued while offline"_s);
    QVERIFY(entry);
    QCOMPARE(entry->cid, cid);
    QVERIFY(entry->own);

    // Connected: pending until the acknowledgement.
    const QString second = client->sendMessage(u"second"_s);
    QCOMPARE(client->pendingMessages().size(), 1);
    QVERIFY(acked.wait(WaitMs));
    QCOMPARE(acked.last().first().toString(), second);
    QVERIFY(client->pendingMessages().isEmpty());
    QCOMPARE(historyTexts(server), (QStringList {u"queued while offline"_s, u"second"_s}));

    QVERIFY(client->sendMessage(u"   "_s).isEmpty());
    QVERIFY(client->sendMessage(QString(client->maxTextLength() + 1, u'x')).isEmpty());
    QVERIFY(!client->sendMessage(QString(client->maxTextLength(), u'x')).isEmpty());
}

void TestChatClient::serverRestartLosesNothing()
{
    auto first = std::make_unique<TestServer>();
    QVERIFY(first->start());
    const quint16 port = first->port();
    const QString dataDir = first->dataDir();

    TestClient bob;
    QVERIFY(bob.join(first->wsUrl(u"bob"_s)));
    auto client = makeClient(endpointFor(*first, u"alice"_s));
    Timeline timeline(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));

    QStringList sent;
    for (int i = 1; i <= 5; ++i) {
        sent << u"before %1"_s.arg(i);
        client->sendMessage(sent.last());
    }
    QJsonObject fromBob = messageFrame(u"from bob before"_s);
    fromBob.insert("cid"_L1, u"b1"_s);
    bob.send(fromBob);
    const auto bobAcked = [&bob] {
        const QList<QJsonObject> frames = bob.frames(u"message"_s);
        return std::any_of(frames.cbegin(), frames.cend(), [](const QJsonObject &frame) {
            return frame.value("cid"_L1).toString() == "b1"_L1;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(bobAcked(), WaitMs); // stored before the stop
    // Stop while some of these may be in flight; the client keeps writing meanwhile.
    QVERIFY(first->stop());
    QTRY_VERIFY_WITH_TIMEOUT(client->state() != ChatClient::State::Connected, WaitMs);
    for (int i = 1; i <= 5; ++i) {
        sent << u"during %1"_s.arg(i);
        client->sendMessage(sent.last());
    }
    QVERIFY(!client->pendingMessages().isEmpty());

    // Same data dir, same port.
    TestServer second(first->token(), dataDir);
    second.config().port = port;
    QVERIFY(second.start());
    QCOMPARE(second.port(), port);
    QTRY_VERIFY_WITH_TIMEOUT(client->isSynced() && client->pendingMessages().isEmpty(), 15000);
    sent << u"after"_s;
    client->sendMessage(sent.last());
    QTRY_VERIFY_WITH_TIMEOUT(timeline.find(u"after"_s), WaitMs);

    const QStringList stored = historyTexts(second);
    for (const QString &text : std::as_const(sent))
        QVERIFY2(stored.count(text) == 1,
                 qPrintable(u"%1 stored %2 times"_s.arg(text).arg(stored.count(text))));
    QCOMPARE(stored.count(u"from bob before"_s), 1);
    const QStringList seen = timeline.texts();
    for (const QString &text : std::as_const(stored))
        QVERIFY2(seen.count(text) == 1,
                 qPrintable(u"%1 seen %2 times"_s.arg(text).arg(seen.count(text))));
    QCOMPARE(seen.size(), stored.size());
    QVERIFY(!timeline.orderBroken);
    client.reset();
    first.reset();
}

void TestChatClient::kickedStaysDisconnected()
{
    TestServer server;
    QVERIFY(server.start());
    ClientId carolId = 0;
    connect(&server.controller(), &ServerController::activity, this,
            [&carolId](const ServerActivity &activity) {
                for (const ClientInfo &info : activity.updatedClients) {
                    if (info.username == "carol"_L1)
                        carolId = info.id;
                }
            });
    auto client = makeClient(endpointFor(server, u"carol"_s));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(carolId != 0, WaitMs);

    server.controller().kick(carolId, u"too much <i>spam</i>"_s);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ChatClient::State::Disconnected, WaitMs);
    QCOMPARE(client->problem(), ChatClient::Problem::Kicked);
    QVERIFY2(client->problemText().contains(u"too much <i>spam</i>"_s),
             qPrintable(client->problemText()));
    QVERIFY(!client->isRetrying());
    QVERIFY(client->users().isEmpty());
}

void TestChatClient::bannedStaysOutWithTheReason()
{
    TestServer server;
    QVERIFY(server.start());
    BanRequest ban;
    ban.username = u"dave"_s;
    ban.reason = u"spam links"_s;
    server.controller().ban(ban);
    auto client = makeClient(endpointFor(server, u"dave"_s));
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::Banned, WaitMs);
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
    QVERIFY(!client->isRetrying());
    QVERIFY2(client->problemText().contains(u"spam links"_s), qPrintable(client->problemText()));
}

void TestChatClient::fullServerIsRetried()
{
    TestServer server;
    server.config().maxConnections = 1;
    QVERIFY(server.start());
    TestClient occupant;
    QVERIFY(occupant.join(server.wsUrl(u"occupant"_s)));
    auto client = makeClient(endpointFor(server, u"frank"_s));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::Refused, WaitMs);
    QVERIFY2(client->problemText().contains(u"full"_s), qPrintable(client->problemText()));
    // It keeps trying (with backoff) while the server is full.
    QTRY_VERIFY_WITH_TIMEOUT(client->attempt() >= 2, 30000);
    QCOMPARE(client->problem(), ChatClient::Problem::Refused);
    // Once there is room, a retry gets in by itself.
    occupant.socket().close();
    QVERIFY(synced.wait(30000));
    QCOMPARE(client->state(), ChatClient::State::Connected);
}

void TestChatClient::wrongToken()
{
    TestServer server;
    QVERIFY(server.start());
    ServerEndpoint endpoint = endpointFor(server, u"erin"_s);
    endpoint.token = u"wrong"_s;
    auto client = makeClient(endpoint);
    Timeline timeline(client.get());
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::InvalidToken, WaitMs);
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
    QVERIFY(client->problemText().contains(u"token"_s));
    QVERIFY(timeline.entries.isEmpty());

    // Fixed by the user: connects.
    endpoint.token = server.token();
    client->setEndpoint(endpoint);
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QCOMPARE(client->problem(), ChatClient::Problem::None);
}

void TestChatClient::usernameRefused_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<ChatClient::Problem>("problem");
    QTest::addRow("taken, other case") << u"DAVE"_s << ChatClient::Problem::UsernameTaken;
    QTest::addRow("reserved") << u"admin"_s << ChatClient::Problem::InvalidUsername;
    QTest::addRow("too long") << QString(40, u'n') << ChatClient::Problem::InvalidUsername;
}

void TestChatClient::usernameRefused()
{
    QFETCH(QString, username);
    QFETCH(ChatClient::Problem, problem);
    TestServer server;
    QVERIFY(server.start());
    TestClient dave;
    QVERIFY(dave.join(server.wsUrl(u"dave"_s)));
    QVERIFY(!dave.waitFor(u"join"_s, WaitMs).isEmpty());
    auto client = makeClient(endpointFor(server, username));
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), problem, WaitMs);
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
    QVERIFY(!client->problemText().isEmpty());
    if (problem == ChatClient::Problem::UsernameTaken)
        QVERIFY(client->problemText().contains(username));
    else
        QVERIFY2(client->problemText().size() > 30, qPrintable(client->problemText()));
    QCOMPARE(dave.frames(u"join"_s).size(), 1); // nobody joined
}

// The secret is made once and kept (a hand-damaged one is replaced); with it the first connect
// registers the name, and another device's identity is refused with 4009 and not retried.
void TestChatClient::identityKeepsTheNameAndIsKeptInTheSettings()
{
    QSettings settings(m_dataDir.filePath(u"identity.ini"_s), QSettings::IniFormat);
    const QString identity = ClientIdentity::ensure(settings);
    QCOMPARE(identity.size(), 43);
    QCOMPARE(ClientIdentity::ensure(settings), identity);
    QSettings reread(m_dataDir.filePath(u"identity.ini"_s), QSettings::IniFormat);
    QCOMPARE(ClientIdentity::ensure(reread), identity);
    QSettings other(m_dataDir.filePath(u"other.ini"_s), QSettings::IniFormat);
    other.setValue(u"client/identity"_s, u"too short"_s);
    const QString otherIdentity = ClientIdentity::ensure(other);
    QCOMPARE(otherIdentity.size(), 43);
    QVERIFY(otherIdentity != identity);

    TestServer server;
    QVERIFY(server.start());
    auto owner = makeClient(endpointFor(server, u"Nora"_s));
    owner->setIdentity(identity);
    QSignalSpy synced(owner.get(), &ChatClient::synced);
    owner->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    owner->disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(owner->state(), ChatClient::State::Disconnected, WaitMs);

    auto impostor = makeClient(endpointFor(server, u"nora"_s));
    impostor->setIdentity(otherIdentity);
    impostor->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(impostor->problem(), ChatClient::Problem::NameRegistered, WaitMs);
    // Final: disconnected, not waiting to reconnect.
    QCOMPARE(impostor->state(), ChatClient::State::Disconnected);
    QVERIFY(!impostor->isRetrying());
    QVERIFY2(impostor->problemText().contains(u"nora"_s), qPrintable(impostor->problemText()));

    owner->connectToServer();
    QVERIFY(synced.wait(WaitMs));
}

void TestChatClient::outboxSurvivesClosing()
{
    TestServer server;
    QVERIFY(server.start());
    const ServerEndpoint endpoint = endpointFor(server, u"olive"_s);
    QString cid;
    {
        auto offline = makeClient(endpoint);
        cid = offline->sendMessage(u"written, app closed"_s);
        QVERIFY(!cid.isEmpty());
        QVERIFY(!offline->outboxFilePath().isEmpty());
    } // destroyed without ever connecting: the outbox is flushed to disk
    auto client = makeClient(endpoint);
    QCOMPARE(client->pendingMessages().size(), 1);
    QCOMPARE(client->pendingMessages().first().cid, cid);
    QSignalSpy acked(client.get(), &ChatClient::messageAcknowledged);
    client->connectToServer();
    QVERIFY(acked.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(client->isSynced(), WaitMs);
    QVERIFY(client->pendingMessages().isEmpty());
    QCOMPARE(historyTexts(server), QStringList {u"written, app closed"_s});
    const QString path = client->outboxFilePath();
    client.reset();
    QVERIFY(!QFile::exists(path)); // nothing left to send
    Outbox outbox;
    outbox.setFilePath(path);
    QVERIFY(outbox.isEmpty());
}

void TestChatClient::connectTimeoutRetries()
{
    // Accepts TCP but never answers the upgrade: Qt 6.4's client would wait forever.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = silent.serverPort();
    endpoint.username = u"tim"_s;
    auto client = makeClient(endpoint);
    client->setConnectTimeout(300);
    client->setRetryDelays(5000, 5000);
    client->connectToServer();
    QCOMPARE(client->state(), ChatClient::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ChatClient::State::WaitingToReconnect, WaitMs);
    QCOMPARE(client->problem(), ChatClient::Problem::Timeout);
    QVERIFY(!client->problemText().isEmpty());
    QVERIFY(client->msecsUntilRetry() <= 5000);
    client->disconnectFromServer();
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
}

void TestChatClient::refusedUpgradeRetries()
{
    // Answers the upgrade with a 403, like something that is not LanChat.
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    connect(&other, &QTcpServer::newConnection, this, [&other] {
        while (QTcpSocket *socket = other.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
            });
        }
    });
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = other.serverPort();
    endpoint.username = u"tim"_s;
    auto client = makeClient(endpoint);
    client->setConnectTimeout(5000);
    client->setRetryDelays(5000, 5000);
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ChatClient::State::WaitingToReconnect, WaitMs);
    QCOMPARE(client->problem(), ChatClient::Problem::NetworkError);
}

void TestChatClient::refusedMessageIsReported()
{
    TestServer server;
    server.config().maxTextLength = 10;
    QVERIFY(server.start());
    auto client = makeClient(endpointFor(server, u"rita"_s));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy refused(client.get(), &ChatClient::messageRefused);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QCOMPARE(client->maxTextLength(), 10); // from the welcome
    // The client checks the limit itself; a text with a control character passes it cleaned.
    QVERIFY(client->sendMessage(u"01234567890"_s).isEmpty());
    const QString cid = client->sendMessage(u"ok\u0001"_s);
    QSignalSpy acked(client.get(), &ChatClient::messageAcknowledged);
    QVERIFY(acked.wait(WaitMs));
    QCOMPARE(refused.size(), 0);
    QCOMPARE(historyTexts(server), QStringList {u"ok"_s});
}

// Eight messages written offline go out after the welcome: the server's burst is five, the rest
// are refused with rate_limited, which is not a refusal of the message: all eight arrive, once.
void TestChatClient::offlineMessagesBeyondTheBurstAllArrive()
{
    TestServer server;
    useDefaultFloodControl(server);
    QVERIFY(server.start());
    auto client = makeClient(endpointFor(server, u"offline"_s));
    QSignalSpy refused(client.get(), &ChatClient::messageRefused);
    QStringList typed;
    for (int i = 1; i <= 8; ++i) {
        typed << u"offline %1"_s.arg(i);
        QVERIFY(!client->sendMessage(typed.last()).isEmpty());
    }
    client->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(client->isSynced() && client->pendingMessages().isEmpty(), 30000);
    QCOMPARE(refused.size(), 0);
    QCOMPARE(historyTexts(server), typed);
    QCOMPARE(client->state(), ChatClient::State::Connected);
}

// Six messages typed at once while connected: the sixth is beyond the burst and must still go.
void TestChatClient::messageTypedWithinTheBurstWindowArrives()
{
    TestServer server;
    useDefaultFloodControl(server);
    QVERIFY(server.start());
    TestClient watcher;
    QVERIFY(watcher.join(server.wsUrl(u"watcher"_s)));
    auto client = makeClient(endpointFor(server, u"typist"_s));
    Timeline timeline(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy refused(client.get(), &ChatClient::messageRefused);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QStringList typed;
    for (int i = 1; i <= 6; ++i) {
        typed << u"quick %1"_s.arg(i);
        QVERIFY(!client->sendMessage(typed.last()).isEmpty());
    }
    QTRY_VERIFY_WITH_TIMEOUT(client->pendingMessages().isEmpty(), 20000);
    QCOMPARE(refused.size(), 0);
    QCOMPARE(historyTexts(server), typed);
    QCOMPARE(timeline.texts(), typed);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.frames(u"message"_s).size(), 6, WaitMs);
    QVERIFY(!timeline.orderBroken);
}

// A hundred queued messages go out paced, one in flight: far below the rate that the server
// closes with 4008, and all of them once, in the order written.
void TestChatClient::largeOutboxIsPacedWithoutFloodClose()
{
    TestServer server;
    useDefaultFloodControl(server);
    QVERIFY(server.start());
    auto client = makeClient(endpointFor(server, u"backlog"_s));
    QSignalSpy refused(client.get(), &ChatClient::messageRefused);
    QList<ChatClient::State> states;
    connect(client.get(), &ChatClient::stateChanged, this,
            [&states](ChatClient::State state) { states.append(state); });
    QStringList typed;
    for (int i = 1; i <= 100; ++i) {
        typed << u"backlog %1"_s.arg(i);
        QVERIFY(!client->sendMessage(typed.last()).isEmpty());
    }
    client->connectToServer();
    // The default rate is two messages a second: about 50 s for 100.
    QTRY_VERIFY_WITH_TIMEOUT(client->pendingMessages().isEmpty()
                                 || states.contains(ChatClient::State::WaitingToReconnect),
                             120000);
    QVERIFY2(!states.contains(ChatClient::State::WaitingToReconnect),
             qPrintable(u"the connection was lost: %1"_s.arg(client->problemText())));
    QCOMPARE(refused.size(), 0);
    QCOMPARE(historyTexts(server), typed);
}

// Unsent messages are the user's alone: under umask 022 the outbox file is 0600, and the
// directories the client creates for it are 0700.
void TestChatClient::outboxIsOwnerOnly()
{
    const auto modeOf = [](const QString &path) -> uint {
        struct stat info = {};
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 07777 : 0;
    };
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"app-data"_s);
    const mode_t previous = ::umask(022);
    QString path;
    {
        ChatClient client;
        client.setDataDirectory(dataDir);
        ServerEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_s;
        endpoint.username = u"private"_s;
        client.setEndpoint(endpoint);
        QVERIFY(!client.sendMessage(u"not for other users"_s).isEmpty());
        path = client.outboxFilePath();
    } // flushed to disk
    ::umask(previous);
    QVERIFY(QFile::exists(path));
    QCOMPARE(modeOf(path), 0600u);
    QCOMPARE(modeOf(QFileInfo(path).absolutePath()), 0700u);
    QCOMPARE(modeOf(dataDir), 0700u);
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"

void TestChatClient::failuresAreToldApart()
{
    QHash<ChatClient::Problem, QString> texts;
    const auto failWith = [this, &texts](ServerEndpoint endpoint, ChatClient::Problem expected,
                                         ChatClient::State state) {
        if (endpoint.username.isEmpty())
            endpoint.username = u"tim"_s;
        auto client = makeClient(endpoint);
        client->setConnectTimeout(500);
        client->setRetryDelays(10000, 10000);
        client->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(client->state() == ChatClient::State::WaitingToReconnect
                                     || client->state() == ChatClient::State::Disconnected,
                                 WaitMs);
        QCOMPARE(client->problem(), expected);
        QCOMPARE(client->state(), state);
        texts.insert(expected, client->problemText());
    };

    // Refused: a port that was bound, then closed.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    ServerEndpoint refused;
    refused.host = u"127.0.0.1"_s;
    refused.port = closed.serverPort();
    closed.close();
    failWith(refused, ChatClient::Problem::ConnectionRefused,
             ChatClient::State::WaitingToReconnect);
    QVERIFY2(texts.value(ChatClient::Problem::ConnectionRefused).contains(refused.authority()),
             qPrintable(texts.value(ChatClient::Problem::ConnectionRefused)));

    // Not found: a name no resolver is asked about (it is no host name), never retried.
    ServerEndpoint nowhere;
    nowhere.host = u"lanchat..invalid"_s;
    nowhere.port = 8787;
    failWith(nowhere, ChatClient::Problem::HostNotFound, ChatClient::State::Disconnected);
    QVERIFY(texts.value(ChatClient::Problem::HostNotFound).contains(nowhere.host));

    // Timed out: TCP accepted, the upgrade never answered.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ServerEndpoint slow;
    slow.host = u"127.0.0.1"_s;
    slow.port = silent.serverPort();
    failWith(slow, ChatClient::Problem::Timeout, ChatClient::State::WaitingToReconnect);

    // TLS asked of a server without it: the handshake fails, and that is not retried.
    TestServer server;
    QVERIFY(server.start());
    ServerEndpoint tls = endpointFor(server, u"tina"_s);
    tls.tls = true;
    failWith(tls, ChatClient::Problem::TlsHandshakeFailed, ChatClient::State::Disconnected);

    // Each its own sentence, none of them the old catch-all.
    const QStringList all = texts.values();
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()).size(), texts.size());
    for (const QString &text : all) {
        QVERIFY2(!text.isEmpty() && !text.contains(u"closed the connection"_s), qPrintable(text));
    }
}

void TestChatClient::hostStoppedIsToldWhileItRefuses()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = makeClient(endpointFor(server, u"stan"_s));
    client->setRetryDelays(50, 50);
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QVERIFY(server.stop());
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::HostStopped, WaitMs);
    QVERIFY(client->state() != ChatClient::State::Disconnected); // it keeps trying
    const QString text = client->problemText();
    QVERIFY2(text.contains(u"stopped"_s), qPrintable(text));
    // The retries meet a closed port: still "the host stopped", not "nothing answers".
    QTRY_VERIFY_WITH_TIMEOUT(client->attempt() >= 3, WaitMs);
    QCOMPARE(client->problem(), ChatClient::Problem::HostStopped);
    QCOMPARE(client->problemText(), text);
}

void TestChatClient::errorCodesAreWordedInGerman()
{
    QTranslator german;
    QVERIFY(german.load(u":/i18n/lanchat_de.qm"_s));
    QCoreApplication::installTranslator(&german);
    const auto removeTranslator
        = qScopeGuard([&german] { QCoreApplication::removeTranslator(&german); });
    // Every code of the protocol's table has the client's own German sentence.
    for (const Protocol::ErrorInfo &info : Protocol::Errors) {
        const QString english = u"English server text"_s;
        const QString worded = ClientErrorText::errorCode(QString(info.code), english);
        QVERIFY2(!worded.isEmpty() && worded != english, qPrintable(QString(info.code)));
    }
    QCOMPARE(ClientErrorText::errorCode(u"text_too_long"_s, u"The message is too long."_s),
             u"Die Nachricht ist für diesen Server zu lang."_s);
    // The operator's reason stays, after the client's own sentence.
    const QString banned = ClientErrorText::errorCode(
        u"banned"_s, u"You are banned from this chat. Reason: spam links"_s);
    // (an older server's frame: no `until` and `reason` to word)
    QVERIFY2(banned.startsWith(u"Du bist aus diesem Chat verbannt."_s), qPrintable(banned));
    QVERIFY(banned.contains(u"spam links"_s));
    const QJsonObject oldMute {{"type"_L1, "error"_L1},
                               {"code"_L1, "muted"_L1},
                               {"message"_L1, "You are muted until 2026-12-07 17:30 UTC."_L1}};
    QVERIFY(!Protocol::sanctionFromJson(oldMute));
    QCOMPARE(ClientErrorText::errorCode(u"muted"_s, oldMute.value("message"_L1).toString(),
                                        Protocol::sanctionFromJson(oldMute)),
             u"Der Betreiber hat dich stummgeschaltet: Du kannst lesen, aber nichts senden. Der "
             u"Server schreibt: „You are muted until 2026-12-07 17:30 UTC.“"_s);
    // A server that sends `until` and `reason`: all of it in German, the time in the locale's
    // words (today: the time alone).
    const QLocale previousLocale;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const auto restoreLocale = qScopeGuard([&] { QLocale::setDefault(previousLocale); });
    const QDateTime evening(QDate::currentDate(), QTime(18, 30));
    const QString english = u"You are banned from this chat until 2026-12-07 17:30 UTC."_s;
    QCOMPARE(ClientErrorText::errorCode(u"banned"_s, english,
                                        Protocol::Sanction {evening.toMSecsSinceEpoch(), {}}),
             u"Du bist bis 18:30 aus diesem Chat verbannt."_s);
    const QDateTime tomorrow = evening.addDays(1);
    QCOMPARE(
        ClientErrorText::errorCode(u"banned"_s, english,
                                   Protocol::Sanction {tomorrow.toMSecsSinceEpoch(), u"spam"_s}),
        u"Du bist bis %1 18:30 aus diesem Chat verbannt. Grund: spam"_s.arg(
            QLocale().toString(tomorrow.date(), QLocale::ShortFormat)));
    QCOMPARE(ClientErrorText::errorCode(u"banned"_s, english, Protocol::Sanction {0, u"spam"_s}),
             u"Du bist dauerhaft aus diesem Chat verbannt. Grund: spam"_s);
    QCOMPARE(ClientErrorText::errorCode(
                 u"muted"_s, english, Protocol::Sanction {evening.toMSecsSinceEpoch(), u"ruhig"_s}),
             u"Der Betreiber hat dich bis 18:30 stummgeschaltet: Du kannst lesen, aber nichts "
             u"senden. Grund: ruhig"_s);
    // A code this client does not know: the server's words.
    QCOMPARE(ClientErrorText::errorCode(u"from_the_future"_s, u"Something new."_s),
             u"Something new."_s);

    // A refusal of a message arrives worded.
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    auto client = makeClient(endpointFor(server, u"gerd"_s));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy refused(client.get(), &ChatClient::messageRefused);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    const ClientId gerd = clientIdOf(activity, u"gerd"_s);
    QVERIFY(gerd != 0);
    bool muted = false;
    connect(&server.controller(), &ServerController::activity, this,
            [&muted](const ServerActivity &batch) {
                for (const ClientInfo &info : batch.updatedClients)
                    muted = muted || (info.username == "gerd"_L1 && info.mutedUntilMs > 0);
            });
    server.controller().mute(gerd, 600, u"calm down"_s);
    QTRY_VERIFY_WITH_TIMEOUT(muted, WaitMs); // applied on the server thread
    QTRY_VERIFY_WITH_TIMEOUT(client->isMuted(), WaitMs); // told at the start, without a cid
    QCOMPARE(client->mute()->reason, u"calm down"_s);
    const qint64 until = client->mute()->untilMs;
    QVERIFY(until > QDateTime::currentMSecsSinceEpoch() + 590'000);
    client->sendMessage(u"hallo"_s);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, WaitMs);
    const QString reason = refused.at(0).at(2).toString();
    const QString time = ChatTime::moment(QDateTime::fromMSecsSinceEpoch(until));
    QCOMPARE(reason,
             u"Der Betreiber hat dich bis %1 stummgeschaltet: Du kannst lesen, aber nichts senden. "
             u"Grund: calm down"_s.arg(time));

    // Banned at connect: the refusal worded the same way, no English.
    BanRequest ban;
    ban.username = u"hans"_s;
    ban.durationSeconds = 3600;
    ban.reason = u"spam"_s;
    server.controller().ban(ban);
    auto hans = makeClient(endpointFor(server, u"hans"_s));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            hans->connectToServer();
            return QTest::qWaitFor([&] { return hans->state() == ChatClient::State::Disconnected; },
                                   WaitMs)
                   && hans->problem() == ChatClient::Problem::Banned;
        }(),
        WaitMs);
    const QString refusal = hans->problemText();
    QVERIFY2(refusal.startsWith(u"Du bist bis "_s) && refusal.endsWith(u" Grund: spam"_s)
                 && !refusal.contains(u"banned"_s),
             qPrintable(refusal));
}
