// The chat server through its public surface: real QWebSocket clients against a real server on
// 127.0.0.1, port 0, and the real history database file.
#include "historystore.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class tst_ChatServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }

    void echo();
    void echoNeedsToken();
    void welcomeListsUsersAndLastId();
    void operatorKeyAdmitsTheOperator();
    void broadcastReachesEveryoneInTheSameOrder_data();
    void broadcastReachesEveryoneInTheSameOrder();
    void broadcastFramesOfEverySize_data();
    void broadcastFramesOfEverySize();
    void joinAndLeaveAreAnnounced();
    void welcomeListFollowsJoinsAndLeaves();
    void joinStormIsAnnouncedOnceInOneOrder();
    void ackComesAfterStorage();
    void usernameFieldMustMatch();
    void seedShapeWithoutTypeIsAMessage();
    void resentCidIsAcknowledgedOnce();
    void fullHistoryRefusesMessagesUntilThereIsRoom();
    void wrongTokenIsRefusedWithoutChatData_data();
    void wrongTokenIsRefusedWithoutChatData();
    void invalidUsernameIsRefused_data();
    void invalidUsernameIsRefused();
    void invalidUtf8UsernameIsRefused_data();
    void invalidUtf8UsernameIsRefused();
    void duplicateUsernameIsRefused_data();
    void duplicateUsernameIsRefused();
    void lookAlikeCannotImpersonate_data();
    void lookAlikeCannotImpersonate();
    void badInputGetsAnErrorAndIsNotStored_data();
    void badInputGetsAnErrorAndIsNotStored();
    void binaryFrameGetsAnError();
    void oversizedFrameClosesWith1009();
    void connectionCountReturnsToZero();
    void kickReachesClientAndOthers();
    void announcementReachesEveryone();
    void shutdownClosesClientsWith1001();
    void shutdownClosesEchoClientsWith1001();
    void idsKeepIncreasingAcrossRestarts();
    void startFailsOnBusyPort();
    void hostileTextIsStoredVerbatim();
    void astralTextIsStoredAsSeen();
};

namespace {
QJsonObject message(const QString &text, const QString &cid = {})
{
    QJsonObject frame {{"type"_L1, "message"_L1}, {"text"_L1, text}};
    if (!cid.isEmpty())
        frame.insert("cid"_L1, cid);
    return frame;
}

int clientCountOf(TestServer &server)
{
    return httpGet(server.httpUrl(u"/api/health"_s)).json.value("clients"_L1).toInt(-1);
}

// What a WebSocket upgrade with these exact query bytes got back, read from a raw TCP socket
// until the server closed it: the payloads of its text frames and the code of its close frame.
struct RawSession
{
    bool upgraded = false;
    int status = 0; // of the HTTP response to the handshake
    QList<QByteArray> texts;
    int closeCode = -1;
};

RawSession rawSession(quint16 port, const QByteArray &query)
{
    RawSession session;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return session;
    socket.write("GET /ws?" + query
                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    received += socket.readAll();
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (received.startsWith("HTTP/1.1 "))
        session.status = received.mid(9, 3).toInt();
    session.upgraded = received.startsWith("HTTP/1.1 101") && headEnd > 0;
    if (!session.upgraded)
        return session;
    // Server frames are unmasked and, here, short.
    for (qsizetype at = headEnd + 4; at + 2 <= received.size();) {
        const auto opcode = quint8(received.at(at)) & 0x0f;
        qsizetype length = quint8(received.at(at + 1)) & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            length = qsizetype(quint8(received.at(at + 2))) << 8 | quint8(received.at(at + 3));
            header = 4;
        }
        const QByteArray payload = received.mid(at + header, length);
        if (opcode == 0x1)
            session.texts.append(payload);
        else if (opcode == 0x8 && payload.size() >= 2)
            session.closeCode = quint8(payload.at(0)) << 8 | quint8(payload.at(1));
        at += header + length;
    }
    return session;
}

qint64 storedCount(TestServer &server)
{
    HistoryStore reader(u"test-reader"_s);
    if (!reader.open(server.dataDir() + u"/history.sqlite"_s, true))
        return -1;
    return reader.count();
}
} // namespace

void tst_ChatServer::echo()
{
    TestServer server;
    QVERIFY(server.start());
    QWebSocket socket;
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
    socket.open(server.wsUrl(QString(), QString(), u"/ws/echo"_s));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    socket.sendTextMessage(u"hello ünïcode"_s);
    QVERIFY(received.wait(5000));
    QCOMPARE(received.first().first().toString(), u"Echo: hello ünïcode"_s);
    QCOMPARE(clientCountOf(server), 0); // echo connections are not chat clients
}

void tst_ChatServer::echoNeedsToken()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.open(server.wsUrl(QString(), u"wrong"_s, u"/ws/echo"_s)));
    client.sendRaw(u"hi"_s);
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(client.closeCode(), 1008);
    for (const QString &raw : client.rawFrames())
        QVERIFY2(!raw.startsWith("Echo:"_L1), qPrintable(raw));
}

void tst_ChatServer::welcomeListsUsersAndLastId()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    alice.send(message(u"first"_s, u"c1"_s));
    const QJsonObject ack = alice.waitFor(u"message"_s);
    QVERIFY(!ack.isEmpty());

    TestClient bob;
    QVERIFY(bob.open(server.wsUrl(u"bob"_s)));
    const QJsonObject welcome = bob.waitFor(u"welcome"_s);
    QCOMPARE(welcome.value("protocol"_L1).toInt(), 2);
    QCOMPARE(welcome.value("username"_L1).toString(), u"bob"_s);
    QCOMPARE(welcome.value("users"_L1).toArray(),
             QJsonArray::fromStringList({u"alice"_s, u"bob"_s}));
    QCOMPARE(welcome.value("lastId"_L1).toInteger(), ack.value("id"_L1).toInteger());
    QCOMPARE(welcome.value("limits"_L1).toObject().value("maxTextLength"_L1).toInt(), 5000);
    QCOMPARE(bob.frames().first().value("type"_L1).toString(), u"welcome"_s);
}

