// HttpRequestParser, RequestTarget and ChunkedDecoder: the pure functions under HttpConnection (RFC
// 9112 request heads and chunked bodies, read strictly). No sockets; tst_httpframing drives the
// same rules through a real server.
#include "chunkeddecoder.h"
#include "httprequestparser.h"
#include "requesttarget.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace HttpRequestParser;

namespace {

QByteArray head(const QByteArray &requestLine, const QByteArray &fields = "Host: chat\r\n")
{
    return requestLine + "\r\n" + fields + "\r\n";
}

} // namespace

class tst_HttpRequestParser final : public QObject
{
    Q_OBJECT

private slots:
    void scanFindsTheEnd();
    void scanSkipsEmptyLinesBefore();
    void scanRefusesBareLineEnds_data();
    void scanRefusesBareLineEnds();
    void scanLimits();
    void scanByteByByteEqualsScanAtOnce();
    void parsesARequest();
    void refusals_data();
    void refusals();
    void framing_data();
    void framing();
    void keepAlive_data();
    void keepAlive();
    void targets_data();
    void targets();
    void webSocketHandshake_data();
    void webSocketHandshake();
    void authorities_data();
    void authorities();
    void chunkedBodies_data();
    void chunkedBodies();
    void chunkedByteByByte();
    void chunkedLimit();
};

void tst_HttpRequestParser::scanFindsTheEnd()
{
    const QByteArray request = head("GET / HTTP/1.1") + "GET /next HTTP/1.1\r\n";
    const HeadScan scan = scanHead(request);
    QCOMPARE(scan.state, HeadScan::State::Complete);
    QCOMPARE(scan.skip, 0);
    QCOMPARE(scan.end, head("GET / HTTP/1.1").size());
    QCOMPARE(scanHead("GET / HTTP/1.1\r\nHost: x\r\n\r").state, HeadScan::State::Incomplete);
    QCOMPARE(scanHead("").state, HeadScan::State::Incomplete);
}

void tst_HttpRequestParser::scanSkipsEmptyLinesBefore()
{
    const HeadScan scan = scanHead(QByteArray("\r\n\r\n" + head("GET / HTTP/1.1")));
    QCOMPARE(scan.state, HeadScan::State::Complete);
    QCOMPARE(scan.skip, 4);
    QCOMPARE(scan.end, 4 + head("GET / HTTP/1.1").size());
    QCOMPARE(scanHead("\r\n\r\n\r").state, HeadScan::State::Incomplete);
    const HeadScan many
        = scanHead(QByteArray(QByteArray("\r\n").repeated(MaxEmptyLinesBefore + 1) + "G"));
    QCOMPARE(many.state, HeadScan::State::Invalid);
    QCOMPARE(many.refusal.status, 400);
}

void tst_HttpRequestParser::scanRefusesBareLineEnds_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("bare LF after the request line") << "GET / HTTP/1.1\nHost: x\r\n\r\n"_ba;
    QTest::addRow("LF LF") << "GET / HTTP/1.1\r\nHost: x\n\n"_ba;
    QTest::addRow("bare CR") << "GET / HTTP/1.1\rHost: x\r\n\r\n"_ba;
    QTest::addRow("bare CR in a value") << "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n"_ba;
    QTest::addRow("leading LF") << "\nGET / HTTP/1.1\r\n\r\n"_ba;
    QTest::addRow("CR CR LF") << "GET / HTTP/1.1\r\r\n\r\n"_ba;
}

void tst_HttpRequestParser::scanRefusesBareLineEnds()
{
    QFETCH(QByteArray, bytes);
    const HeadScan scan = scanHead(bytes);
    QCOMPARE(scan.state, HeadScan::State::Invalid);
    QCOMPARE(scan.refusal.status, 400);
}

