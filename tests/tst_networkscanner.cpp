// The network scan (docs/PROTOCOL.md, "DNS-SD", "The network scan") against real servers on
// 127.0.0.1 only: LanChat with and without TLS, look-alikes that are not LanChat, and silent
// listeners that show the 64-probe cap and the 300 ms limit.
#include "networkscanner.h"
#include "protocolconstants.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 15000;

// Answers every request with a fixed HTTP response, then closes.
class FixedHttpServer final : public QTcpServer
{
public:
    explicit FixedHttpServer(const QByteArray &body)
    {
        connect(this, &QTcpServer::newConnection, this, [this, body] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket, body] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: "
                                  + QByteArray::number(body.size())
                                  + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        listen(QHostAddress::LocalHost, 0);
    }
};

QList<DiscoveredHost> scan(NetworkScanner &scanner, const QList<quint16> &ports)
{
    QList<DiscoveredHost> found;
    QObject::connect(&scanner, &NetworkScanner::hostFound, &scanner,
                     [&](const DiscoveredHost &host) { found << host; });
    QSignalSpy finished(&scanner, &NetworkScanner::finished);
    scanner.start({QHostAddress(QHostAddress::LocalHost)}, ports);
    if (!finished.wait(WaitMs))
        qWarning("the scan did not finish");
    scanner.disconnect(&scanner);
    return found;
}
} // namespace

class tst_NetworkScanner final : public QObject
{
    Q_OBJECT

private slots:
    void parseHealth_data();
    void parseHealth();
    void portsToProbe();
    void findsPlainLanChat();
    void findsTlsLanChatWithItsFingerprint();
    void ignoresLookAlikes();
    void sixtyFourAtATimeThreeHundredMsEach();
    void cancelStopsEverything();
};

void tst_NetworkScanner::parseHealth_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("lanchat");
    QTest::addRow("LanChat")
        << R"({"status":"ok","name":"Team","tls":false,"version":"0.1.0","protocol":1,"uptimeSeconds":3,"clients":0})"_ba
        << true;
    QTest::addRow("LanChat before discovery (no tls)")
        << R"({"status":"ok","name":"LanChat","version":"0.1.0","protocol":1})"_ba << false;
    QTest::addRow("another service's health") << R"({"status":"ok"})"_ba << false;
    QTest::addRow("protocol not an integer")
        << R"({"status":"ok","name":"x","tls":false,"protocol":1.5})"_ba << false;
    QTest::addRow("protocol a string")
        << R"({"status":"ok","name":"x","tls":false,"protocol":"1"})"_ba << false;
    QTest::addRow("status not ok")
        << R"({"status":"down","name":"x","tls":false,"protocol":1})"_ba << false;
    QTest::addRow("array") << "[1,2]"_ba << false;
    QTest::addRow("not JSON") << "<html>hello</html>"_ba << false;
}

void tst_NetworkScanner::parseHealth()
{
    QFETCH(QByteArray, body);
    DiscoveredHost host;
    QTEST(NetworkScanner::parseHealth(body, &host), "lanchat");
}

void tst_NetworkScanner::portsToProbe()
{
    QCOMPARE(NetworkScanner::portsToProbe({}), QList<quint16> {8787});
    QCOMPARE(NetworkScanner::portsToProbe({9000, 8787, 0, 9000, 7000}),
             (QList<quint16> {8787, 9000, 7000}));
}

void tst_NetworkScanner::findsPlainLanChat()
{
    TestServer server;
    server.config().serverName = u"Kitchen \u202Elaptop"_s; // a bidi override must not survive
    QVERIFY(server.start());
    NetworkScanner scanner;
    const QList<DiscoveredHost> found = scan(scanner, {server.port()});
    QCOMPARE(found.size(), 1);
    const DiscoveredHost &host = found.first();
    QCOMPARE(host.source, DiscoveredHost::Source::Scan);
    QCOMPARE(host.name, u"Kitchen laptop"_s);
    QCOMPARE(host.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(host.port, server.port());
    QCOMPARE(host.tls, false);
    QCOMPARE(host.fingerprint, QString());
    QCOMPARE(host.version, Protocol::Version);
    QCOMPARE(scanner.probesDone(), 1);
    QVERIFY(!scanner.isRunning());
}

void tst_NetworkScanner::findsTlsLanChatWithItsFingerprint()
{
    TestServer server;
    server.config().tls = true; // a certificate generated in the data directory
    server.config().serverName = u"Front desk"_s;
    QVERIFY(server.start());
    QVERIFY(!server.status().certificateFingerprint.isEmpty());
    NetworkScanner scanner;
    const QList<DiscoveredHost> found = scan(scanner, {server.port()});
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().name, u"Front desk"_s);
    QCOMPARE(found.first().tls, true);
    QCOMPARE(found.first().fingerprint, server.status().certificateFingerprint);
}

