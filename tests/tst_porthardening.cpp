// Nobody on the LAN can exhaust or confuse the port (issue 16): memory stays flat under pipelined
// requests and large bodies, descriptors cannot run out and accepting never spins, wrong HTTP
// tokens count like wrong WebSocket tokens, WebSocket handshakes are checked, only names of this
// server are answered (DNS rebinding), and peer text reaches the log escaped. The resource cases
// run the lanchat executable as a child process (its memory, CPU time and descriptor limit are
// its own); the others a TestServer in this process. Raw bytes on real sockets throughout.
#include "rawhttp.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <sys/resource.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;
// What the issue allows the server to grow by under each attack.
#ifdef __SANITIZE_ADDRESS__
// Under AddressSanitizer the resident size also holds its quarantine of freed blocks (kept back to
// catch uses after free) and redzones, so it overstates what the server keeps. The 16 MiB bound is
// checked in every other build; here the growth must still stay far below what buffering the
// attacks would cost (hundreds of MiB).
constexpr qint64 MaxGrowth = 64 * MiB;
#else
constexpr qint64 MaxGrowth = 16 * MiB;
#endif

QByteArray request(const QByteArray &method, const QByteArray &target,
                   const QByteArray &fields = {}, const QByteArray &host = "127.0.0.1")
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + fields + "\r\n";
}

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / double(MiB), 'f', 1) + u" MiB"_s;
}

// One GET of the script, read completely: the server's first-use allocations happen before the
// baseline is taken.
bool warmUp(quint16 port, const QSslCertificate &trusted = QSslCertificate())
{
    RawHttpClient client;
    if (!client.connectTo(port, trusted))
        return false;
    for (int i = 0; i < 20; ++i)
        client.write(request("GET", "/app.js"));
    RawHttpClient::Response response;
    for (int i = 0; i < 20; ++i) {
        if (!client.read(&response) || response.status != 200)
            return false;
    }
    return true;
}

// Starts the server (with --tls: and reads the certificate to trust) and warms it up.
bool startWarm(HeadlessServer &server, bool tls, QSslCertificate *trusted)
{
    if (!server.start())
        return false;
    *trusted = tls ? server.certificate() : QSslCertificate();
    return (!tls || !trusted->isNull()) && warmUp(server.port(), *trusted);
}

// Writes 40 MiB of a body, `piece` (carrying `payload` bytes of it) at a time, while this side's
// queue is short, until the server closes, its memory grows past the allowance or all was taken;
// false on timeout. `peak` is the server's largest resident size seen.
bool sendBody(RawHttpClient &client, const QByteArray &piece, qint64 payload,
              const HeadlessServer &server, qint64 baseline, qint64 *sent, qint64 *peak)
{
    const bool done = QTest::qWaitFor(
        [&] {
            if (*sent < 40 * MiB && client.unsentBytes() < MiB) {
                client.socket().write(piece);
                *sent += payload;
            }
            *peak = std::max(*peak, server.residentBytes());
            return client.isClosed() || *peak - baseline > MaxGrowth
                   || (*sent >= 40 * MiB && client.unsentBytes() == 0);
        },
        60000);
    *peak = std::max(*peak, server.residentBytes());
    return done;
}

bool healthAnswers(quint16 port, const QHostAddress &from = QHostAddress(),
                   const QSslCertificate &trusted = QSslCertificate())
{
    RawHttpClient client;
    RawHttpClient::Response response;
    return client.connectTo(port, trusted, from)
           && (client.write(request("GET", "/api/health")), true) && client.read(&response)
           && response.status == 200;
}

// The close code of a server's close frame found in raw bytes (server frames are unmasked).
int closeCodeIn(const QByteArray &bytes)
{
    const qsizetype at = bytes.indexOf("\x88");
    if (at < 0 || at + 4 > bytes.size())
        return -1;
    return (uchar(bytes.at(at + 2)) << 8) | uchar(bytes.at(at + 3));
}

} // namespace