// The host's own client presents the controller's operator key in the token's place: it is
// listed in `operators`, its join and messages carry `operator: true`, /api/users marks it, and
// nobody else's are marked.
void tst_ChatServer::operatorKeyAdmitsTheOperator()
{
    TestServer server;
    QVERIFY(server.start());
    const QString key = server.controller().operatorKey();
    QVERIFY(key.size() >= 16);
    QVERIFY(key != server.token());
    TestClient carol;
    QVERIFY(carol.join(server.wsUrl(u"carol"_s)));
    const QJsonValue noOperators = carol.frames(u"welcome"_s).first().value("operators"_L1);
    QVERIFY(noOperators.isArray() && noOperators.toArray().isEmpty());
    // The next frame of the type from that user (skipping others').
    const auto nextFrom = [](TestClient &client, const QString &type, const QString &username) {
        for (QJsonObject frame = client.waitFor(type); !frame.isEmpty();
             frame = client.waitFor(type)) {
            if (frame.value("username"_L1).toString() == username)
                return frame;
        }
        return QJsonObject();
    };
    TestClient host;
    QVERIFY(host.join(server.wsUrl(u"alice"_s, key)));
    const QJsonObject hostWelcome = host.frames(u"welcome"_s).first();
    QCOMPARE(hostWelcome.value("operators"_L1).toArray(), QJsonArray {u"alice"_s});
    const QJsonObject join = nextFrom(carol, u"join"_s, u"alice"_s);
    QCOMPARE(join.value("operator"_L1).toBool(), true);

    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    const QJsonObject welcome = bob.frames(u"welcome"_s).first();
    QCOMPARE(welcome.value("operators"_L1).toArray(), QJsonArray {u"alice"_s});
    const QJsonObject bobJoin = nextFrom(carol, u"join"_s, u"bob"_s);
    QVERIFY(!bobJoin.contains("operator"_L1));

    host.send(message(u"hello from the host"_s, u"h1"_s));
    const QJsonObject fromHost = nextFrom(bob, u"message"_s, u"alice"_s);
    QCOMPARE(fromHost.value("operator"_L1).toBool(), true);
    bob.send(message(u"hi"_s, u"b1"_s));
    const QJsonObject fromBob = nextFrom(carol, u"message"_s, u"bob"_s);
    QVERIFY(!fromBob.isEmpty());
    QVERIFY(!fromBob.contains("operator"_L1));

    // The key opens the HTTP API too (the host's client reads the history with it).
    const HttpResult users = httpGet(server.httpUrl(u"/api/users"_s), key.toUtf8());
    QCOMPARE(users.status, 200);
    const QJsonArray list = users.json.value("users"_L1).toArray();
    QCOMPARE(list.size(), 3);
    for (const QJsonValue &user : list) {
        const QJsonObject entry = user.toObject();
        QCOMPARE(entry.value("operator"_L1).toBool(),
                 entry.value("username"_L1).toString() == u"alice"_s);
    }

    // While the operator is online, nobody takes its name, not even with the token.
    TestClient impostor;
    QVERIFY(impostor.open(server.wsUrl(u"Alice"_s)));
    QVERIFY(impostor.waitForDisconnect());
    QCOMPARE(impostor.closeCode(), int(Protocol::CloseUsernameTaken));
}

void tst_ChatServer::broadcastReachesEveryoneInTheSameOrder_data()
{
    QTest::addColumn<int>("clientCount");
    QTest::addColumn<int>("perClient");
    QTest::addRow("two clients") << 2 << 3;
    QTest::addRow("ten clients") << 10 << 3;
    // Enough clients and messages that batches are committed while others are being written.
    QTest::addRow("150 clients") << 150 << 6;
}

void tst_ChatServer::broadcastReachesEveryoneInTheSameOrder()
{
    QFETCH(int, clientCount);
    QFETCH(int, perClient);
    TestServer server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < clientCount; ++i) {
        clients.push_back(std::make_unique<TestClient>());
        QVERIFY(clients.back()->join(server.wsUrl(u"user%1"_s.arg(i))));
    }
    // Every client sends its messages, interleaved with the others'.
    for (int round = 0; round < perClient; ++round) {
        for (int i = 0; i < clientCount; ++i)
            clients[size_t(i)]->send(message(u"m%1-%2"_s.arg(i).arg(round)));
    }
    const int total = clientCount * perClient;
    for (auto &client : clients)
        QTRY_COMPARE_WITH_TIMEOUT(client->frames(u"message"_s).size(), total, 10000);

    const auto sequence = [](const TestClient &client) {
        QList<qint64> ids;
        QStringList texts;
        for (const QJsonObject &frame : client.frames(u"message"_s)) {
            ids << frame.value("id"_L1).toInteger();
            texts << frame.value("text"_L1).toString();
        }
        return std::make_pair(ids, texts);
    };
    const auto reference = sequence(*clients.front());
    QVERIFY(std::is_sorted(reference.first.cbegin(), reference.first.cend()));
    QCOMPARE(QSet<qint64>(reference.first.cbegin(), reference.first.cend()).size(), total);
    for (auto &client : clients)
        QCOMPARE(sequence(*client), reference);
    // Messages are stamped with the authenticated name.
    for (const QJsonObject &frame : clients.front()->frames(u"message"_s)) {
        const QString text = frame.value("text"_L1).toString();
        QCOMPARE(frame.value("username"_L1).toString(),
                 u"user"_s + text.mid(1, text.indexOf(u'-') - 1));
    }
}

// Broadcasts are framed once by the server itself: payloads across the 7-bit, 16-bit and 64-bit
// length encodings of RFC 6455, in multi-byte UTF-8, must arrive intact.
void tst_ChatServer::broadcastFramesOfEverySize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("tiny") << u"hi"_s;
    QTest::addRow("just under 126 bytes") << QString(60, u'a');
    QTest::addRow("16-bit length") << QString(200, u'b');
    QTest::addRow("emoji") << QString(1000, QChar(0x2603)); // 3 bytes each in UTF-8
    QTest::addRow("64-bit length") << QString(30000, QChar(0x4E2D)); // 90,000 bytes
}

void tst_ChatServer::broadcastFramesOfEverySize()
{
    QFETCH(QString, text);
    TestServer server;
    server.config().maxTextLength = 60000;
    server.config().maxFrameBytes = 256 * 1024;
    QVERIFY(server.start());
    TestClient sender, receiver;
    QVERIFY(sender.join(server.wsUrl(u"sender"_s)));
    QVERIFY(receiver.join(server.wsUrl(u"receiver"_s)));
    sender.send(message(text));
    QCOMPARE(receiver.waitFor(u"message"_s).value("text"_L1).toString(), text);
    QCOMPARE(sender.waitFor(u"message"_s).value("text"_L1).toString(), text);
    // The connection is still in sync afterwards.
    sender.send(message(u"after"_s));
    QCOMPARE(receiver.waitFor(u"message"_s).value("text"_L1).toString(), u"after"_s);
}

