// HTTP/1.1 framing and conformance on the one port (docs/PROTOCOL.md, "HTTP"; docs/CONFORMANCE.md,
// "HTTP/1.1"): strict request heads (nothing a proxy in front could read differently), every
// request of a keep-alive connection within the limits, one response per request, and the
// statuses and fields clients rely on. Raw bytes on real sockets to a real server (TestServer,
// in this process); plain TCP, and TLS where the path differs.
#include "httpconnection.h"
#include "lingeringclose.h"
#include "rawhttp.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSslCertificate>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// "METHOD target HTTP/1.1" with Host: 127.0.0.1 and the given fields.
QByteArray request(const QByteArray &method, const QByteArray &target,
                   const QByteArray &fields = {}, const QByteArray &version = "HTTP/1.1")
{
    return method + ' ' + target + ' ' + version + "\r\nHost: 127.0.0.1\r\n" + fields + "\r\n";
}

QByteArray health(const QByteArray &fields = {})
{
    return request("GET", "/api/health", fields);
}

// A request that would be answered if it were ever read as one: smuggled behind another.
const QByteArray Smuggled = request("GET", "/api/users", "Authorization: Bearer test-token\r\n");

QSslCertificate certificateOf(TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDir() + u"/tls/certificate.pem"_s).value(0);
}

QString describe(const RawHttpClient::Response &response)
{
    return QString::fromLatin1(response.statusLine + " | " + response.body.left(200));
}

} // namespace

class tst_HttpFraming final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // Item 7: heads a proxy could read differently are refused, and nothing behind them is read.
    void ambiguousFramingIsRefused_data();
    void ambiguousFramingIsRefused();
    // Item 8: one response per request, connections end when asked.
    void connectionCloseIsHonoured();
    void http10ClosesUnlessKeepAlive();
    void headHasNoBody_data();
    void headHasNoBody();
    void upgradeOnSecondRequestGetsOneResponse();
    void bareLineEndsAreRefusedAtOnce_data();
    void bareLineEndsAreRefusedAtOnce();
    void unsupportedVersions_data();
    void unsupportedVersions();
    // Item 9.
    void unauthorizedNamesBearer();
    void bearerSchemeIgnoresCase_data();
    void bearerSchemeIgnoresCase();
    void apiResponsesAreNotStored_data();
    void apiResponsesAreNotStored();
    void methodsAre405Or501_data();
    void methodsAre405Or501();
    // Item 2: bodies are bounded on every request of a connection, and read past correctly.
    void chunkedBodyTooLargeIs413();
    void largeBodyOnSecondRequestIs413();
    void bodiesWithinLimitsArePassedOver();
    void expectContinue();
    // Item 4: the head deadline and idle limit apply to every request.
    void slowSecondRequestIsClosed_data();
    void slowSecondRequestIsClosed();
    void slowBodyIsClosed();
    // Item 1: pipelined requests are answered in order, and not read while answers pile up.
    void pipelinedRequestsWaitForTheReader();
    // Item 2 over TLS: the 413 reaches a client that is still sending.
    void lingeringCloseOverTls_data();
    void lingeringCloseOverTls();

private:
    bool restartWithTls();

    std::unique_ptr<TestServer> m_server;
};

void tst_HttpFraming::initTestCase()
{
    LanChat::registerMetaTypes();
}

void tst_HttpFraming::init()
{
    m_server = std::make_unique<TestServer>(QString::fromLatin1(RawToken));
    m_server->config().handshakeTimeoutMs = 1000;
    m_server->config().httpIdleSeconds = 2;
    QVERIFY(m_server->start());
}

void tst_HttpFraming::cleanup()
{
    if (m_server)
        QVERIFY(m_server->stop());
    m_server.reset();
}

// Replaces the server of init() by one with the same limits and TLS on.
bool tst_HttpFraming::restartWithTls()
{
    if (!m_server->stop())
        return false;
    m_server = std::make_unique<TestServer>(QString::fromLatin1(RawToken));
    m_server->config().handshakeTimeoutMs = 1000;
    m_server->config().httpIdleSeconds = 2;
    m_server->config().tls = true;
    return m_server->start();
}

