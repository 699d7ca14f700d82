// The HTTP API (docs/PROTOCOL.md, "HTTP API") through a real server on 127.0.0.1, port 0: real
// HTTP requests with QNetworkAccessManager, and raw bytes on a QTcpSocket where the framing
// itself is under test.
#include "testsupport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

class tst_HttpApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void healthNeedsNoToken();
    void healthCountsClients();
    void tokenIsRequired_data();
    void tokenIsRequired();
    void usersListsConnectedClients();
    void historyPaging();
    void invalidParameters_data();
    void invalidParameters();
    void validLimitBoundaries_data();
    void validLimitBoundaries();
    void unknownPathIs404_data();
    void unknownPathIs404();
    void wrongMethodIs405_data();
    void wrongMethodIs405();
    void plainGetOnWebSocketPathIs426_data();
    void plainGetOnWebSocketPathIs426();
    void oversizedHeadIs431();
    void keepAliveAnswersTwoRequests();

private:
    std::unique_ptr<TestServer> m_server;
};

namespace {

const QByteArray Token = QByteArrayLiteral("test-token");

QByteArray header(const HttpResult &result, const QByteArray &name)
{
    for (const auto &pair : result.headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

bool isJson(const HttpResult &result)
{
    return header(result, "Content-Type").startsWith("application/json");
}

QString errorCode(const HttpResult &result)
{
    return result.json.value("error"_L1).toObject().value("code"_L1).toString();
}

QString errorMessage(const HttpResult &result)
{
    return result.json.value("error"_L1).toObject().value("message"_L1).toString();
}

QString describe(const HttpResult &result)
{
    return u"HTTP %1: %2"_s.arg(result.status).arg(QString::fromUtf8(result.body.left(300)));
}

const QRegularExpression &timestampPattern()
{
    static const QRegularExpression pattern(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"_s);
    return pattern;
}

QList<qint64> idsOf(const QJsonArray &events)
{
    QList<qint64> ids;
    for (const QJsonValue &event : events)
        ids.append(event.toObject().value("id"_L1).toInteger());
    return ids;
}

// One response read from a raw socket: status line, headers (lower-case names), body.
struct RawResponse
{
    QByteArray statusLine;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
};

// Reads one complete response (Content-Length framing) from the socket, leaving any further
// bytes in `buffer`. False on timeout or when the peer closed before the response was complete.
bool readResponse(QTcpSocket &socket, QByteArray &buffer, RawResponse *response, int timeoutMs)
{
    qsizetype headEnd = -1;
    qsizetype contentLength = -1;
    const auto complete = [&] {
        buffer += socket.readAll();
        if (headEnd < 0) {
            headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return false;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            response->statusLine = lines.value(0).trimmed();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    response->headers.insert(line.left(colon).trimmed().toLower(),
                                             line.mid(colon + 1).trimmed());
            }
            bool ok = false;
            contentLength = response->headers.value("content-length").toLongLong(&ok);
            if (!ok)
                contentLength = 0;
        }
        return buffer.size() >= headEnd + 4 + contentLength;
    };
    if (!QTest::qWaitFor(complete, timeoutMs))
        return false;
    response->body = buffer.mid(headEnd + 4, contentLength);
    buffer.remove(0, headEnd + 4 + contentLength);
    return true;
}

bool connectRaw(QTcpSocket &socket, quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(5000);
}

} // namespace

void tst_HttpApi::initTestCase()
{
    LanChat::registerMetaTypes();
}

void tst_HttpApi::init()
{
    m_server = std::make_unique<TestServer>(QString::fromLatin1(Token));
    QVERIFY(m_server->start());
    QVERIFY(m_server->port() != 0);
}

void tst_HttpApi::cleanup()
{
    if (m_server)
        QVERIFY(m_server->stop());
    m_server.reset();
}

void tst_HttpApi::healthNeedsNoToken()
{
    const HttpResult result = httpGet(m_server->httpUrl(u"/api/health"_s));
    QVERIFY2(result.status == 200, qPrintable(describe(result)));
    QVERIFY2(isJson(result), header(result, "Content-Type").constData());
    const QJsonObject &json = result.json;
    QCOMPARE(json.value("status"_L1).toString(), u"ok"_s);
    QCOMPARE(json.value("name"_L1).toString(), LanChat::defaultServerName());
    QCOMPARE(json.value("tls"_L1), QJsonValue(false));
    QCOMPARE(json.value("version"_L1).toString(), QStringLiteral(LANCHAT_VERSION));
    QVERIFY(json.value("protocol"_L1).isDouble());
    QCOMPARE(json.value("protocol"_L1).toInt(), 2);
    QVERIFY(json.value("uptimeSeconds"_L1).isDouble());
    QVERIFY(json.value("uptimeSeconds"_L1).toInteger(-1) >= 0);
    QVERIFY(json.value("uptimeSeconds"_L1).toInteger(-1) < 60);
    QVERIFY(json.value("clients"_L1).isDouble());
    QCOMPARE(json.value("clients"_L1).toInt(-1), 0);

    // A wrong token does not matter here.
    const HttpResult withWrongToken = httpGet(m_server->httpUrl(u"/api/health"_s), "wrong");
    QCOMPARE(withWrongToken.status, 200);
    QCOMPARE(withWrongToken.json.value("status"_L1).toString(), u"ok"_s);
}

void tst_HttpApi::healthCountsClients()
{
    TestClient alice;
    QVERIFY(alice.join(m_server->wsUrl(u"alice"_s)));
    TestClient bob;
    QVERIFY(bob.join(m_server->wsUrl(u"bob"_s)));
    // An echo connection is not a chat client.
    TestClient echo;
    QVERIFY(echo.open(m_server->wsUrl(QString(), QString(), u"/ws/echo"_s)));

    HttpResult result = httpGet(m_server->httpUrl(u"/api/health"_s));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value("clients"_L1).toInt(-1), 2);

    bob.socket().close();
    QVERIFY(bob.waitForDisconnect());
    QVERIFY(QTest::qWaitFor(
        [&] {
            result = httpGet(m_server->httpUrl(u"/api/health"_s));
            return result.json.value("clients"_L1).toInt(-1) == 1;
        },
        5000));
}

void tst_HttpApi::tokenIsRequired_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("bearer");
    QTest::addColumn<int>("status");