void tst_ChatServer::joinAndLeaveAreAnnounced()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QCOMPARE(alice.waitFor(u"join"_s).value("username"_L1).toString(), u"alice"_s);

    auto bob = std::make_unique<TestClient>();
    QVERIFY(bob->join(server.wsUrl(u"bob"_s)));
    const QJsonObject join = alice.waitFor(u"join"_s);
    QCOMPARE(join.value("username"_L1).toString(), u"bob"_s);
    QVERIFY(join.value("id"_L1).toInteger() > 0);
    QVERIFY(join.value("ts"_L1).toString().endsWith(u'Z'));

    bob->socket().close();
    const QJsonObject leave = alice.waitFor(u"leave"_s);
    QCOMPARE(leave.value("username"_L1).toString(), u"bob"_s);
    QVERIFY(!leave.contains("kicked"_L1));
    QVERIFY(leave.value("id"_L1).toInteger() > join.value("id"_L1).toInteger());
}

// The list in the welcome is kept sorted as clients come and go, not rebuilt per welcome.
void tst_ChatServer::welcomeListFollowsJoinsAndLeaves()
{
    TestServer server;
    QVERIFY(server.start());
    auto carol = std::make_unique<TestClient>();
    TestClient bob, alice;
    QVERIFY(carol->join(server.wsUrl(u"Carol"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));

    TestClient dave;
    QVERIFY(dave.open(server.wsUrl(u"dave"_s)));
    QCOMPARE(dave.waitFor(u"welcome"_s).value("users"_L1).toArray(),
             QJsonArray::fromStringList({u"alice"_s, u"bob"_s, u"Carol"_s, u"dave"_s}));

    carol.reset();
    QCOMPARE(dave.waitFor(u"leave"_s).value("username"_L1).toString(), u"Carol"_s);
    TestClient erin;
    QVERIFY(erin.open(server.wsUrl(u"erin"_s)));
    QCOMPARE(erin.waitFor(u"welcome"_s).value("users"_L1).toArray(),
             QJsonArray::fromStringList({u"alice"_s, u"bob"_s, u"dave"_s, u"erin"_s}));
    // The name is free again, in any case.
    TestClient carolAgain;
    QVERIFY(carolAgain.join(server.wsUrl(u"carol"_s)));
}

// Joins that arrive together are stored and broadcast together (ChatServer::PresenceCoalesceMs):
// each is still announced exactly once, everyone sees the same order, and a message sent right
// after a join is never overtaken by it.
void tst_ChatServer::joinStormIsAnnouncedOnceInOneOrder()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient first;
    QVERIFY(first.join(server.wsUrl(u"first"_s)));
    QCOMPARE(first.waitFor(u"join"_s).value("username"_L1).toString(), u"first"_s);

    const int storm = 40;
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < storm; ++i) {
        clients.push_back(std::make_unique<TestClient>());
        clients.back()->socket().open(server.wsUrl(u"storm%1"_s.arg(i)));
    }
    // frames() keeps what waitFor() took: first's own join is there too.
    QTRY_COMPARE_WITH_TIMEOUT(first.frames(u"join"_s).size(), storm + 1, 10000);
    first.send(message(u"after the storm"_s, u"c1"_s));
    QVERIFY(!first.waitFor(u"message"_s).isEmpty());

    const auto joinsSeenBy = [](const TestClient &client) {
        QStringList names;
        for (const QJsonObject &join : client.frames(u"join"_s))
            names.append(join.value("username"_L1).toString());
        return names;
    };
    const QStringList order = joinsSeenBy(first);
    QCOMPARE(QSet<QString>(order.cbegin(), order.cend()).size(), storm + 1);
    QList<qint64> ids;
    for (const QJsonObject &join : first.frames(u"join"_s))
        ids.append(join.value("id"_L1).toInteger());
    QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
    for (const auto &client : clients) {
        QTRY_COMPARE_WITH_TIMEOUT(client->frames(u"message"_s).size(), 1, 10000);
        // A tail of the same order as everyone's, from at most its own join on (joins stored
        // in the same batch as its own may come after its welcome), then the message.
        const QStringList seen = joinsSeenBy(*client);
        const QString own = client->frames(u"welcome"_s).value(0).value("username"_L1).toString();
        QVERIFY2(seen.contains(own), qPrintable(own));
        QCOMPARE(seen, order.mid(order.size() - seen.size()));
        const QStringList raw = client->rawFrames();
        QVERIFY(raw.last().contains("after the storm"_L1));
    }
}

void tst_ChatServer::ackComesAfterStorage()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    alice.send(message(u"stored first"_s, u"nonce-1"_s));
    const QJsonObject ack = alice.waitFor(u"message"_s);
    QCOMPARE(ack.value("cid"_L1).toString(), u"nonce-1"_s);
    QCOMPARE(ack.value("username"_L1).toString(), u"alice"_s);
    const qint64 id = ack.value("id"_L1).toInteger();
    QVERIFY(id > 0);

    // The moment the ack is here, the row is in the database file.
    HistoryStore reader(u"ack-reader"_s);
    QVERIFY(reader.open(server.dataDir() + u"/history.sqlite"_s, true));
    HistoryQuery query;
    query.afterId = id - 1;
    query.limit = 1;
    HistoryPage page;
    QVERIFY(reader.page(query, &page));
    QCOMPARE(page.events.size(), 1);
    QCOMPARE(page.events.first().id, id);
    QCOMPARE(page.events.first().text, u"stored first"_s);

    // Others get the same message without the sender's nonce.
    const QJsonObject relayed = bob.waitFor(u"message"_s);
    QCOMPARE(relayed.value("id"_L1).toInteger(), id);
    QVERIFY(!relayed.contains("cid"_L1));
}

void tst_ChatServer::usernameFieldMustMatch()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"Alice"_s)));
    // The seed tutorial's shape, {"username","text"}, works when the name is the caller's own.
    alice.send({{"type"_L1, "message"_L1}, {"username"_L1, "alice"_L1}, {"text"_L1, "mine"_L1}});
    QCOMPARE(alice.waitFor(u"message"_s).value("username"_L1).toString(), u"Alice"_s);
    alice.send({{"type"_L1, "message"_L1}, {"username"_L1, "mallory"_L1}, {"text"_L1, "spoof"_L1}});
    QCOMPARE(alice.waitFor(u"error"_s).value("code"_L1).toString(), u"username_mismatch"_s);
}