void tst_HttpFraming::ambiguousFramingIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray post = "POST /api/history HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    QTest::addRow("Content-Length with Transfer-Encoding")
        << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + Smuggled
        << 400;
    QTest::addRow("two different Content-Lengths")
        << post + "Content-Length: 0\r\nContent-Length: " + QByteArray::number(Smuggled.size())
               + "\r\n\r\n" + Smuggled
        << 400;
    QTest::addRow("two equal Content-Lengths")
        << post + "Content-Length: 0\r\nContent-Length: 0\r\n\r\n" + Smuggled << 400;
    for (const char *length : {"abc", "-1", "0x10", "1e3", "+5", "", "1 2", "1,1"}) {
        QTest::addRow("Content-Length \"%s\"", length)
            << post + "Content-Length: " + length + "\r\n\r\n" + Smuggled << 400;
    }
    QTest::addRow("Transfer-Encoding xchunked")
        << post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + Smuggled << 400;
    QTest::addRow("Transfer-Encoding chunked, x")
        << post + "Transfer-Encoding: chunked, x\r\n\r\n0\r\n\r\n" + Smuggled << 400;
    QTest::addRow("chunked twice")
        << post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
               + Smuggled
        << 400;
    QTest::addRow("unknown coding before chunked")
        << post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + Smuggled << 501;
    QTest::addRow("Transfer-Encoding in HTTP/1.0")
        << "POST /api/history HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + Smuggled
        << 400;
    QTest::addRow("space before the colon")
        << "GET /api/health HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n" + Smuggled << 400;
    QTest::addRow("space before another colon") << health("X-Test : 1\r\n") + Smuggled << 400;
    QTest::addRow("no Host") << "GET /api/health HTTP/1.1\r\n\r\n" + Smuggled << 400;
    QTest::addRow("two Hosts") << health("Host: 127.0.0.1\r\n") + Smuggled << 400;
    QTest::addRow("invalid Host") << health().replace("127.0.0.1", "a b") + Smuggled << 400;
    QTest::addRow("field line without a colon") << health("X-Test\r\n") + Smuggled << 400;
    QTest::addRow("folded field line") << health("X-Test: 1\r\n 2\r\n") + Smuggled << 400;
    QTest::addRow("NUL in a value") << health(QByteArray("X-Test: a\0b\r\n", 13)) + Smuggled << 400;
    QTest::addRow("escape in a value") << health("X-Test: \x1b[31m\r\n") + Smuggled << 400;
    QTest::addRow("two spaces in the request line")
        << "GET  /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + Smuggled << 400;
    QTest::addRow("space in the target")
        << "GET /api/he alth HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + Smuggled << 400;
    QTest::addRow("fragment in the target") << request("GET", "/api/health#x") + Smuggled << 400;
    QTest::addRow("bad percent-encoding") << request("GET", "/api/%zzhealth") + Smuggled << 400;
    QTest::addRow("lower-case HTTP") << request("GET", "/", {}, "http/1.1") + Smuggled << 400;
    QTest::addRow("HTTP/0.9 request line") << "GET /\r\n\r\n" + Smuggled << 400;
    QTest::addRow("too many field lines")
        << health(QByteArray("X-Test: 1\r\n").repeated(101)) + Smuggled << 431;
    QTest::addRow("long request line")
        << request("GET", "/api/health?" + QByteArray(9000, 'a')) + Smuggled << 414;
    QTest::addRow("unknown expectation") << health("Expect: magic\r\n") + Smuggled << 417;
}

void tst_HttpFraming::ambiguousFramingIsRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QElapsedTimer clock;
    clock.start();
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response), client.pending().left(300).constData());
    QVERIFY2(response.status == status, qPrintable(describe(response)));
    QCOMPARE(response.header("Connection"), "close"_ba);
    // Closed at once (not at the idle limit), and nothing behind the refused head was answered.
    QVERIFY(client.waitForClose(1500));
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(!client.pending().contains("HTTP/1.1"), client.pending().left(300).constData());
    QCOMPARE(httpGet(m_server->httpUrl(u"/api/health"_s)).status, 200);
}