void tst_HttpRequestParser::scanLimits()
{
    const QByteArray longLine = "GET /" + QByteArray(MaxRequestLineBytes, 'a');
    QCOMPARE(scanHead(longLine).refusal.status, 414);
    const QByteArray fitting = "GET /" + QByteArray(MaxRequestLineBytes - 14, 'a') + " HTTP/1.1";
    QCOMPARE(fitting.size(), MaxRequestLineBytes);
    QCOMPARE(scanHead(head(fitting)).state, HeadScan::State::Complete);
    const QByteArray big = "GET / HTTP/1.1\r\nX: " + QByteArray(MaxHeadBytes, 'a');
    QCOMPARE(scanHead(big).refusal.status, 431);
    // Exactly the limit, its final empty line included, is accepted.
    QByteArray exact = "GET / HTTP/1.1\r\nX: ";
    exact += QByteArray(MaxHeadBytes - exact.size() - 4, 'a') + "\r\n\r\n";
    QCOMPARE(exact.size(), MaxHeadBytes);
    QCOMPARE(scanHead(exact).state, HeadScan::State::Complete);
    QCOMPARE(scanHead(exact.insert(20, 'a')).refusal.status, 431);
}

// Scanning as bytes arrive (each scan starting where the last one stopped) decides the same.
void tst_HttpRequestParser::scanByteByByteEqualsScanAtOnce()
{
    const QList<QByteArray> inputs = {
        "\r\n" + head("GET / HTTP/1.1", "Host: x\r\nA: b\r\n") + "rest",
        "GET / HTTP/1.1\r\nHost: x\r\rA",
        "GET / HTTP/1.1\r\nHost: x\nA",
        head("POST /x HTTP/1.0", "Content-Length: 3\r\n") + "abc",
    };
    for (const QByteArray &input : inputs) {
        const HeadScan whole = scanHead(input);
        HeadScan step;
        for (qsizetype n = 1; n <= input.size(); ++n) {
            step = scanHead(input.left(n), n - 1);
            if (step.state != HeadScan::State::Incomplete)
                break;
        }
        QCOMPARE(step.state, whole.state);
        QCOMPARE(step.end, whole.end);
        QCOMPARE(step.refusal.status, whole.refusal.status);
    }
}

void tst_HttpRequestParser::parsesARequest()
{
    const Parsed parsed = parseHead(head("GET /api/history?limit=5&token=a%20b HTTP/1.1",
                                         "Host: chat.local:8787\r\nX-Empty:\r\n"
                                         "Accept:  text/html , */*\t\r\n"));
    QVERIFY(!parsed.refusal.isRefused());
    const RequestHead &h = parsed.head;
    QCOMPARE(h.method, Method::Get);
    QCOMPARE(h.path, u"/api/history"_s);
    QCOMPARE(h.query, "limit=5&token=a%20b"_ba);
    QCOMPARE(h.minorVersion, 1);
    QCOMPARE(h.authority, "chat.local:8787"_ba);
    QCOMPARE(h.value("ACCEPT"), "text/html , */*"_ba);
    QVERIFY(!h.value("x-empty").isNull());
    QVERIFY(h.value("x-empty").isEmpty());
    QVERIFY(h.value("x-missing").isNull());
    QCOMPARE(h.fields.size(), 3);
    QCOMPARE(h.fields.first().first, "host"_ba);
    QCOMPARE(h.body, RequestHead::Body::None);
    QVERIFY(h.keepAlive);
    QVERIFY(!h.asksForWebSocket);
}