class tst_PortHardening final : public QObject
{
    Q_OBJECT

    // The resource cases run over plain TCP and over TLS, where the server counts its unsent
    // output (encrypted too) and reads its requests through QSslSocket.
    static void plainAndTls()
    {
        QTest::addColumn<bool>("tls");
        QTest::addRow("plain") << false;
        QTest::addRow("tls") << true;
    }

private slots:
    void initTestCase();
    void optionsAreListed();
    // Items 1 and 2: resident memory of the server process.
    void pipelinedAnswersKeepMemoryFlat_data() { plainAndTls(); }
    void pipelinedAnswersKeepMemoryFlat();
    void chunkedBodyKeepsMemoryFlat_data() { plainAndTls(); }
    void chunkedBodyKeepsMemoryFlat();
    void largeSecondBodyKeepsMemoryFlat_data() { plainAndTls(); }
    void largeSecondBodyKeepsMemoryFlat();
    // Item 3: descriptors.
    void descriptorLimitIsRaised();
    void descriptorLimitTooLowIsNamed();
    void idleConnectionsCannotLockOthersOut();
    void acceptPausesWhenDescriptorsRunOut();
    // Item 5.
    void wrongHttpTokensBlockTheAddress();
    void httpAndWebSocketFailuresShareTheWindow();
    // Item 10.
    void webSocketHandshakeIsChecked_data();
    void webSocketHandshakeIsChecked();
    // Item 11.
    void hostMustNameThisServer_data();
    void hostMustNameThisServer();
    void reboundPageCannotOpenAWebSocket();
    // Item 12.
    void peerTextIsEscapedInTheLog();
};

void tst_PortHardening::initTestCase()
{
    LanChat::registerMetaTypes();
    // Hundreds of idle connections from this side, and every server in this process.
    rlimit limit {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = limit.rlim_max;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
    QVERIFY2(limit.rlim_cur >= 2048, qPrintable(QString::number(limit.rlim_cur)));
}

void tst_PortHardening::optionsAreListed()
{
    QProcess help;
    help.start(lanchatBinary(), {u"--headless"_s, u"--help"_s});
    QVERIFY(help.waitForFinished(10000));
    const QString text = QString::fromUtf8(help.readAllStandardOutput());
    QVERIFY2(text.contains(u"--allow-host <name>"_s), qPrintable(text));
    QVERIFY2(text.contains(u"--max-sockets <n>"_s), qPrintable(text));
}

// 50,000 pipelined GET /app.js (2 MB of requests) on one connection that never reads: the answers
// would be 1.2 GB. The server stops reading while its unsent output is above a small cap.
void tst_PortHardening::pipelinedAnswersKeepMemoryFlat()
{
    QFETCH(bool, tls);
    HeadlessServer server(tls ? QStringList {u"--tls"_s} : QStringList());
    QSslCertificate trusted;
    QVERIFY(startWarm(server, tls, &trusted));
    const qint64 baseline = server.residentBytes();

    RawHttpClient client;
    QVERIFY(client.connectTo(server.port(), trusted));
    client.socket().setReadBufferSize(64 * 1024);
    // A small, fixed kernel send buffer on this side: what the server does not take stays in
    // this socket's own queue, where it can be seen (autotuning would let the kernel hold MBs).
    client.socket().setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 16 * 1024);
    // Written as a script would: a batch whenever this side's queue is nearly empty, so that
    // every batch reaches the server as it is sent.
    constexpr int Requests = 50'000;
    const QByteArray batch = request("GET", "/app.js").repeated(250);
    int written = 0;
    qint64 peak = baseline;
    QElapsedTimer sinceWritten;
    QElapsedTimer clock;
    clock.start();
    (void)QTest::qWaitFor(
        [&] {
            if (written < Requests && client.unsentBytes() < 16 * 1024) {
                client.socket().write(batch);
                written += 250;
                sinceWritten.start();
            }
            peak = std::max(peak, server.residentBytes());
            // Until it grew beyond the allowance, or nothing more was taken for two seconds.
            return peak - baseline > MaxGrowth || sinceWritten.elapsed() > 2000;
        },
        30000);
    peak = std::max(peak, server.residentBytes());
    const qint64 unsent = (qint64(Requests - written) * batch.size() / 250 + client.unsentBytes())
                          / (batch.size() / 250);
    qInfo().noquote() << "pipelining: server RSS" << mib(baseline) << "->" << mib(peak) << "(+"
                      << mib(peak - baseline) << ") in" << clock.elapsed() << "ms;" << unsent
                      << "of 50,000 requests not taken by the server";
    QVERIFY2(peak - baseline < MaxGrowth, qPrintable(u"grew by "_s + mib(peak - baseline)));
    QVERIFY2(unsent > Requests / 2, "the server read the requests while their answers piled up");
    QVERIFY(
        healthAnswers(server.port(), QHostAddress(), trusted)); // everyone else is served meanwhile
}