void tst_HttpFraming::connectionCloseIsHonoured()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QElapsedTimer clock;
    clock.start();
    client.write(health("Connection: close\r\n") + health());
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Connection"), "close"_ba);
    QVERIFY(client.waitForClose(1500)); // idle limit: 2 s
    QVERIFY(clock.elapsed() < 1500);
    QVERIFY(!client.pending().contains("HTTP/1.1")); // the request after it is not answered
}

void tst_HttpFraming::http10ClosesUnlessKeepAlive()
{
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.write("GET /api/health HTTP/1.0\r\n\r\n"); // no Host: fine in HTTP/1.0
        RawHttpClient::Response response;
        QVERIFY(client.read(&response));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Connection"), "close"_ba);
        QVERIFY(client.waitForClose(1500));
    }
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write("GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Connection"), "keep-alive"_ba);
    client.write("GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
}

void tst_HttpFraming::headHasNoBody_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addRow("api") << "/api/health"_ba;
    QTest::addRow("page") << "/"_ba;
    QTest::addRow("script") << "/app.js"_ba;
    QTest::addRow("404") << "/nope"_ba;
}

// A HEAD response has GET's fields (its Content-Length too) and no content; the next response
// on the connection must start right after its head.
void tst_HttpFraming::headHasNoBody()
{
    QFETCH(QByteArray, target);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(request("GET", target) + request("HEAD", target) + request("GET", target));
    RawHttpClient::Response get, head, again;
    QVERIFY(client.read(&get));
    QVERIFY(client.read(&head, 5000, true));
    QVERIFY2(client.read(&again), client.pending().left(200).constData());
    QCOMPARE(head.status, get.status);
    QVERIFY(!get.body.isEmpty());
    QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
    QCOMPARE(head.header("Content-Type"), get.header("Content-Type"));
    QCOMPARE(again.statusLine, get.statusLine);
    QCOMPARE(again.body, get.body);
}

void tst_HttpFraming::upgradeOnSecondRequestGetsOneResponse()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(health());
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
    client.write(webSocketRequest("/ws/echo?token=test-token"));
    QVERIFY(QTest::qWaitFor([&] { return client.pending().contains("\r\n\r\n"); }, 5000));
    const QByteArray answer = client.pending();
    QVERIFY2(answer.startsWith("HTTP/1.1 101 "), answer.constData());
    QCOMPARE(answer.count("HTTP/1.1"), 1);
    // It is a working echo connection: one masked text frame ("hi", zero mask) comes back.
    client.write(QByteArray("\x81\x82\0\0\0\0hi", 8));
    QVERIFY(QTest::qWaitFor([&] { return client.pending().contains("Echo: hi"); }, 5000));
    QVERIFY(!client.pending().contains("HTTP/1.1 4"));
}

void tst_HttpFraming::bareLineEndsAreRefusedAtOnce_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("bare LF") << "GET /api/health HTTP/1.1\nHost: 127.0.0.1\n\n"_ba;
    QTest::addRow("bare LF in a field line")
        << "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\nX: y\r\n\r\n"_ba;
    QTest::addRow("bare CR") << "GET /api/health HTTP/1.1\rHost: 127.0.0.1\r\r"_ba;
    QTest::addRow("bare CR in a value")
        << "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\rb\r\n\r\n"_ba;
}

// RFC 9112 2.2: LanChat does not read a bare LF as a line end (nor a bare CR ever): 400 at once,
// not a wait for the head deadline.
void tst_HttpFraming::bareLineEndsAreRefusedAtOnce()
{
    QFETCH(QByteArray, bytes);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QElapsedTimer clock;
    clock.start();
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response, 900), client.pending().constData());
    QCOMPARE(response.status, 400);
    QVERIFY(client.waitForClose(900));
}

void tst_HttpFraming::unsupportedVersions_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("HTTP/9.9") << request("GET", "/", {}, "HTTP/9.9") << 505;
    QTest::addRow("HTTP/2.0") << request("GET", "/", {}, "HTTP/2.0") << 505;
    QTest::addRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 505;
    QTest::addRow("HTTP/0.9 version") << request("GET", "/", {}, "HTTP/0.9") << 505;
    QTest::addRow("HTTP/1.10") << request("GET", "/", {}, "HTTP/1.10") << 400;
    QTest::addRow("HTTP/1.2 is read as 1.1")
        << request("GET", "/api/health", {}, "HTTP/1.2") << 200;
}