void tst_HttpRequestParser::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("lower-case method") << head("get / HTTP/1.1") << 501;
    QTest::addRow("unknown method") << head("BREW / HTTP/1.1") << 501;
    QTest::addRow("CONNECT") << head("CONNECT chat:443 HTTP/1.1") << 501;
    QTest::addRow("method with a slash") << head("GE/T / HTTP/1.1") << 400;
    QTest::addRow("HTTP/2.0") << head("GET / HTTP/2.0") << 505;
    QTest::addRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\n"_ba << 505;
    QTest::addRow("HTTP/0.9") << head("GET / HTTP/0.9") << 505;
    QTest::addRow("HTTP/1.10") << head("GET / HTTP/1.10") << 400;
    QTest::addRow("http/1.1") << head("GET / http/1.1") << 400;
    QTest::addRow("no version") << head("GET /") << 400;
    QTest::addRow("two spaces") << head("GET  / HTTP/1.1") << 400;
    QTest::addRow("trailing space") << head("GET / HTTP/1.1 ") << 400;
    QTest::addRow("tab separator") << head("GET\t/ HTTP/1.1") << 400;
    QTest::addRow("target with a control character") << head("GET /\x01 HTTP/1.1") << 400;
    QTest::addRow("target with UTF-8") << head("GET /caf\xc3\xa9 HTTP/1.1") << 400;
    QTest::addRow("no Host in HTTP/1.1") << head("GET / HTTP/1.1", {}) << 400;
    QTest::addRow("two Hosts") << head("GET / HTTP/1.1", "Host: a\r\nHost: a\r\n") << 400;
    QTest::addRow("Host with a space") << head("GET / HTTP/1.1", "Host: a b\r\n") << 400;
    QTest::addRow("Host with userinfo") << head("GET / HTTP/1.1", "Host: u@a\r\n") << 400;
    QTest::addRow("Host with a bad port") << head("GET / HTTP/1.1", "Host: a:99999\r\n") << 400;
    QTest::addRow("space before the colon") << head("GET / HTTP/1.1", "Host : a\r\n") << 400;
    QTest::addRow("no colon") << head("GET / HTTP/1.1", "Host: a\r\nX\r\n") << 400;
    QTest::addRow("empty name") << head("GET / HTTP/1.1", "Host: a\r\n: x\r\n") << 400;
    QTest::addRow("folded line") << head("GET / HTTP/1.1", "Host: a\r\nX: 1\r\n\t2\r\n") << 400;
    QTest::addRow("NUL in a value")
        << head("GET / HTTP/1.1", QByteArray("Host: a\0b\r\n", 11)) << 400;
    QTest::addRow("DEL in a value") << head("GET / HTTP/1.1", "Host: a\r\nX: \x7f\r\n") << 400;
    QTest::addRow("ESC in a value") << head("GET / HTTP/1.1", "Host: a\r\nX: \x1b[m\r\n") << 400;
    QTest::addRow("101 field lines")
        << head("GET / HTTP/1.1", "Host: a\r\n" + QByteArray("X: 1\r\n").repeated(100)) << 431;
    QTest::addRow("unknown expectation")
        << head("GET / HTTP/1.1", "Host: a\r\nExpect: x\r\n") << 417;
    QTest::addRow("incomplete") << "GET / HTTP/1.1\r\n"_ba << 400;
}

void tst_HttpRequestParser::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    const Parsed parsed = parseHead(bytes);
    QCOMPARE(parsed.refusal.status, status);
    QVERIFY(!parsed.refusal.message.isEmpty());
}

void tst_HttpRequestParser::framing_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("body");
    QTest::addColumn<qint64>("length");
    const auto row = [](const char *name, const QByteArray &fields, int status,
                        RequestHead::Body body, qint64 length) {
        QTest::addRow("%s", name) << fields << status << int(body) << length;
    };
    using B = RequestHead::Body;
    row("no body", {}, 0, B::None, 0);
    row("length", "Content-Length: 12\r\n", 0, B::Length, 12);
    row("length 0", "Content-Length: 0\r\n", 0, B::None, 0);
    row("leading zeros", "Content-Length: 007\r\n", 0, B::Length, 7);
    row("huge length saturates", "Content-Length: 99999999999999999999999\r\n", 0, B::Length,
        std::numeric_limits<qint64>::max());
    row("chunked", "Transfer-Encoding: chunked\r\n", 0, B::Chunked, 0);
    row("Chunked", "Transfer-Encoding: Chunked\r\n", 0, B::Chunked, 0);
    row("empty list elements", "Transfer-Encoding: , chunked ,\r\n", 0, B::Chunked, 0);
    for (const char *bad : {"abc", "-1", "0x10", "1e3", "+5", "", "1 2", "1,1", " 1a"})
        QTest::addRow("length \"%s\"", bad) << "Content-Length: " + QByteArray(bad) + "\r\n"
                                            << 400 << int(B::None) << qint64(0);
    row("two lengths", "Content-Length: 1\r\nContent-Length: 2\r\n", 400, B::None, 0);
    row("two equal lengths", "Content-Length: 1\r\nContent-Length: 1\r\n", 400, B::None, 0);
    row("length and chunked", "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n", 400, B::None,
        0);
    row("xchunked", "Transfer-Encoding: xchunked\r\n", 400, B::None, 0);
    row("chunked, x", "Transfer-Encoding: chunked, x\r\n", 400, B::None, 0);
    row("chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400,
        B::None, 0);
    row("chunked with a parameter", "Transfer-Encoding: chunked;q=1\r\n", 400, B::None, 0);
    row("empty coding", "Transfer-Encoding: \r\n", 400, B::None, 0);
    row("gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n", 501, B::None, 0);
    row("gzip;level=1, chunked", "Transfer-Encoding: gzip;level=1, chunked\r\n", 501, B::None, 0);
}