// A 40 MiB chunked body: refused with 413 once it passes the body limit, never buffered.
void tst_PortHardening::chunkedBodyKeepsMemoryFlat()
{
    QFETCH(bool, tls);
    HeadlessServer server(tls ? QStringList {u"--tls"_s} : QStringList());
    QSslCertificate trusted;
    QVERIFY(startWarm(server, tls, &trusted));
    const qint64 baseline = server.residentBytes();

    RawHttpClient client;
    QVERIFY(client.connectTo(server.port(), trusted));
    client.write(request("POST", "/api/history", "Transfer-Encoding: chunked\r\n"));
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n";
    qint64 sent = 0;
    qint64 peak = baseline;
    QVERIFY(sendBody(client, chunk, 0x10000, server, baseline, &sent, &peak));
    qInfo().noquote() << "40 MiB chunked body: server RSS" << mib(baseline) << "->" << mib(peak)
                      << "(+" << mib(peak - baseline) << "), sent" << mib(sent);
    QVERIFY2(peak - baseline < MaxGrowth, qPrintable(u"grew by "_s + mib(peak - baseline)));
    QVERIFY2(client.pending().startsWith("HTTP/1.1 413 "), client.pending().left(100).constData());
    QVERIFY(healthAnswers(server.port(), QHostAddress(), trusted));
}

// The same with Content-Length on the second request of a keep-alive connection.
void tst_PortHardening::largeSecondBodyKeepsMemoryFlat()
{
    QFETCH(bool, tls);
    HeadlessServer server(tls ? QStringList {u"--tls"_s} : QStringList());
    QSslCertificate trusted;
    QVERIFY(startWarm(server, tls, &trusted));
    const qint64 baseline = server.residentBytes();

    RawHttpClient client;
    QVERIFY(client.connectTo(server.port(), trusted));
    client.write(request("GET", "/api/health"));
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
    client.write(request("POST", "/api/history", "Content-Length: 41943040\r\n"));
    const QByteArray block(0x10000, 'x');
    qint64 sent = 0;
    qint64 peak = baseline;
    QVERIFY(sendBody(client, block, block.size(), server, baseline, &sent, &peak));
    qInfo().noquote() << "40 MiB body on a second request: server RSS" << mib(baseline) << "->"
                      << mib(peak) << "(+" << mib(peak - baseline) << "), sent" << mib(sent);
    QVERIFY2(peak - baseline < MaxGrowth, qPrintable(u"grew by "_s + mib(peak - baseline)));
    QVERIFY2(client.pending().startsWith("HTTP/1.1 413 "), client.pending().left(100).constData());
}

void tst_PortHardening::descriptorLimitIsRaised()
{
    HeadlessServer server({}, 256, 4096);
    QVERIFY(server.start());
    const QString line = server.limitsLine(u"Max open files"_s);
    QVERIFY2(line.startsWith(u"Max open files 4096 4096"_s), qPrintable(line));
    QVERIFY2(server.log().contains("4096"), server.log().constData());
}