void tst_HttpFraming::unsupportedVersions()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response), client.pending().constData());
    QVERIFY2(response.status == status, qPrintable(describe(response)));
    QVERIFY(response.statusLine.startsWith("HTTP/1.1 "));
}

void tst_HttpFraming::unauthorizedNamesBearer()
{
    for (const QByteArray &credentials : {QByteArray(), "Authorization: Bearer nope\r\n"_ba}) {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.write(request("GET", "/api/users", credentials));
        RawHttpClient::Response response;
        QVERIFY(client.read(&response));
        QCOMPARE(response.status, 401);
        QVERIFY2(response.header("WWW-Authenticate").startsWith("Bearer"),
                 response.header("WWW-Authenticate").constData());
        if (!credentials.isEmpty())
            QVERIFY(response.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    }
}

void tst_HttpFraming::bearerSchemeIgnoresCase_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addRow("Bearer") << "Bearer test-token"_ba << 200;
    QTest::addRow("bearer") << "bearer test-token"_ba << 200;
    QTest::addRow("BEARER") << "BEARER test-token"_ba << 200;
    QTest::addRow("two spaces") << "Bearer  test-token"_ba << 200;
    QTest::addRow("Basic") << "Basic dGVzdC10b2tlbg=="_ba << 401;
    QTest::addRow("no space") << "Bearertest-token"_ba << 401;
}

void tst_HttpFraming::bearerSchemeIgnoresCase()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(request("GET", "/api/users", "Authorization: " + authorization + "\r\n"));
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QVERIFY2(response.status == status, qPrintable(describe(response)));
}

void tst_HttpFraming::apiResponsesAreNotStored_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("health") << health() << 200;
    QTest::addRow("history") << request("GET", "/api/history?token=test-token") << 200;
    QTest::addRow("users, no token") << request("GET", "/api/users") << 401;
    QTest::addRow("bad parameter")
        << request("GET", "/api/history?token=test-token&limit=0") << 400;
    QTest::addRow("unknown api path") << request("GET", "/api/nope") << 404;
    QTest::addRow("wrong method") << request("DELETE", "/api/history") << 405;
    QTest::addRow("plain GET on /ws") << request("GET", "/ws") << 426;
}

// The history is private and the token may be in the URL: no cache keeps an API answer, and no
// browser reads one as anything but JSON.
void tst_HttpFraming::apiResponsesAreNotStored()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QVERIFY2(response.status == status, qPrintable(describe(response)));
    QCOMPARE(response.header("Cache-Control"), "no-store"_ba);
    QCOMPARE(response.header("X-Content-Type-Options"), "nosniff"_ba);
    QVERIFY(response.header("Content-Type").startsWith("application/json"));
    if (status == 426)
        QCOMPARE(response.header("Upgrade"), "websocket"_ba);
}

void tst_HttpFraming::methodsAre405Or501_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");
    QTest::addRow("TRACE api") << "TRACE"_ba
                               << "/api/health"_ba << 405 << "GET, HEAD"_ba;
    QTest::addRow("TRACE page") << "TRACE"_ba
                                << "/"_ba << 405 << "GET, HEAD"_ba;
    QTest::addRow("OPTIONS api") << "OPTIONS"_ba
                                 << "/api/users"_ba << 405 << "GET, HEAD"_ba;
    QTest::addRow("OPTIONS *") << "OPTIONS"_ba
                               << "*"_ba << 405 << "GET, HEAD"_ba;
    QTest::addRow("PATCH ws") << "PATCH"_ba
                              << "/ws"_ba << 405 << "GET, HEAD"_ba;
    QTest::addRow("unknown method") << "BREW"_ba
                                    << "/api/health"_ba << 501 << QByteArray();
    QTest::addRow("lower-case get") << "get"_ba
                                    << "/api/health"_ba << 501 << QByteArray();
    QTest::addRow("CONNECT") << "CONNECT"_ba
                             << "127.0.0.1:1"_ba << 501 << QByteArray();
}