void tst_HttpRequestParser::framing()
{
    QFETCH(QByteArray, fields);
    QFETCH(int, status);
    QFETCH(int, body);
    QFETCH(qint64, length);
    const Parsed parsed = parseHead(head("POST /x HTTP/1.1", "Host: a\r\n" + fields));
    QCOMPARE(parsed.refusal.status, status);
    if (status == 0) {
        QCOMPARE(int(parsed.head.body), body);
        QCOMPARE(parsed.head.contentLength, length);
    }
    // HTTP/1.0 does not know Transfer-Encoding at all: its framing cannot be trusted.
    if (fields.contains("Transfer-Encoding") && status == 0)
        QCOMPARE(parseHead(head("POST /x HTTP/1.0", fields)).refusal.status, 400);
}

void tst_HttpRequestParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<bool>("keepAlive");
    QTest::addRow("1.1") << "HTTP/1.1"_ba << QByteArray() << true;
    QTest::addRow("1.1 close") << "HTTP/1.1"_ba
                               << "close"_ba << false;
    QTest::addRow("1.1 Close, te") << "HTTP/1.1"_ba
                                   << "te, Close"_ba << false;
    QTest::addRow("1.0") << "HTTP/1.0"_ba << QByteArray() << false;
    QTest::addRow("1.0 keep-alive") << "HTTP/1.0"_ba
                                    << "Keep-Alive"_ba << true;
    QTest::addRow("1.2 is 1.1") << "HTTP/1.2"_ba << QByteArray() << true;
}

void tst_HttpRequestParser::keepAlive()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keepAlive);
    QByteArray fields = "Host: a\r\n";
    if (!connection.isNull())
        fields += "Connection: " + connection + "\r\n";
    const Parsed parsed = parseHead(head("GET / " + version, fields));
    QVERIFY(!parsed.refusal.isRefused());
    QCOMPARE(parsed.head.keepAlive, keepAlive);
}

void tst_HttpRequestParser::targets_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("authority");
    QTest::addRow("origin-form") << "GET /a/b?c=d HTTP/1.1"_ba << 0 << u"/a/b"_s << "c=d"_ba
                                 << "a"_ba;
    QTest::addRow("percent-decoded")
        << "GET /%3Cb%3E%20x HTTP/1.1"_ba << 0 << u"/<b> x"_s << QByteArray() << "a"_ba;
    QTest::addRow("bad escape") << "GET /%zz HTTP/1.1"_ba << 400 << QString() << QByteArray()
                                << QByteArray();
    QTest::addRow("escape cut short")
        << "GET /%4 HTTP/1.1"_ba << 400 << QString() << QByteArray() << QByteArray();
    QTest::addRow("fragment") << "GET /a#b HTTP/1.1"_ba << 400 << QString() << QByteArray()
                              << QByteArray();
    QTest::addRow("absolute-form")
        << "GET http://chat:8787/api?x HTTP/1.1"_ba << 0 << u"/api"_s << "x"_ba
        << "chat:8787"_ba;
    QTest::addRow("absolute-form without a path")
        << "GET HTTPS://chat HTTP/1.1"_ba << 0 << u"/"_s << QByteArray() << "chat"_ba;
    QTest::addRow("absolute-form with userinfo")
        << "GET http://u@chat/ HTTP/1.1"_ba << 400 << QString() << QByteArray() << QByteArray();
    QTest::addRow("absolute-form, other scheme")
        << "GET ws://chat/ HTTP/1.1"_ba << 400 << QString() << QByteArray() << QByteArray();
    QTest::addRow("asterisk for OPTIONS")
        << "OPTIONS * HTTP/1.1"_ba << 0 << u"*"_s << QByteArray() << "a"_ba;
    QTest::addRow("asterisk for GET")
        << "GET * HTTP/1.1"_ba << 400 << QString() << QByteArray() << QByteArray();
    QTest::addRow("relative") << "GET a/b HTTP/1.1"_ba << 400 << QString() << QByteArray()
                              << QByteArray();
}