// More WebSocket connections allowed than the descriptor limit leaves room for: the log says
// which limit to set. 1,000 connections need 1,128 descriptors (128 kept for everything else).
void tst_PortHardening::descriptorLimitTooLowIsNamed()
{
    HeadlessServer server({u"--max-connections"_s, u"1000"_s}, 256, 1024);
    QVERIFY(server.start());
    const QByteArray log = server.log();
    QVERIFY2(log.contains("--max-connections 1000 needs a descriptor limit of at least 1128, but "
                          "it is 1024 (hard limit 1024), which leaves room for 896 connections"),
             log.constData());
    QVERIFY2(log.contains("ulimit -n 1128"), log.constData());

    HeadlessServer enough({u"--max-connections"_s, u"1000"_s}, 256, 1128);
    QVERIFY(enough.start());
    QVERIFY2(!enough.log().contains("needs a descriptor limit"), enough.log().constData());
}

// Under a 256-descriptor limit the server cannot raise, one address opens 600 idle connections:
// it gets its share and no more, the server does not spin, and others are still served.
void tst_PortHardening::idleConnectionsCannotLockOthersOut()
{
    HeadlessServer server({}, 256);
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 600; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, server.port());
    }
    // Those beyond the address's share are closed at once.
    int open = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            open = int(std::count_if(idle.cbegin(), idle.cend(), [](const auto &socket) {
                return socket->state() == QAbstractSocket::ConnectedState;
            }));
            const int unsettled
                = int(std::count_if(idle.cbegin(), idle.cend(), [](const auto &socket) {
                      return socket->state() == QAbstractSocket::ConnectingState;
                  }));
            return unsettled == 0 && open <= 64;
        },
        8000));
    const qint64 cpuBefore = server.cpuMilliseconds();
    QElapsedTimer clock;
    clock.start();
    // Another address of the loopback network is served: a page and a chat client.
    const QHostAddress other(u"127.0.0.2"_s);
    QVERIFY(healthAnswers(server.port(), other));
    RawHttpClient chat;
    QVERIFY(chat.connectTo(server.port(), QSslCertificate(), other));
    chat.write(webSocketRequest("/ws?token=test-token&username=other"));
    QVERIFY(QTest::qWaitFor([&] { return chat.pending().contains("\"welcome\""); }, 5000));
    QTest::qWait(1500);
    const qint64 cpu = server.cpuMilliseconds() - cpuBefore;
    qInfo().noquote() << open << "of 600 idle connections from one address held; server CPU" << cpu
                      << "ms in" << clock.elapsed() << "ms";
    QVERIFY2(cpu < clock.elapsed() / 4, qPrintable(u"%1 ms of CPU"_s.arg(cpu)));
    QVERIFY(server.openDescriptors() < 256);
}

// An explicit --max-sockets above what the descriptor limit allows: when accept() fails with
// EMFILE the server pauses accepting for a moment instead of retrying in a loop, says so once,
// and accepts again when descriptors are free.
void tst_PortHardening::acceptPausesWhenDescriptorsRunOut()
{
#ifdef __SANITIZE_ADDRESS__
    // The sanitizers' runtime needs descriptors of its own at any moment (UBSan's vptr check
    // tests memory through a pipe), so a process without free descriptors cannot run under them:
    // it reports a false "invalid vptr" and aborts. This case runs in every other build.
    QSKIP("descriptor exhaustion cannot run under AddressSanitizer/UBSan");
#endif
    HeadlessServer server(
        {u"--max-sockets"_s, u"1000"_s, u"--max-connections-per-address"_s, u"10000"_s}, 128);
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 300; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, server.port());
    }
    QVERIFY(QTest::qWaitFor([&] { return server.log().contains("descriptors"); }, 5000));
    const qint64 cpuBefore = server.cpuMilliseconds();
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(2000);
    const qint64 cpu = server.cpuMilliseconds() - cpuBefore;
    qInfo().noquote() << "out of descriptors: server CPU" << cpu << "ms in" << clock.elapsed()
                      << "ms";
    QVERIFY2(cpu < 400, qPrintable(u"%1 ms of CPU while out of descriptors"_s.arg(cpu)));

    idle.clear(); // every descriptor comes back
    QVERIFY(QTest::qWaitFor([&] { return healthAnswers(server.port()); }, 15000));
    const QByteArray log = server.log();
    QCOMPARE(log.count("out of descriptors"), 1);
}