void tst_HttpFraming::methodsAre405Or501()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(request(method, target));
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QVERIFY2(response.status == status, qPrintable(describe(response)));
    QCOMPARE(response.header("Allow"), allow);
}

// A chunked body is counted as it streams in: beyond the limit (1 MiB) the answer is 413 and the
// connection is closed; the server never buffers it (tst_porthardening measures that).
void tst_HttpFraming::chunkedBodyTooLargeIs413()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(
        "POST /api/history HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = "4000\r\n" + QByteArray(0x4000, 'x') + "\r\n"; // 16 KiB
    qint64 sent = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (client.socket().bytesToWrite() < 256 * 1024 && sent < 8 * 1024 * 1024) {
                client.write(chunk);
                sent += 0x4000;
            }
            return client.pending().contains("\r\n\r\n") || client.isClosed();
        },
        10000));
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response), client.pending().left(200).constData());
    QCOMPARE(response.status, 413);
    QVERIFY2(sent <= 2 * 1024 * 1024, qPrintable(QString::number(sent)));
    QVERIFY(client.waitForClose());
}

void tst_HttpFraming::largeBodyOnSecondRequestIs413()
{
    for (const QByteArray &second :
         {"POST /api/history HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 41943040\r\n\r\n"_ba,
          "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048577\r\n\r\n"_ba}) {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.write(health());
        RawHttpClient::Response response;
        QVERIFY(client.read(&response));
        QCOMPARE(response.status, 200);
        client.write(second + QByteArray(64 * 1024, 'x'));
        QVERIFY(client.read(&response));
        QCOMPARE(response.status, 413);
        QVERIFY(client.waitForClose());
    }
}

// Bodies within the limit are read past (no route takes one), so the next request on the
// connection is read where it starts.
void tst_HttpFraming::bodiesWithinLimitsArePassedOver()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const QByteArray smuggledInBody = Smuggled;
    client.write(request("POST", "/api/history",
                         "Content-Length: " + QByteArray::number(smuggledInBody.size()) + "\r\n")
                 + smuggledInBody + request("POST", "/api/health", "Transfer-Encoding: chunked\r\n")
                 + QByteArray::number(smuggledInBody.size(), 16) + ";ext=1\r\n" + smuggledInBody
                 + "\r\n0\r\nX-Trailer: t\r\n\r\n"
                 + request("GET", "/api/health", "Content-Length: 3\r\n") + "abc" + health());
    for (const int status : {405, 405, 200, 200}) {
        RawHttpClient::Response response;
        QVERIFY2(client.read(&response), client.pending().left(300).constData());
        QVERIFY2(response.status == status, qPrintable(describe(response)));
        QVERIFY(!response.body.contains("\"users\""));
    }
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpFraming::expectContinue()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(request("POST", "/api/history", "Content-Length: 4\r\nExpect: 100-continue\r\n"));
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 100);
    client.write("abcd");
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 405);
    // Too large: the final answer at once, without a 100.
    client.write(
        request("POST", "/api/history", "Content-Length: 99999999\r\nExpect: 100-continue\r\n"));
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 413);
}

void tst_HttpFraming::slowSecondRequestIsClosed_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addRow("plain") << false;
    QTest::addRow("tls") << true;
}

// After a complete request, the next head trickles in at a byte every 100 ms: the head deadline
// (1 s here) runs from its first byte, as for the first request of a connection.
void tst_HttpFraming::slowSecondRequestIsClosed()
{
    QFETCH(bool, tls);
    if (tls)
        QVERIFY(restartWithTls());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port(), tls ? certificateOf(*m_server) : QSslCertificate()));
    client.write(health());
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
    const QByteArray slow = health();
    QElapsedTimer clock;
    clock.start();
    qsizetype sent = 0;
    const bool closed = QTest::qWaitFor(
        [&] {
            if (sent < slow.size() && clock.elapsed() >= sent * 100)
                client.write(slow.mid(sent++, 1));
            return client.isClosed();
        },
        5000);
    QVERIFY2(closed, qPrintable(u"still open after %1 ms"_s.arg(clock.elapsed())));
    QVERIFY2(clock.elapsed() >= 900 && clock.elapsed() < 2500,
             qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(client.pending().startsWith("HTTP/1.1 408 "), client.pending().constData());
}