void tst_HttpRequestParser::targets()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(int, status);
    QFETCH(QString, path);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, authority);
    const Parsed parsed = parseHead(head(requestLine, "Host: a\r\n"));
    QCOMPARE(parsed.refusal.status, status);
    if (status == 0) {
        QCOMPARE(parsed.head.path, path);
        QCOMPARE(parsed.head.query, query);
        QCOMPARE(parsed.head.authority, authority);
    }
}

void tst_HttpRequestParser::webSocketHandshake_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray base = "Host: a\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n";
    const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    const QByteArray version = "Sec-WebSocket-Version: 13\r\n";
    QTest::addRow("valid") << head("GET /ws HTTP/1.1", base + key + version) << 0;
    QTest::addRow("POST") << head("POST /ws HTTP/1.1", base + key + version) << 400;
    QTest::addRow("HTTP/1.0") << head("GET /ws HTTP/1.0", base + key + version) << 400;
    QTest::addRow("no Connection: Upgrade")
        << head("GET /ws HTTP/1.1", "Host: a\r\nUpgrade: websocket\r\n" + key + version) << 400;
    QTest::addRow("no key") << head("GET /ws HTTP/1.1", base + version) << 400;
    QTest::addRow("key of 15 bytes")
        << head("GET /ws HTTP/1.1", base + version + "Sec-WebSocket-Key: YWJjZGVmZ2hpamtsbW5v\r\n")
        << 400;
    QTest::addRow("key without padding") << head(
        "GET /ws HTTP/1.1", base + version + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ\r\n")
                                         << 400;
    QTest::addRow("two keys") << head("GET /ws HTTP/1.1", base + key + key + version) << 400;
    QTest::addRow("no version") << head("GET /ws HTTP/1.1", base + key) << 400;
    QTest::addRow("version 8") << head("GET /ws HTTP/1.1",
                                       base + key + "Sec-WebSocket-Version: 8\r\n")
                               << 426;
    QTest::addRow("versions 13, 8")
        << head("GET /ws HTTP/1.1", base + key + "Sec-WebSocket-Version: 13, 8\r\n") << 426;
}

void tst_HttpRequestParser::webSocketHandshake()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    const Parsed parsed = parseHead(bytes);
    QVERIFY(!parsed.refusal.isRefused());
    QVERIFY(parsed.head.asksForWebSocket);
    QCOMPARE(checkWebSocketHandshake(parsed.head).status, status);
}

void tst_HttpRequestParser::authorities_data()
{
    QTest::addColumn<QByteArray>("authority");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("port");
    QTest::addRow("name") << "chat.local"_ba << true << "chat.local"_ba << -1;
    QTest::addRow("name and port") << "chat:8787"_ba << true << "chat"_ba << 8787;
    QTest::addRow("empty port") << "chat:"_ba << true << "chat"_ba << -1;
    QTest::addRow("IPv4") << "192.0.2.7:1"_ba << true << "192.0.2.7"_ba << 1;
    QTest::addRow("IPv6") << "[::1]:8787"_ba << true << "[::1]"_ba << 8787;
    QTest::addRow("empty") << ""_ba << true << ""_ba << -1;
    QTest::addRow("IPv6 without brackets") << "::1"_ba << false << QByteArray() << 0;
    QTest::addRow("zone identifier") << "[fe80::1%25eth0]"_ba << false << QByteArray() << 0;
    QTest::addRow("port too large") << "chat:65536"_ba << false << QByteArray() << 0;
    QTest::addRow("port not a number") << "chat:80a"_ba << false << QByteArray() << 0;
    QTest::addRow("space") << "ch at"_ba << false << QByteArray() << 0;
    QTest::addRow("slash") << "chat/x"_ba << false << QByteArray() << 0;
    QTest::addRow("bad escape") << "ch%zzat"_ba << false << QByteArray() << 0;
}

void tst_HttpRequestParser::authorities()
{
    QFETCH(QByteArray, authority);
    QFETCH(bool, valid);
    QFETCH(QByteArray, host);
    QFETCH(int, port);
    QByteArray parsedHost;
    int parsedPort = 0;
    QCOMPARE(RequestTarget::splitAuthority(authority, &parsedHost, &parsedPort), valid);
    if (valid) {
        QCOMPARE(parsedHost, host);
        QCOMPARE(parsedPort, port);
    }
}