void tst_PortHardening::wrongHttpTokensBlockTheAddress()
{
    TestServer server(QString::fromLatin1(RawToken));
    server.config().authFailureLimit = 3;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);

    // Requests without a token are not guesses: they do not count.
    RawHttpClient client;
    QVERIFY(client.connectTo(server.port()));
    for (int i = 0; i < 5; ++i)
        client.write(request("GET", "/api/users"));
    RawHttpClient::Response response;
    for (int i = 0; i < 5; ++i) {
        QVERIFY(client.read(&response));
        QCOMPARE(response.status, 401);
    }
    // 300 wrong tokens, pipelined: three are answered 401, the rest refused for the address.
    for (int i = 0; i < 300; ++i)
        client.write(request("GET", "/api/history",
                             "Authorization: Bearer guess-" + QByteArray::number(i) + "\r\n"));
    int unauthorized = 0;
    int blocked = 0;
    for (int i = 0; i < 300; ++i) {
        QVERIFY2(client.read(&response), qPrintable(QString::number(i)));
        if (response.status == 401)
            ++unauthorized;
        if (response.status == 429) {
            ++blocked;
            QVERIFY(response.body.contains("\"address_blocked\""));
            QVERIFY(response.header("Retry-After").toInt() > 200);
        }
    }
    QCOMPARE(unauthorized, 3);
    QCOMPARE(blocked, 297);
    // Now the right token is refused from this address, on /api and on the WebSocket.
    client.write(request("GET", "/api/users", "Authorization: Bearer test-token\r\n"));
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 429);
    TestClient chat;
    chat.open(server.wsUrl(u"chat"_s));
    QVERIFY(chat.waitForDisconnect());
    QCOMPARE(chat.closeCode(), 4006);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QList<ModerationRecord> records = moderationOf(activity);
            return std::count_if(records.cbegin(), records.cend(),
                                 [](const ModerationRecord &r) {
                                     return r.action == ModerationRecord::Action::Block
                                            && r.target == "127.0.0.1"_L1;
                                 })
                   == 1;
        }(),
        5000);
    // The page itself is still served (only /api and the WebSocket are refused).
    client.write(request("GET", "/"));
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
}

void tst_PortHardening::httpAndWebSocketFailuresShareTheWindow()
{
    TestServer server(QString::fromLatin1(RawToken));
    server.config().authFailureLimit = 3;
    QVERIFY(server.start());
    for (int i = 0; i < 2; ++i) {
        TestClient guess;
        guess.open(server.wsUrl(u"guesser"_s, u"guess-%1"_s.arg(i)));
        QVERIFY(guess.waitForDisconnect());
        QCOMPARE(guess.closeCode(), 1008);
    }
    const HttpResult wrong = httpGet(server.httpUrl(u"/api/users"_s, u"token=nope"_s));
    QCOMPARE(wrong.status, 401);
    const HttpResult right = httpGet(server.httpUrl(u"/api/users"_s), RawToken);
    QCOMPARE(right.status, 429);
    QCOMPARE(right.json.value("error"_L1).toObject().value("code"_L1).toString(),
             u"address_blocked"_s);
}