// The FastAPI tutorial this project grew from sends {"username": …, "text": …} and no type: a
// chat message, under every rule a typed one has (docs/PROTOCOL.md, "Client to server").
void tst_ChatServer::seedShapeWithoutTypeIsAMessage()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob, watcher;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    QVERIFY(watcher.join(server.wsUrl(u"watcher"_s)));
    QVERIFY(!bob.waitFor(u"join"_s).isEmpty());
    QVERIFY(!bob.waitFor(u"join"_s).isEmpty()); // watcher's join: both joins are stored
    const qint64 storedBefore = storedCount(server);

    bob.sendRaw(u"{\"username\":\"bob\",\"text\":\"hi\"}"_s);
    const QJsonObject echoed = bob.waitFor(u"message"_s);
    QCOMPARE(echoed.value("text"_L1).toString(), u"hi"_s);
    QCOMPARE(echoed.value("username"_L1).toString(), u"bob"_s);
    const QJsonObject relayed = watcher.waitFor(u"message"_s);
    QCOMPARE(relayed.value("text"_L1).toString(), u"hi"_s);
    QCOMPARE(relayed.value("id"_L1).toInteger(), echoed.value("id"_L1).toInteger());
    QCOMPARE(storedCount(server), storedBefore + 1);

    // The same rules as for a typed message.
    const QList<std::pair<QString, QString>> refused {
        {u"{\"username\":\"mallory\",\"text\":\"spoof\"}"_s, u"username_mismatch"_s},
        {u"{\"username\":\"bob\",\"text\":\"%1\"}"_s.arg(QString(5001, u'a')), u"text_too_long"_s},
        {u"{\"username\":\"bob\",\"text\":\" \"}"_s, u"empty_text"_s},
        {u"{\"username\":\"bob\"}"_s, u"invalid_text"_s},
        {u"{\"username\":\"bob\",\"text\":\"x\",\"cid\":7}"_s, u"invalid_cid"_s},
    };
    for (const auto &[frame, code] : refused) {
        bob.sendRaw(frame);
        QCOMPARE(bob.waitFor(u"error"_s).value("code"_L1).toString(), code);
    }
    QCOMPARE(storedCount(server), storedBefore + 1);
    QCOMPARE(watcher.frames(u"message"_s).size(), 1);
}

void tst_ChatServer::resentCidIsAcknowledgedOnce()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    alice.send(message(u"once"_s, u"same"_s));
    const QJsonObject first = alice.waitFor(u"message"_s);
    QVERIFY(!first.value("duplicate"_L1).toBool());

    // After a reconnect the client re-sends with the same nonce.
    alice.socket().close();
    QVERIFY(alice.waitForDisconnect());
    TestClient again;
    QVERIFY(again.join(server.wsUrl(u"ALICE"_s)));
    again.send(message(u"once"_s, u"same"_s));
    const QJsonObject second = again.waitFor(u"message"_s);
    QCOMPARE(second.value("id"_L1).toInteger(), first.value("id"_L1).toInteger());
    QCOMPARE(second.value("ts"_L1).toString(), first.value("ts"_L1).toString());
    QCOMPARE(second.value("duplicate"_L1).toBool(), true);

    // A marker message proves bob has received everything sent before it.
    again.send(message(u"marker"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), 2, 5000);
    QCOMPARE(bob.frames(u"message"_s).first().value("text"_L1).toString(), u"once"_s);
    QCOMPARE(bob.frames(u"message"_s).last().value("text"_L1).toString(), u"marker"_s);
}

// A history at its size limit: the sender gets storage_failed for the message it can retry,
// nobody else sees it, the operator hears it once; when room is freed, chat goes on by itself.
void tst_ChatServer::fullHistoryRefusesMessagesUntilThereIsRoom()
{
    TestServer server;
    server.config().maxHistoryBytes = 96 * 1024;
    QVERIFY(server.start());
    QSignalSpy problems(&server.controller(), &ServerController::storageProblem);
    TestClient alice, bob;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));

    const QString big(4000, u'f');
    int n = 0;
    for (; n < 100 && alice.frames(u"error"_s).isEmpty(); ++n) {
        alice.send(message(big + QString::number(n), u"f%1"_s.arg(n)));
        QTRY_COMPARE_WITH_TIMEOUT(
            alice.frames(u"message"_s).size() + alice.frames(u"error"_s).size(), n + 1, 5000);
    }
    QVERIFY2(!alice.frames(u"error"_s).isEmpty(), "96 KiB never filled up");
    const int failed = n - 1;
    const QJsonObject error = alice.frames(u"error"_s).first();
    QCOMPARE(error.value("code"_L1).toString(), u"storage_failed"_s);
    QCOMPARE(error.value("cid"_L1).toString(), u"f%1"_s.arg(failed));
    QVERIFY2(error.value("message"_L1).toString().contains(u"history is full"_s),
             qPrintable(error.value("message"_L1).toString()));
    QCOMPARE(alice.socket().state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 1, 5000);
    const QString problem = problems.first().first().toString();
    QVERIFY2(problem.contains(u"is full"_s) && problem.contains(u"history.sqlite"_s),
             qPrintable(problem));

    // Room again (as when the disk is cleaned up): here, old rows removed behind the server's
    // back free their pages. The refused message is re-sent with its cid and goes through.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"full-cleanup"_s);
        db.setDatabaseName(server.dataDir() + u"/history.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        QVERIFY(db.open());
        QSqlQuery cleanup(db);
        QVERIFY2(cleanup.exec(u"DELETE FROM events WHERE cid IN ('f0', 'f1', 'f2', 'f3')"_s),
                 qPrintable(cleanup.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"full-cleanup"_s);
    alice.send(message(u"retried"_s, u"f%1"_s.arg(failed)));
    QTRY_COMPARE_WITH_TIMEOUT(alice.frames(u"message"_s).size(), failed + 1, 5000);
    QCOMPARE(alice.frames(u"message"_s).last().value("cid"_L1).toString(), u"f%1"_s.arg(failed));
    QVERIFY(!alice.frames(u"message"_s).last().value("duplicate"_L1).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 2, 5000);
    QCOMPARE(problems.last().first().toString(), QString());

    // Bob saw every stored message, then the retry, and never the refused one.
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), failed + 1, 5000);
    QCOMPARE(bob.frames(u"message"_s).last().value("text"_L1).toString(), u"retried"_s);
    for (const QJsonObject &frame : bob.frames(u"message"_s))
        QVERIFY(frame.value("text"_L1).toString() != big + QString::number(failed));
}