void tst_HttpFraming::slowBodyIsClosed()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.write(request("POST", "/api/history", "Content-Length: 100\r\n"));
    QElapsedTimer clock;
    clock.start();
    int sent = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (sent < 100 && clock.elapsed() >= sent * 100) {
                client.write("x");
                ++sent;
            }
            return client.isClosed();
        },
        5000));
    QVERIFY2(clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(sent < 30, qPrintable(QString::number(sent)));
}

// 50,000 pipelined requests (2 MB), not read at first: the server answers some and then stops
// reading (the client's own send queue stops draining), and once the client reads, every answer
// comes, in order, complete.
void tst_HttpFraming::pipelinedRequestsWaitForTheReader()
{
    constexpr int Requests = 50'000;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.socket().setReadBufferSize(64 * 1024); // this side reads nothing into memory either
    // A small, fixed kernel send buffer: what the server does not take stays in this socket's
    // own queue (autotuning would let the kernel hold megabytes of it).
    client.socket().setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 16 * 1024);
    const QByteArray one = health();
    client.socket().write(one.repeated(Requests));
    // The server stops reading: this side's queue stops draining, and stays where it is.
    qint64 before = -1;
    QElapsedTimer unchanged;
    unchanged.start();
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const qint64 now = client.socket().bytesToWrite();
                     if (now != before) {
                         before = now;
                         unchanged.start();
                     }
                     return now > 0 && unchanged.elapsed() > 1000;
                 },
                 15000),
             "the server read everything");
    QTest::qWait(300);
    QCOMPARE(client.socket().bytesToWrite(), before);
    QVERIFY2(before > one.size() * Requests / 4, qPrintable(QString::number(before)));
    QVERIFY(!client.isClosed());

    client.socket().setReadBufferSize(0);
    for (int i = 0; i < Requests; ++i) {
        RawHttpClient::Response response;
        QVERIFY2(client.read(&response, 10000), qPrintable(QString::number(i)));
        QCOMPARE(response.status, 200);
        QVERIFY(response.body.contains("\"status\":\"ok\""));
    }
    QCOMPARE(client.socket().bytesToWrite(), 0);
    QVERIFY(client.pending().isEmpty());
}

void tst_HttpFraming::lingeringCloseOverTls_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("lingers");
    QTest::addRow("Connection: close") << health("Connection: close\r\n") << 200 << false;
    QTest::addRow("HTTP/1.0") << "GET /api/health HTTP/1.0\r\n\r\n"_ba << 200 << false;
    QTest::addRow("body too large")
        << request("POST", "/api/history", "Content-Length: 41943040\r\n")
               + QByteArray(256 * 1024, 'x')
        << 413 << true;
    QTest::addRow("unreadable head")
        << "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"_ba << 400 << true;
    QTest::addRow("a request behind Connection: close")
        << health("Connection: close\r\n") + health() << 200 << true;
}

// QSslSocket cannot end only its sending side (close_notify comes with the TCP close), so where
// the client may still be sending (its request was not read to the end, or more came behind it)
// the server reads and drops its input until it has been quiet for LingeringClose::QuietMs, and
// only then closes: a close with input unread would be a reset, which can make the client's kernel
// discard the answer (tst_porthardening sends 40 MiB behind a 413). A client that is done sending
// and asked to close is not kept waiting.
void tst_HttpFraming::lingeringCloseOverTls()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(bool, lingers);
    QVERIFY(restartWithTls());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port(), certificateOf(*m_server)));
    QElapsedTimer clock;
    clock.start();
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response), client.pending().left(200).constData());
    QCOMPARE(response.status, status);
    QVERIFY(client.waitForClose(LingeringClose::DeadlineMs + 1000));
    const qint64 closedAfter = clock.elapsed();
    if (lingers) {
        QVERIFY2(closedAfter >= LingeringClose::QuietMs && closedAfter < LingeringClose::DeadlineMs,
                 qPrintable(QString::number(closedAfter)));
    } else {
        QVERIFY2(closedAfter < LingeringClose::QuietMs, qPrintable(QString::number(closedAfter)));
    }
}

QTEST_GUILESS_MAIN(tst_HttpFraming)
#include "tst_httpframing.moc"