void tst_PortHardening::webSocketHandshakeIsChecked_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    const QByteArray version = "Sec-WebSocket-Version: 13\r\n";
    const QByteArray upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    const QByteArray target = "/ws?token=test-token&username=mallory";
    QTest::addRow("no key") << request("GET", target, upgrade + version) << 400;
    QTest::addRow("no version") << request("GET", target, upgrade + key) << 400;
    QTest::addRow("key of 15 bytes")
        << request("GET", target, upgrade + version + "Sec-WebSocket-Key: YWJjZGVmZ2hpamtsbW5v\r\n")
        << 400;
    QTest::addRow("key not base64") << request(
        "GET", target, upgrade + version + "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n")
                                    << 400;
    QTest::addRow("two keys") << request("GET", target, upgrade + version + key + key) << 400;
    QTest::addRow("version 8") << request("GET", target,
                                          upgrade + key + "Sec-WebSocket-Version: 8\r\n")
                               << 426;
    QTest::addRow("POST") << request("POST", target, upgrade + key + version) << 400;
    QTest::addRow("HTTP/1.0") << "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n" + upgrade
                                     + key + version + "\r\n"
                              << 400;
    QTest::addRow("no Connection: Upgrade")
        << request("GET", target, "Upgrade: websocket\r\n" + key + version) << 400;
    QTest::addRow("a body") << request("GET", target,
                                       upgrade + key + version + "Content-Length: 2\r\n")
                                   + "xx"
                            << 400;
    QTest::addRow("oversized head") << request(
        "GET", target, upgrade + key + version + "X: " + QByteArray(70'000, 'a') + "\r\n")
                                    << 431;
    for (const char *path : {"/", "/nope", "/api/history", "/ws/echo/", "/ws/", "/wsx"}) {
        QTest::addRow("path %s", path) << request(
            "GET", QByteArray(path) + "?token=test-token&username=mallory", upgrade + key + version)
                                       << 404;
    }
}

void tst_PortHardening::webSocketHandshakeIsChecked()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    TestServer server(QString::fromLatin1(RawToken));
    QVERIFY(server.start());
    RawHttpClient client;
    QVERIFY(client.connectTo(server.port()));
    client.write(bytes);
    RawHttpClient::Response response;
    QVERIFY2(client.read(&response), client.pending().left(200).constData());
    QVERIFY2(response.status == status, response.statusLine.constData());
    if (status == 426)
        QCOMPARE(response.header("Sec-WebSocket-Version"), "13"_ba);
    QVERIFY(client.waitForClose());
    QCOMPARE(httpGet(server.httpUrl(u"/api/health"_s)).json.value("clients"_L1).toInt(-1), 0);
}

void tst_PortHardening::hostMustNameThisServer_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("status");
    const QByteArray name = QHostInfo::localHostName().toLatin1();
    QTest::addRow("address") << "127.0.0.1"_ba << 200;
    QTest::addRow("address and port") << "127.0.0.1:%PORT%"_ba << 200;
    QTest::addRow("IPv6 loopback") << "[::1]:%PORT%"_ba << 200;
    QTest::addRow("localhost") << "localhost:%PORT%"_ba << 200;
    QTest::addRow("LOCALHOST") << "LOCALHOST"_ba << 200;
    QTest::addRow("a .localhost name") << "chat.localhost"_ba << 200;
    QTest::addRow("host name") << name + ":%PORT%" << 200;
    QTest::addRow("host name with a final dot") << name + '.' << 200;
    QTest::addRow(".local name") << name + ".local:%PORT%" << 200;
    QTest::addRow("a name the operator added") << "chat.example.org"_ba << 200;
    QTest::addRow("rebound name") << "rebind.example:%PORT%"_ba << 421;
    QTest::addRow("another address") << "192.0.2.1"_ba << 421;
    QTest::addRow("name ending like ours") << "evil" + name << 421;
    QTest::addRow("empty") << ""_ba << 421;
}

void tst_PortHardening::hostMustNameThisServer()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    TestServer server(QString::fromLatin1(RawToken));
    server.config().allowedHosts = {u"chat.example.org"_s};
    QVERIFY(server.start());
    host.replace("%PORT%", QByteArray::number(server.port()));
    for (const QByteArray &target :
         {"/api/health"_ba, "/"_ba, "/api/history?token=test-token"_ba}) {
        RawHttpClient client;
        QVERIFY(client.connectTo(server.port()));
        client.write(request("GET", target, {}, host));
        RawHttpClient::Response response;
        QVERIFY(client.read(&response));
        QVERIFY2(response.status == status, response.statusLine.constData());
    }
    // HTTP/1.0 may leave Host out; it is then taken as addressed to this server.
    RawHttpClient client;
    QVERIFY(client.connectTo(server.port()));
    client.write("GET /api/health HTTP/1.0\r\n\r\n");
    RawHttpClient::Response response;
    QVERIFY(client.read(&response));
    QCOMPARE(response.status, 200);
}