    const QByteArray none;
    for (const QString &path : {u"/api/users"_s, u"/api/history"_s}) {
        const QByteArray p = path.toLatin1();
        QTest::addRow("%s no token", p.constData()) << path << QString() << none << 401;
        QTest::addRow("%s wrong bearer", p.constData())
            << path << QString() << QByteArray("wrong-token") << 401;
        QTest::addRow("%s bearer prefix", p.constData())
            << path << QString() << QByteArray("test") << 401;
        QTest::addRow("%s bearer longer", p.constData())
            << path << QString() << QByteArray("test-token2") << 401;
        QTest::addRow("%s wrong query token", p.constData())
            << path << u"token=nope"_s << none << 401;
        QTest::addRow("%s empty query token", p.constData()) << path << u"token="_s << none << 401;
        QTest::addRow("%s token in another parameter", p.constData())
            << path << u"tok=test-token"_s << none << 401;
        QTest::addRow("%s bearer", p.constData()) << path << QString() << Token << 200;
        QTest::addRow("%s query token", p.constData())
            << path << u"token=test-token"_s << none << 200;
        QTest::addRow("%s query token with other params", p.constData())
            << path << u"limit=5&token=test-token"_s << none << 200;
    }
}

void tst_HttpApi::tokenIsRequired()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QByteArray, bearer);
    QFETCH(int, status);

    const HttpResult result = httpGet(m_server->httpUrl(path, query), bearer);
    QVERIFY2(result.status == status, qPrintable(describe(result)));
    QVERIFY2(isJson(result), header(result, "Content-Type").constData());
    if (status == 401) {
        QCOMPARE(errorCode(result), u"invalid_token"_s);
        QVERIFY(!errorMessage(result).isEmpty());
        QVERIFY(!result.json.contains("users"_L1));
        QVERIFY(!result.json.contains("events"_L1));
        // The token is never echoed back.
        QVERIFY(!result.body.contains("test-token"));
    } else {
        QVERIFY(!result.json.contains("error"_L1));
        const QLatin1StringView member = path == "/api/users"_L1 ? "users"_L1 : "events"_L1;
        QVERIFY2(result.json.value(member).isArray(), result.body.constData());
    }
}