void tst_ChatServer::wrongTokenIsRefusedWithoutChatData_data()
{
    QTest::addColumn<QString>("token");
    QTest::addRow("wrong") << u"not-the-token"_s;
    QTest::addRow("prefix") << u"test-tok"_s;
    QTest::addRow("longer") << u"test-token-and-more"_s;
    QTest::addRow("empty") << u""_s;
}

void tst_ChatServer::wrongTokenIsRefusedWithoutChatData()
{
    QFETCH(QString, token);
    TestServer server;
    QVERIFY(server.start());
    TestClient member;
    QVERIFY(member.join(server.wsUrl(u"member"_s)));
    member.send(message(u"secret history"_s));
    QVERIFY(!member.waitFor(u"message"_s).isEmpty());

    TestClient intruder;
    intruder.open(server.wsUrl(u"intruder"_s, token));
    QVERIFY(intruder.waitForDisconnect());
    QCOMPARE(intruder.closeCode(), 1008);
    QCOMPARE(intruder.rawFrames().size(), 1);
    QCOMPARE(intruder.frames().first().value("type"_L1).toString(), u"error"_s);
    QCOMPARE(intruder.frames().first().value("code"_L1).toString(), u"invalid_token"_s);
    for (const QString &raw : intruder.rawFrames())
        QVERIFY(!raw.contains("secret"_L1));
    QCOMPARE(clientCountOf(server), 1);
}

void tst_ChatServer::invalidUsernameIsRefused_data()
{
    QTest::addColumn<QString>("username");
    QTest::addRow("missing") << QString();
    QTest::addRow("empty") << u""_s;
    QTest::addRow("blank") << u"   "_s;
    QTest::addRow("33 characters") << QString(33, u'x');
    QTest::addRow("bidi override") << u"eve\u202Egnp.exe"_s;
    QTest::addRow("bidi isolate") << u"eve\u2066x"_s;
    QTest::addRow("zero width") << u"ev\u200Be"_s;
    QTest::addRow("byte order mark") << u"\uFEFFeve"_s;
    QTest::addRow("control") << u"ev\u0001e"_s;
    QTest::addRow("newline") << u"ev\ne"_s;
    QTest::addRow("reserved") << u"admin"_s;
    QTest::addRow("reserved any case") << u"Operator"_s;
    QTest::addRow("reserved fullwidth") << u"ｓｅｒｖｅｒ"_s;
    // Look-alikes of the reserved names: compared by confusables skeleton, as online names are.
    QTest::addRow("reserved, cyrillic a") << u"\u0430dmin"_s;
    QTest::addRow("reserved, cyrillic e") << u"syst\u0435m"_s;
    QTest::addRow("reserved, cyrillic dze") << u"\u0455erver"_s;
    QTest::addRow("reserved, greek nu") << u"ser\u03BDer"_s;
    QTest::addRow("reserved, dotted capital I") << u"ADM\u0130N"_s;
    QTest::addRow("reserved, cyrillic capital O") << u"\u041Eperator"_s;
    QTest::addRow("reserved, greek capitals") << u"\u0391D\u039C\u0399\u039D"_s;
    QTest::addRow("reserved, rn for m") << u"adrnin"_s;
    QTest::addRow("reserved, with an accent") << u"\u00E4dmin"_s;
    QTest::addRow("reserved, with a combining mark") << u"sys\u0301tem"_s;
    // Names that show as nothing.
    QTest::addRow("hangul filler") << u"\u3164"_s;
    QTest::addRow("hangul fillers") << u"\u3164\u3164\u3164"_s;
    QTest::addRow("braille blank") << u"\u2800"_s;
    QTest::addRow("hangul choseong filler") << u"\u115F"_s;
    QTest::addRow("hangul jungseong filler") << u"\u1160"_s;
    QTest::addRow("halfwidth hangul filler") << u"\uFFA0"_s;
    QTest::addRow("musical null notehead") << QString::fromUcs4(U"\U0001D159");
    QTest::addRow("combining marks only") << u"\u0301\u0308\u0327"_s;
    QTest::addRow("starts with a combining mark") << u"\u0301bob"_s;
    QTest::addRow("filler inside a name") << u"bo\u3164b"_s;
    QTest::addRow("combining grapheme joiner") << u"bo\u034Fb"_s;
    QTest::addRow("khmer vowel inherent") << u"bob\u17B5"_s;
    QTest::addRow("variation selector") << u"bob\uFE0F"_s;
    QTest::addRow("replacement character") << u"ab\uFFFD"_s;
    // Markup characters.
    QTest::addRow("markup") << u"<img src=\"/dev/zero\">"_s;
    QTest::addRow("less than") << u"a<b"_s;
    QTest::addRow("greater than") << u"a>b"_s;
    QTest::addRow("ampersand") << u"Tom & Jerry"_s;
    QTest::addRow("entity") << u"&lt;b&gt;"_s;
    QTest::addRow("fullwidth less than") << u"\uFF1Cb\uFF1E"_s;
}

void tst_ChatServer::invalidUsernameIsRefused()
{
    QFETCH(QString, username);
    TestServer server;
    QVERIFY(server.start());
    TestClient client;
    client.open(server.wsUrl(username));
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(client.closeCode(), 4001);
    QCOMPARE(client.frames().size(), 1);
    QCOMPARE(client.frames().first().value("code"_L1).toString(), u"invalid_username"_s);
    QVERIFY(!client.frames().first().value("message"_L1).toString().isEmpty());
    QCOMPARE(clientCountOf(server), 0);
}

void tst_ChatServer::invalidUtf8UsernameIsRefused_data()
{
    QTest::addColumn<QByteArray>("username"); // the query value exactly as sent
    QTest::addColumn<bool>("valid");
    QTest::addRow("percent-encoded FF") << "ab%FF"_ba << false;
    QTest::addRow("lone continuation byte") << "ab%80cd"_ba << false;
    QTest::addRow("truncated sequence") << "ab%E2%82"_ba << false;
    QTest::addRow("overlong slash") << "a%C0%AFb"_ba << false;
    QTest::addRow("encoded surrogate") << "a%ED%A0%80b"_ba << false;
    QTest::addRow("beyond U+10FFFF") << "a%F4%90%80%80b"_ba << false;
    QTest::addRow("encoded byte order mark") << "%EF%BB%BFalice"_ba << false;
    // Raw bytes outside visible ASCII are no valid request target (RFC 9112 3.2): the request is
    // refused with 400 before any handshake.
    QTest::addRow("raw FF byte") << "ab\xFF"_ba << false;
    QTest::addRow("raw truncated sequence") << "ab\xE2\x82"_ba << false;
    QTest::addRow("valid two-byte") << "al%C3%AFce"_ba << true;
    QTest::addRow("valid astral") << "bob%F0%9F%98%80"_ba << true;
}