// DNS rebinding: a page on rebind.example, whose name now points at this server, opens a
// WebSocket with its own (consistent) Host and Origin. The handshake completes, then the
// connection is closed with 1008 before any chat data; the same page with this server's name
// joins.
void tst_PortHardening::reboundPageCannotOpenAWebSocket()
{
    TestServer server(QString::fromLatin1(RawToken));
    QVERIFY(server.start());
    const QByteArray port = QByteArray::number(server.port());
    const QByteArray target = "/ws?token=test-token&username=rebound";
    RawHttpClient rebound;
    QVERIFY(rebound.connectTo(server.port()));
    rebound.write(webSocketRequest(target, "Origin: http://rebind.example:" + port + "\r\n")
                      .replace("Host: 127.0.0.1", QByteArray("Host: rebind.example:" + port)));
    QVERIFY(rebound.waitForClose());
    const QByteArray answer = rebound.pending();
    QVERIFY2(answer.startsWith("HTTP/1.1 101 "), answer.constData());
    QVERIFY2(answer.contains("\"host_not_allowed\""), answer.constData());
    QVERIFY(!answer.contains("\"welcome\""));
    QCOMPARE(closeCodeIn(answer.mid(answer.indexOf("\r\n\r\n"))), 1008);

    RawHttpClient own;
    QVERIFY(own.connectTo(server.port()));
    own.write(webSocketRequest(target, "Origin: http://127.0.0.1:" + port + "\r\n")
                  .replace("Host: 127.0.0.1", QByteArray("Host: 127.0.0.1:" + port)));
    QVERIFY(QTest::qWaitFor([&] { return own.pending().contains("\"welcome\""); }, 5000));
}

// What a peer sends reaches the log escaped: a bidi override and a C1 control in a refused
// Origin (both are valid field bytes in UTF-8), and a raw CR or ESC is refused before anything
// could log it.
void tst_PortHardening::peerTextIsEscapedInTheLog()
{
    HeadlessServer server;
    QVERIFY(server.start());
    const QByteArray forged = "http://evil.example\xe2\x80\xae"
                              "gnp.exe\xc2\x9b"
                              "31m";
    RawHttpClient client;
    QVERIFY(client.connectTo(server.port()));
    client.write(webSocketRequest("/ws?token=test-token&username=x", "Origin: " + forged + "\r\n"));
    QVERIFY(client.waitForClose());
    QVERIFY(QTest::qWaitFor([&] { return server.log().contains("foreign origin"); }, 5000));

    for (const QByteArray &raw : {"http://a\rlanchat.server: stopped"_ba, "http://a\x1b[2J"_ba}) {
        RawHttpClient refused;
        QVERIFY(refused.connectTo(server.port()));
        refused.write(
            webSocketRequest("/ws?token=test-token&username=y", "Origin: " + raw + "\r\n"));
        RawHttpClient::Response response;
        QVERIFY(refused.read(&response));
        QCOMPARE(response.status, 400);
    }
    QVERIFY(server.terminate());
    const QByteArray log = server.log();
    QVERIFY2(log.contains("evil.example\\u202egnp.exe\\u009b31m"), log.constData());
    QVERIFY(!log.contains("\xe2\x80\xae"));
    QVERIFY(!log.contains("\xc2\x9b"));
    QVERIFY(!log.contains('\x1b'));
    QVERIFY(!log.contains('\r'));
}

QTEST_GUILESS_MAIN(tst_PortHardening)
#include "tst_porthardening.moc"