void tst_NetworkScanner::ignoresLookAlikes()
{
    FixedHttpServer other(R"({"status":"ok"})"_ba);
    FixedHttpServer oldLanChat(
        R"({"status":"ok","name":"LanChat","version":"0.1.0","protocol":1})"_ba);
    FixedHttpServer huge(QByteArray(NetworkScanner::MaxAnswerBytes * 2, ' ') + "{}");
    TestServer lanchat;
    QVERIFY(lanchat.start());
    NetworkScanner scanner;
    const QList<DiscoveredHost> found = scan(
        scanner, {other.serverPort(), oldLanChat.serverPort(), huge.serverPort(), lanchat.port()});
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().port, lanchat.port());
    QCOMPARE(scanner.probesDone(), 4);
}

void tst_NetworkScanner::sixtyFourAtATimeThreeHundredMsEach()
{
    // 100 listeners that accept and never answer: each probe can only end by its time limit.
    constexpr int Listeners = 100;
    std::vector<std::unique_ptr<QTcpServer>> listeners;
    QList<quint16> ports;
    QElapsedTimer clock;
    QList<qint64> acceptedAtMs;
    QList<QTcpSocket *> held;
    for (int i = 0; i < Listeners; ++i) {
        auto listener = std::make_unique<QTcpServer>();
        QVERIFY(listener->listen(QHostAddress::LocalHost, 0));
        QTcpServer *raw = listener.get();
        connect(raw, &QTcpServer::newConnection, raw, [&, raw] {
            while (QTcpSocket *socket = raw->nextPendingConnection()) {
                acceptedAtMs << clock.elapsed();
                held << socket;
            }
        });
        ports << listener->serverPort();
        listeners.push_back(std::move(listener));
    }
    NetworkScanner scanner;
    QSignalSpy finished(&scanner, &NetworkScanner::finished);
    QSignalSpy progress(&scanner, &NetworkScanner::progress);
    clock.start();
    scanner.start({QHostAddress(QHostAddress::LocalHost)}, ports);
    QVERIFY(finished.wait(WaitMs));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(scanner.probesDone(), Listeners);
    QCOMPARE(progress.last().at(0).toInt(), Listeners);
    QTRY_COMPARE(acceptedAtMs.size(), Listeners);
    std::sort(acceptedAtMs.begin(), acceptedAtMs.end());
    // The 65th probe can start only when one of the first 64 has used up its 300 ms.
    QVERIFY2(acceptedAtMs.at(NetworkScanner::MaxParallelProbes) >= NetworkScanner::ProbeTimeoutMs,
             qPrintable(QString::number(acceptedAtMs.at(NetworkScanner::MaxParallelProbes))));
    // Two waves of 300 ms; generous above for a loaded machine, far below one at a time (30 s).
    QVERIFY2(elapsed >= 2 * NetworkScanner::ProbeTimeoutMs, qPrintable(QString::number(elapsed)));
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
    qDeleteAll(held);
}

void tst_NetworkScanner::cancelStopsEverything()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    NetworkScanner scanner;
    QSignalSpy found(&scanner, &NetworkScanner::hostFound);
    QSignalSpy finished(&scanner, &NetworkScanner::finished);
    scanner.start({QHostAddress(QHostAddress::LocalHost)}, {silent.serverPort()});
    QVERIFY(scanner.isRunning());
    scanner.cancel();
    QVERIFY(!scanner.isRunning());
    QTest::qWait(NetworkScanner::ProbeTimeoutMs * 2); // nothing may arrive from the old scan
    QCOMPARE(finished.size(), 0);
    QCOMPARE(found.size(), 0);
}

QTEST_MAIN(tst_NetworkScanner)
#include "tst_networkscanner.moc"