// The username is decoded from the raw query bytes: invalid UTF-8 is refused, never turned into
// U+FFFD (issue 16: `ab%FF` was admitted as "ab\uFFFD").
void tst_ChatServer::invalidUtf8UsernameIsRefused()
{
    QFETCH(QByteArray, username);
    QFETCH(bool, valid);
    TestServer server;
    QVERIFY(server.start());
    const RawSession session = rawSession(server.port(), "token=test-token&username=" + username);
    if (std::any_of(username.cbegin(), username.cend(), [](char c) { return uchar(c) > 0x7e; })) {
        QVERIFY(!session.upgraded);
        QCOMPARE(session.status, 400);
        QCOMPARE(clientCountOf(server), 0);
        return;
    }
    QVERIFY(session.upgraded);
    if (valid) {
        QVERIFY(!session.texts.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(session.texts.first()).object().value("type"_L1),
                 u"welcome"_s);
        return;
    }
    QCOMPARE(session.texts.size(), 1);
    const QJsonObject error = QJsonDocument::fromJson(session.texts.first()).object();
    QCOMPARE(error.value("code"_L1).toString(), u"invalid_username"_s);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());
    QCOMPARE(session.closeCode, 4001);
    QCOMPARE(clientCountOf(server), 0);
}

void tst_ChatServer::duplicateUsernameIsRefused_data()
{
    QTest::addColumn<QString>("second");
    QTest::addRow("same") << u"Alice"_s;
    QTest::addRow("other case") << u"aLICE"_s;
    QTest::addRow("padded") << u"  alice "_s;
    QTest::addRow("fullwidth") << u"Ａｌｉｃｅ"_s;
    QTest::addRow("cyrillic a") << u"\u0410lice"_s; // А
    QTest::addRow("cyrillic a and e") << u"\u0430lic\u0435"_s; // а, е
    QTest::addRow("greek iota for l") << u"A\u0399ice"_s; // Ι looks like l
}

void tst_ChatServer::duplicateUsernameIsRefused()
{
    QFETCH(QString, second);
    TestServer server;
    QVERIFY(server.start());
    TestClient first;
    QVERIFY(first.join(server.wsUrl(u"Alice"_s)));
    TestClient copy;
    copy.open(server.wsUrl(second));
    QVERIFY(copy.waitForDisconnect());
    QCOMPARE(copy.closeCode(), 4002);
    QCOMPARE(copy.frames().size(), 1);
    QCOMPARE(copy.frames().first().value("code"_L1).toString(), u"username_taken"_s);
    QVERIFY(copy.frames().first().value("message"_L1).toString().contains("already taken"_L1));
    QCOMPARE(first.socket().state(), QAbstractSocket::ConnectedState);

    // Once the first one leaves, the name is free again.
    first.socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 0, 5000);
    TestClient later;
    QVERIFY(later.join(server.wsUrl(second)));
}

void tst_ChatServer::lookAlikeCannotImpersonate_data()
{
    QTest::addColumn<QString>("online");
    QTest::addColumn<QString>("impostor");
    QTest::addColumn<bool>("refused");
    QTest::addRow("cyrillic o") << u"bob"_s << u"b\u043Eb"_s << true;
    QTest::addRow("rn for m") << u"amelia"_s << u"arnelia"_s << true;
    QTest::addRow("digit one for l") << u"lily"_s << u"1ily"_s << true;
    QTest::addRow("greek omicron, fullwidth") << u"ｏｔｔｏ"_s << u"\u03BFtto"_s << true;
    QTest::addRow("different name") << u"bob"_s << u"rob"_s << false;
    // U+FDFA expands to 18 characters under NFKC: a long skeleton must still be compared.
    QTest::addRow("long expansion")
        << QString(31, QChar(0xFDFA)) + u'l' << QString(31, QChar(0xFDFA)) + u'I' << true;
}

void tst_ChatServer::lookAlikeCannotImpersonate()
{
    QFETCH(QString, online);
    QFETCH(QString, impostor);
    QFETCH(bool, refused);
    TestServer server;
    QVERIFY(server.start());
    TestClient first, second;
    QVERIFY(first.join(server.wsUrl(online)));
    if (!refused) {
        QVERIFY(second.join(server.wsUrl(impostor)));
        return;
    }
    second.open(server.wsUrl(impostor));
    QVERIFY(second.waitForDisconnect());
    QCOMPARE(second.closeCode(), 4002);
    QCOMPARE(second.frames().value(0).value("code"_L1).toString(), u"username_taken"_s);
}