void tst_HttpRequestParser::chunkedBodies_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qsizetype>("consumed");
    using S = ChunkedDecoder::Status;
    const auto row = [](const char *name, const QByteArray &bytes, S status, const QByteArray &data,
                        qsizetype consumed) {
        QTest::addRow("%s", name) << bytes << int(status) << data << consumed;
    };
    row("one chunk", "5\r\nhello\r\n0\r\n\r\nNEXT", S::Done, "hello", 15);
    row("two chunks", "2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n", S::Done, "hello", 20);
    row("upper-case hex", "A\r\n0123456789\r\n0\r\n\r\n", S::Done, "0123456789", 20);
    row("extensions", "5;name=value;x\r\nhello\r\n0;last\r\n\r\n", S::Done, "hello", 33);
    row("trailers", "0\r\nX-A: 1\r\nX-B:\r\n\r\n", S::Done, "", 19);
    row("empty body", "0\r\n\r\n", S::Done, "", 5);
    row("unfinished", "5\r\nhel", S::NeedMore, "hel", 6);
    row("no size", "\r\nhello", S::Invalid, "", 0);
    row("bad size", "5x\r\nhello\r\n", S::Invalid, "", 1);
    row("negative size", "-5\r\n", S::Invalid, "", 0);
    row("bare LF after the size", "5\nhello", S::Invalid, "", 1);
    row("data longer than its size", "2\r\nhello\r\n", S::Invalid, "he", 5);
    row("no CRLF after the data", "2\r\nhe0\r\n\r\n", S::Invalid, "he", 5);
    row("folded trailer", "0\r\nX: 1\r\n 2\r\n\r\n", S::Invalid, "", 9);
    row("trailer without a colon", "0\r\nX\r\n\r\n", S::Invalid, "", 4);
    row("control character in an extension", "1;\x01\r\nx\r\n", S::Invalid, "", 2);
    row("size over the limit", "100001\r\n", S::TooLarge, "", 5);
}

void tst_HttpRequestParser::chunkedBodies()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, data);
    QFETCH(qsizetype, consumed);
    ChunkedDecoder decoder(1024 * 1024);
    QByteArray decoded;
    qsizetype used = -1;
    QCOMPARE(int(decoder.feed(bytes, &used, &decoded)), status);
    QCOMPARE(decoded, data);
    QCOMPARE(used, consumed);
    QCOMPARE(decoder.bodyBytes(), data.size());
}

void tst_HttpRequestParser::chunkedByteByByte()
{
    const QByteArray body = "5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nT: t\r\n\r\n";
    ChunkedDecoder decoder(1024);
    QByteArray decoded;
    for (qsizetype i = 0; i < body.size(); ++i) {
        qsizetype consumed = 0;
        const ChunkedDecoder::Status status = decoder.feed(body.mid(i, 1), &consumed, &decoded);
        QCOMPARE(consumed, 1);
        QCOMPARE(status, i + 1 == body.size() ? ChunkedDecoder::Status::Done
                                              : ChunkedDecoder::Status::NeedMore);
    }
    QCOMPARE(decoded, "hello world"_ba);
}

void tst_HttpRequestParser::chunkedLimit()
{
    // Exactly the limit is fine; one byte more is refused from the size line alone.
    ChunkedDecoder exact(10);
    qsizetype consumed = 0;
    QCOMPARE(exact.feed("a\r\n0123456789\r\n0\r\n\r\n", &consumed), ChunkedDecoder::Status::Done);
    ChunkedDecoder over(10);
    QCOMPARE(over.feed("6\r\n012345\r\n5\r\n", &consumed), ChunkedDecoder::Status::TooLarge);
    ChunkedDecoder huge(10);
    QCOMPARE(huge.feed("ffffffffffffffffffff\r\n", &consumed), ChunkedDecoder::Status::TooLarge);
    ChunkedDecoder zeros(10);
    QCOMPARE(zeros.feed(QByteArray(QByteArray(2000, '0') + "\r\n"), &consumed),
             ChunkedDecoder::Status::Invalid); // the size line is bounded too
    // After a refusal, nothing more is consumed.
    QCOMPARE(huge.feed("0\r\n\r\n", &consumed), ChunkedDecoder::Status::TooLarge);
    QCOMPARE(consumed, 0);
}

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