void tst_HttpApi::usersListsConnectedClients()
{
    HttpResult result = httpGet(m_server->httpUrl(u"/api/users"_s), Token);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value("users"_L1).toArray(), QJsonArray());

    TestClient alice;
    QVERIFY(alice.join(m_server->wsUrl(u"Alice"_s)));
    for (int i = 0; i < 2; ++i) {
        const QString cid = u"u%1"_s.arg(i);
        alice.send({{"type"_L1, "message"_L1}, {"text"_L1, u"hi"_s}, {"cid"_L1, cid}});
        QCOMPARE(alice.waitFor(u"message"_s).value("cid"_L1).toString(), cid);
    }

    result = httpGet(m_server->httpUrl(u"/api/users"_s), Token);
    QCOMPARE(result.status, 200);
    const QJsonArray users = result.json.value("users"_L1).toArray();
    QCOMPARE(users.size(), 1);
    const QJsonObject user = users.first().toObject();
    QCOMPARE(user.value("username"_L1).toString(), u"Alice"_s);
    QVERIFY2(timestampPattern().match(user.value("connectedSince"_L1).toString()).hasMatch(),
             qPrintable(user.value("connectedSince"_L1).toString()));
    QCOMPARE(user.value("messages"_L1).toInt(-1), 2);
}

void tst_HttpApi::historyPaging()
{
    TestClient alice;
    QVERIFY(alice.join(m_server->wsUrl(u"alice"_s)));
    const QJsonObject join = alice.waitFor(u"join"_s);
    QCOMPARE(join.value("username"_L1).toString(), u"alice"_s);
    const qint64 joinId = join.value("id"_L1).toInteger();
    QVERIFY(joinId > 0);

    // 25 messages, each acknowledged (the sender's own copy with its cid) before the next.
    QList<QJsonObject> acks;
    for (int i = 1; i <= 25; ++i) {
        const QString cid = u"cid-%1"_s.arg(i);
        alice.send(
            {{"type"_L1, "message"_L1}, {"text"_L1, u"message %1"_s.arg(i)}, {"cid"_L1, cid}});
        const QJsonObject ack = alice.waitFor(u"message"_s);
        QCOMPARE(ack.value("cid"_L1).toString(), cid);
        QCOMPARE(ack.value("text"_L1).toString(), u"message %1"_s.arg(i));
        acks.append(ack);
    }
    QList<qint64> ids = {joinId};
    for (const QJsonObject &ack : std::as_const(acks))
        ids.append(ack.value("id"_L1).toInteger());
    QCOMPARE(ids.size(), 26);
    for (qsizetype i = 1; i < ids.size(); ++i)
        QVERIFY2(ids.at(i) > ids.at(i - 1), "ids strictly increase");

    const auto history = [&](const QString &query) {
        const HttpResult result = httpGet(m_server->httpUrl(u"/api/history"_s, query), Token);
        if (result.status != 200)
            qWarning().noquote() << describe(result);
        return result;
    };

    // Everything (default limit 100): the join first, oldest first.
    HttpResult result = history(QString());
    QCOMPARE(result.status, 200);
    QVERIFY(isJson(result));
    QJsonArray events = result.json.value("events"_L1).toArray();
    QCOMPARE(idsOf(events), ids);
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));

    // Events have the live frames' form: the join...
    const QJsonObject joinEvent = events.first().toObject();
    QCOMPARE(joinEvent.value("type"_L1).toString(), u"join"_s);
    QCOMPARE(joinEvent.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(joinEvent.value("ts"_L1).toString(), join.value("ts"_L1).toString());
    QVERIFY(!joinEvent.contains("text"_L1));
    // ...and each message equals the ack without its cid.
    for (qsizetype i = 1; i < events.size(); ++i) {
        QJsonObject expected = acks.at(i - 1);
        expected.remove("cid"_L1);
        QCOMPARE(events.at(i).toObject(), expected);
        QVERIFY(timestampPattern().match(expected.value("ts"_L1).toString()).hasMatch());
    }

    // Backwards in pages of 10: 16..25, 6..15, then the join and messages 1..5.
    result = history(u"limit=10"_s);
    events = result.json.value("events"_L1).toArray();
    QCOMPARE(idsOf(events), ids.mid(16, 10));
    QCOMPARE(events.last().toObject().value("text"_L1).toString(), u"message 25"_s);
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(true));

    result = history(u"limit=10&before=%1"_s.arg(ids.at(16)));
    events = result.json.value("events"_L1).toArray();
    QCOMPARE(idsOf(events), ids.mid(6, 10));
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(true));

    result = history(u"limit=10&before=%1"_s.arg(ids.at(6)));
    events = result.json.value("events"_L1).toArray();
    QCOMPARE(idsOf(events), ids.mid(0, 6));
    QCOMPARE(events.first().toObject().value("type"_L1).toString(), u"join"_s);
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));

    // Forwards (catch-up after a reconnect): 0..9, 10..19, 20..25.
    result = history(u"after=0&limit=10"_s);
    events = result.json.value("events"_L1).toArray();
    QCOMPARE(idsOf(events), ids.mid(0, 10));
    QCOMPARE(events.first().toObject().value("type"_L1).toString(), u"join"_s);
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(true));

    result = history(u"after=%1&limit=10"_s.arg(ids.at(9)));
    QCOMPARE(idsOf(result.json.value("events"_L1).toArray()), ids.mid(10, 10));
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(true));

    result = history(u"after=%1&limit=10"_s.arg(ids.at(19)));
    QCOMPARE(idsOf(result.json.value("events"_L1).toArray()), ids.mid(20));
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));

    // Beyond the newest and before the oldest: empty, nothing more.
    result = history(u"after=%1"_s.arg(ids.last()));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value("events"_L1).toArray(), QJsonArray());
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));
    result = history(u"before=%1"_s.arg(ids.first()));
    QCOMPARE(result.json.value("events"_L1).toArray(), QJsonArray());
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));

    // Exactly one page left: hasMore must be false, not "maybe".
    result = history(u"limit=26"_s);
    QCOMPARE(idsOf(result.json.value("events"_L1).toArray()), ids);
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(false));
    result = history(u"limit=25"_s);
    QCOMPARE(idsOf(result.json.value("events"_L1).toArray()), ids.mid(1));
    QCOMPARE(result.json.value("hasMore"_L1), QJsonValue(true));
}