void tst_ChatServer::badInputGetsAnErrorAndIsNotStored_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("code");
    QTest::addRow("not json") << u"hello"_s << u"invalid_json"_s;
    QTest::addRow("truncated json")
        << u"{\"type\":\"message\",\"text\":\"x\""_s << u"invalid_json"_s;
    QTest::addRow("array") << u"[1,2]"_s << u"not_object"_s;
    QTest::addRow("number") << u"42"_s << u"not_object"_s;
    QTest::addRow("null") << u"null"_s << u"not_object"_s;
    QTest::addRow("no type") << u"{\"text\":\"x\"}"_s << u"missing_type"_s;
    QTest::addRow("type not string") << u"{\"type\":1,\"text\":\"x\"}"_s << u"missing_type"_s;
    QTest::addRow("unknown type") << u"{\"type\":\"nuke\",\"text\":\"x\"}"_s << u"unknown_type"_s;
    QTest::addRow("no text") << u"{\"type\":\"message\"}"_s << u"invalid_text"_s;
    QTest::addRow("text not string") << u"{\"type\":\"message\",\"text\":5}"_s << u"invalid_text"_s;
    QTest::addRow("text null") << u"{\"type\":\"message\",\"text\":null}"_s << u"invalid_text"_s;
    QTest::addRow("empty text") << u"{\"type\":\"message\",\"text\":\"\"}"_s << u"empty_text"_s;
    QTest::addRow("blank text") << u"{\"type\":\"message\",\"text\":\" \\n\\t \"}"_s
                                << u"empty_text"_s;
    QTest::addRow("control character")
        << u"{\"type\":\"message\",\"text\":\"a\\u0007b\"}"_s << u"invalid_text"_s;
    QTest::addRow("nul character")
        << u"{\"type\":\"message\",\"text\":\"a\\u0000b\"}"_s << u"invalid_text"_s;
    QTest::addRow("too long") << u"{\"type\":\"message\",\"text\":\"%1\"}"_s.arg(
        QString(5001, u'a')) << u"text_too_long"_s;
    QTest::addRow("cid not string")
        << u"{\"type\":\"message\",\"text\":\"x\",\"cid\":7}"_s << u"invalid_cid"_s;
    QTest::addRow("cid too long") << u"{\"type\":\"message\",\"text\":\"x\",\"cid\":\"%1\"}"_s.arg(
        QString(65, u'c')) << u"invalid_cid"_s;
    QTest::addRow("foreign username")
        << u"{\"type\":\"message\",\"text\":\"x\",\"username\":\"bob\"}"_s
        << u"username_mismatch"_s;
    // Unpaired surrogates would be stored as something else than everyone saw (issue 16).
    QTest::addRow("lone high surrogate")
        << u"{\"type\":\"message\",\"text\":\"x\\ud800y\"}"_s << u"invalid_text"_s;
    QTest::addRow("lone low surrogate")
        << u"{\"type\":\"message\",\"text\":\"x\\udc00y\"}"_s << u"invalid_text"_s;
    QTest::addRow("surrogates swapped")
        << u"{\"type\":\"message\",\"text\":\"x\\ude00\\ud83dy\"}"_s << u"invalid_text"_s;
    QTest::addRow("high surrogate at the end")
        << u"{\"type\":\"message\",\"text\":\"xy\\ud83d\"}"_s << u"invalid_text"_s;
    // Noncharacters: SQLite gives U+FFFE and U+FFFF back as U+FFFD.
    QTest::addRow("noncharacter U+FFFF")
        << u"{\"type\":\"message\",\"text\":\"x\\uffffy\"}"_s << u"invalid_text"_s;
    QTest::addRow("noncharacter U+FDD0")
        << u"{\"type\":\"message\",\"text\":\"x\\ufdd0y\"}"_s << u"invalid_text"_s;
    QTest::addRow("noncharacter U+10FFFF")
        << u"{\"type\":\"message\",\"text\":\"x\\udbff\\udfffy\"}"_s << u"invalid_text"_s;
    QTest::addRow("noncharacter in cid")
        << u"{\"type\":\"message\",\"text\":\"x\",\"cid\":\"c\\ufffe\"}"_s << u"invalid_cid"_s;
    QTest::addRow("lone surrogate in cid")
        << u"{\"type\":\"message\",\"text\":\"x\",\"cid\":\"c\\ud800\"}"_s << u"invalid_cid"_s;
    QTest::addRow("lone surrogate in username")
        << u"{\"type\":\"message\",\"text\":\"x\",\"username\":\"sender\\ud800\"}"_s
        << u"username_mismatch"_s;
}

void tst_ChatServer::badInputGetsAnErrorAndIsNotStored()
{
    QFETCH(QString, frame);
    QFETCH(QString, code);
    TestServer server;
    QVERIFY(server.start());
    TestClient sender, watcher;
    QVERIFY(sender.join(server.wsUrl(u"sender"_s)));
    QVERIFY(watcher.join(server.wsUrl(u"watcher"_s)));
    QVERIFY(!sender.waitFor(u"join"_s).isEmpty());
    QVERIFY(!sender.waitFor(u"join"_s).isEmpty()); // watcher's join: both joins are stored
    const qint64 storedBefore = storedCount(server);

    sender.sendRaw(frame);
    const QJsonObject error = sender.waitFor(u"error"_s);
    QCOMPARE(error.value("code"_L1).toString(), code);
    QVERIFY(!error.value("message"_L1).toString().isEmpty());

    // The connection stays open and a good message still goes through, alone.
    sender.send(message(u"still here"_s, u"ok-1"_s));
    QCOMPARE(sender.waitFor(u"message"_s).value("text"_L1).toString(), u"still here"_s);
    QCOMPARE(watcher.waitFor(u"message"_s).value("text"_L1).toString(), u"still here"_s);
    QCOMPARE(watcher.frames(u"message"_s).size(), 1);
    QCOMPARE(watcher.frames(u"error"_s).size(), 0);
    QCOMPARE(storedCount(server), storedBefore + 1);
}

void tst_ChatServer::binaryFrameGetsAnError()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.join(server.wsUrl(u"bin"_s)));
    client.socket().sendBinaryMessage("{\"type\":\"message\",\"text\":\"x\"}");
    QCOMPARE(client.waitFor(u"error"_s).value("code"_L1).toString(), u"invalid_json"_s);
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(client.frames(u"message"_s).size(), 0);
}

void tst_ChatServer::oversizedFrameClosesWith1009()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient big, other;
    QVERIFY(big.join(server.wsUrl(u"big"_s)));
    QVERIFY(other.join(server.wsUrl(u"other"_s)));
    QVERIFY(!big.waitFor(u"join"_s).isEmpty());
    QVERIFY(!big.waitFor(u"join"_s).isEmpty()); // both joins are stored
    const qint64 storedBefore = storedCount(server);
    big.sendRaw(u"{\"type\":\"message\",\"text\":\"%1\"}"_s.arg(QString(70 * 1024, u'a')));
    QVERIFY(big.waitForDisconnect());
    QCOMPARE(big.closeCode(), 1009);
    QCOMPARE(other.waitFor(u"leave"_s).value("username"_L1).toString(), u"big"_s);
    QCOMPARE(other.frames(u"message"_s).size(), 0);
    QCOMPARE(storedCount(server), storedBefore + 1); // only the leave
}

void tst_ChatServer::connectionCountReturnsToZero()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    {
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            QVERIFY(clients.back()->join(server.wsUrl(u"c%1"_s.arg(i))));
        }
        QCOMPARE(clientCountOf(server), 10);
        for (int i = 0; i < 5; ++i)
            clients[size_t(i)]->socket().close(); // polite close
    } // the other five are aborted (no closing handshake)
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !activity.isEmpty() && activity.last().first().value<ServerActivity>().clientCount == 0,
        5000);
}