void tst_HttpApi::invalidParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("limit=0") << u"limit=0"_s;
    QTest::addRow("limit=501") << u"limit=501"_s;
    QTest::addRow("limit=abc") << u"limit=abc"_s;
    QTest::addRow("limit=-1") << u"limit=-1"_s;
    QTest::addRow("limit=1.5") << u"limit=1.5"_s;
    QTest::addRow("limit=10x") << u"limit=10x"_s;
    QTest::addRow("limit empty") << u"limit="_s;
    QTest::addRow("limit huge") << u"limit=99999999999999999999999"_s;
    QTest::addRow("limit=+5") << u"limit=%2B5"_s;
    QTest::addRow("before with a space") << u"before=%203"_s;
    QTest::addRow("after=-0") << u"after=-0"_s;
    QTest::addRow("before=-1") << u"before=-1"_s;
    QTest::addRow("before=abc") << u"before=abc"_s;
    QTest::addRow("before empty") << u"before="_s;
    QTest::addRow("after=x") << u"after=x"_s;
    QTest::addRow("after=-5") << u"after=-5"_s;
    QTest::addRow("after=0x10") << u"after=0x10"_s;
    QTest::addRow("valid limit, bad after") << u"limit=10&after=x"_s;
}

void tst_HttpApi::invalidParameters()
{
    QFETCH(QString, query);
    const HttpResult result = httpGet(m_server->httpUrl(u"/api/history"_s, query), Token);
    QVERIFY2(result.status == 400, qPrintable(describe(result)));
    QVERIFY(isJson(result));
    QCOMPARE(errorCode(result), u"invalid_parameter"_s);
    QVERIFY(!errorMessage(result).isEmpty());
    QVERIFY(!result.json.contains("events"_L1));
}

void tst_HttpApi::validLimitBoundaries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("limit=1") << u"limit=1"_s;
    QTest::addRow("limit=500") << u"limit=500"_s;
    QTest::addRow("before=0") << u"before=0"_s;
    QTest::addRow("after=0") << u"after=0"_s;
    QTest::addRow("large before") << u"before=9007199254740991"_s;
}

void tst_HttpApi::validLimitBoundaries()
{
    QFETCH(QString, query);
    const HttpResult result = httpGet(m_server->httpUrl(u"/api/history"_s, query), Token);
    QVERIFY2(result.status == 200, qPrintable(describe(result)));
    QVERIFY(result.json.value("events"_L1).isArray());
    QVERIFY(result.json.value("hasMore"_L1).isBool());
}

void tst_HttpApi::unknownPathIs404_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("json"); // API and WebSocket paths answer errors in JSON
    QTest::addRow("api root") << u"/api"_s << true;
    QTest::addRow("similar name") << u"/api/healthz"_s << true;
    QTest::addRow("unknown api") << u"/api/secrets"_s << true;
    QTest::addRow("below a route") << u"/api/history/5"_s << true;
    QTest::addRow("below /ws") << u"/ws/other"_s << true;
    QTest::addRow("outside the api") << u"/no-such-page"_s << false;
}