void tst_ChatServer::kickReachesClientAndOthers()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient troll, witness;
    QVERIFY(troll.join(server.wsUrl(u"troll"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));

    const ClientId trollId = clientIdOf(activity, u"troll"_s);
    QVERIFY(trollId != 0);
    server.controller().kick(trollId, u"be nice"_s);

    const QJsonObject kicked = troll.waitFor(u"kicked"_s);
    QCOMPARE(kicked.value("reason"_L1).toString(), u"be nice"_s);
    QVERIFY(troll.waitForDisconnect());
    QCOMPARE(troll.closeCode(), 4000);

    const QJsonObject leave = witness.waitFor(u"leave"_s);
    QCOMPARE(leave.value("username"_L1).toString(), u"troll"_s);
    QCOMPARE(leave.value("kicked"_L1).toBool(), true);
    QCOMPARE(leave.value("reason"_L1).toString(), u"be nice"_s);
    QCOMPARE(clientCountOf(server), 1);
}

void tst_ChatServer::announcementReachesEveryone()
{
    TestServer server;
    server.config().operatorName = u"Host"_s;
    QVERIFY(server.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    server.controller().announce(u"pizza is here"_s);
    for (TestClient *client : {&a, &b}) {
        const QJsonObject announcement = client->waitFor(u"announcement"_s);
        QCOMPARE(announcement.value("text"_L1).toString(), u"pizza is here"_s);
        QCOMPARE(announcement.value("username"_L1).toString(), u"Host"_s);
        QVERIFY(announcement.value("id"_L1).toInteger() > 0);
    }
}

void tst_ChatServer::shutdownClosesClientsWith1001()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    a.send(message(u"last words"_s));
    QVERIFY(!b.waitFor(u"message"_s).isEmpty());
    QVERIFY(server.stop());
    QVERIFY(a.waitForDisconnect());
    QVERIFY(b.waitForDisconnect());
    QCOMPARE(a.closeCode(), 1001);
    QCOMPARE(b.closeCode(), 1001);

    // Both leaves were stored before the server said it stopped.
    HistoryStore reader(u"shutdown-reader"_s);
    QVERIFY(reader.open(server.dataDir() + u"/history.sqlite"_s, true));
    HistoryPage page;
    QVERIFY(reader.page(HistoryQuery {}, &page));
    QStringList kinds;
    for (const ChatEvent &event : page.events)
        kinds << LanChat::kindName(event.kind);
    QCOMPARE(kinds, (QStringList {u"join"_s, u"join"_s, u"message"_s, u"leave"_s, u"leave"_s}));
}

// Echo connections are closed like chat clients at a graceful stop (issue 17: the stop removed
// them from the set it was iterating, and 7 of 40 got a reset instead of 1001).
void tst_ChatServer::shutdownClosesEchoClientsWith1001()
{
    TestServer server;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<TestClient>> echoes;
    for (int i = 0; i < 40; ++i) {
        echoes.push_back(std::make_unique<TestClient>());
        QVERIFY(echoes.back()->open(server.wsUrl(QString(), QString(), u"/ws/echo"_s)));
        echoes.back()->sendRaw(u"hi %1"_s.arg(i));
    }
    for (int i = 0; i < 40; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(echoes[i]->rawFrames().value(0), u"Echo: hi %1"_s.arg(i), 5000);
    QVERIFY(server.stop());
    int goingAway = 0;
    for (const auto &echo : echoes) {
        QVERIFY(echo->waitForDisconnect());
        goingAway += echo->closeCode() == 1001 ? 1 : 0;
    }
    QCOMPARE(goingAway, 40);
}

void tst_ChatServer::idsKeepIncreasingAcrossRestarts()
{
    QTemporaryDir dir;
    qint64 lastId = 0;
    for (int run = 0; run < 3; ++run) {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        TestClient client;
        QVERIFY(client.join(server.wsUrl(u"user"_s)));
        QCOMPARE(client.frames(u"welcome"_s).first().value("lastId"_L1).toInteger(), lastId);
        client.send(message(u"run %1"_s.arg(run)));
        const qint64 id = client.waitFor(u"message"_s).value("id"_L1).toInteger();
        QVERIFY2(id > lastId, qPrintable(u"%1 <= %2"_s.arg(id).arg(lastId)));
        client.socket().close();
        QVERIFY(client.waitForDisconnect());
        QVERIFY(server.stop());
        lastId = id + 1; // the leave that follows
    }
}

void tst_ChatServer::startFailsOnBusyPort()
{
    TestServer first;
    QVERIFY(first.start());
    TestServer second;
    second.config().port = first.port();
    QSignalSpy failed(&second.controller(), &ServerController::startFailed);
    second.controller().start(second.config());
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.first().first().toString().contains(QString::number(first.port())));
    QCOMPARE(second.controller().state(), ServerController::State::Stopped);
}

void tst_ChatServer::hostileTextIsStoredVerbatim()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    const QString hostile
        = u"<b>x</b><img src=\"/etc/passwd\"> '; DROP TABLE events; -- \u202Eabc"_s;
    a.send(message(hostile));
    QCOMPARE(b.waitFor(u"message"_s).value("text"_L1).toString(), hostile);
    const HttpResult history = httpGet(server.httpUrl(u"/api/history"_s), server.token().toUtf8());
    const QJsonArray events = history.json.value("events"_L1).toArray();
    QVERIFY(!events.isEmpty());
    bool found = false;
    for (const QJsonValue &event : events)
        found = found || event.toObject().value("text"_L1).toString() == hostile;
    QVERIFY(found);
}

// Text beyond the BMP travels as surrogate pairs: the broadcast, the acknowledgement and the
// history all carry exactly what was sent.
void tst_ChatServer::astralTextIsStoredAsSeen()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    const QString text = u"x\U0001F600y \U00010079 \uFFFD"_s;
    a.sendRaw(u"{\"type\":\"message\",\"text\":\"x\\ud83d\\ude00y \\ud800\\udc79 \\ufffd\","
              u"\"cid\":\"\\ud83d\\ude00\"}"_s);
    const QJsonObject ack = a.waitFor(u"message"_s);
    QCOMPARE(ack.value("text"_L1).toString(), text);
    QCOMPARE(ack.value("cid"_L1).toString(), u"\U0001F600"_s);
    QCOMPARE(b.waitFor(u"message"_s).value("text"_L1).toString(), text);
    const HttpResult history = httpGet(server.httpUrl(u"/api/history"_s), server.token().toUtf8());
    const QJsonArray events = history.json.value("events"_L1).toArray();
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().toObject().value("text"_L1).toString(), text);
}

QTEST_GUILESS_MAIN(tst_ChatServer)
#include "tst_chatserver.moc"