void tst_HttpApi::unknownPathIs404()
{
    QFETCH(QString, path);
    QFETCH(bool, json);
    const HttpResult result = httpGet(m_server->httpUrl(path), Token);
    QVERIFY2(result.status == 404, qPrintable(describe(result)));
    if (json) {
        QVERIFY2(isJson(result), header(result, "Content-Type").constData());
        QCOMPARE(errorCode(result), u"not_found"_s);
        QVERIFY(!errorMessage(result).isEmpty());
    }
}

void tst_HttpApi::wrongMethodIs405_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("method");
    QTest::addRow("POST /api/history") << u"/api/history"_s << QByteArray("POST");
    QTest::addRow("DELETE /api/history") << u"/api/history"_s << QByteArray("DELETE");
    QTest::addRow("PUT /api/users") << u"/api/users"_s << QByteArray("PUT");
    QTest::addRow("POST /api/health") << u"/api/health"_s << QByteArray("POST");
}

void tst_HttpApi::wrongMethodIs405()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, method);
    const HttpResult result = httpGet(m_server->httpUrl(path), Token, method);
    QVERIFY2(result.status == 405, qPrintable(describe(result)));
    QVERIFY(isJson(result));
    const QByteArray allow = header(result, "Allow");
    QVERIFY2(allow.contains("GET"), allow.constData());
    QVERIFY2(!allow.contains(method), allow.constData());
    QVERIFY(!errorCode(result).isEmpty());
    QVERIFY(!errorMessage(result).isEmpty());
}

void tst_HttpApi::plainGetOnWebSocketPathIs426_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("/ws") << u"/ws"_s;
    QTest::addRow("/ws/echo") << u"/ws/echo"_s;
}

void tst_HttpApi::plainGetOnWebSocketPathIs426()
{
    QFETCH(QString, path);
    const HttpResult result = httpGet(m_server->httpUrl(path, u"token=test-token&username=x"_s));
    QVERIFY2(result.status == 426, qPrintable(describe(result)));
    QVERIFY(isJson(result));
    QVERIFY(!errorCode(result).isEmpty());
    QVERIFY(!errorMessage(result).isEmpty());

    // No chat client was admitted by it.
    const HttpResult health = httpGet(m_server->httpUrl(u"/api/health"_s));
    QCOMPARE(health.json.value("clients"_L1).toInt(-1), 0);
}

void tst_HttpApi::oversizedHeadIs431()
{
    QTcpSocket socket;
    QVERIFY(connectRaw(socket, m_server->port()));
    socket.write("GET / HTTP/1.1\r\nX: " + QByteArray(70 * 1024, 'a')); // no terminator
    QByteArray received;
    const bool gotStatusLine = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.contains("\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    received += socket.readAll();
    QVERIFY2(gotStatusLine, "no answer within 5 s");
    QVERIFY2(received.startsWith("HTTP/1.1 431 "), received.left(200).constData());

    // And the server closes the connection afterwards.
    QVERIFY(
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000));

    // The server is still fine.
    QCOMPARE(httpGet(m_server->httpUrl(u"/api/health"_s)).status, 200);
}

void tst_HttpApi::keepAliveAnswersTwoRequests()
{
    QTcpSocket socket;
    QVERIFY(connectRaw(socket, m_server->port()));
    QByteArray buffer;

    socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    RawResponse first;
    QVERIFY2(readResponse(socket, buffer, &first, 5000), buffer.left(200).constData());
    QCOMPARE(first.statusLine.left(13), QByteArray("HTTP/1.1 200 "));
    QVERIFY(first.headers.value("content-type").startsWith("application/json"));
    QVERIFY(first.body.contains("\"status\":\"ok\""));
    QVERIFY(buffer.isEmpty());
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);

    socket.write("GET /api/history?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Authorization: Bearer test-token\r\n\r\n");
    RawResponse second;
    QVERIFY2(readResponse(socket, buffer, &second, 5000), buffer.left(200).constData());
    QCOMPARE(second.statusLine.left(13), QByteArray("HTTP/1.1 200 "));
    QVERIFY2(second.body.contains("\"events\""), second.body.constData());
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);

    // A third one, an error this time, still on the same connection.
    socket.write("GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    RawResponse third;
    QVERIFY2(readResponse(socket, buffer, &third, 5000), buffer.left(200).constData());
    QCOMPARE(third.statusLine.left(13), QByteArray("HTTP/1.1 404 "));
}

QTEST_GUILESS_MAIN(tst_HttpApi)
#include "tst_httpapi.moc"
