// Tests of optional TLS (docs/PROTOCOL.md, "TLS"): the server's certificate (generated and kept,
// or provided), wss:// and https:// on one port, what plaintext gets, the handshake deadline, and
// the client's pinning through ChatClient and the windows. Everything runs against real servers
// on 127.0.0.1 and lives in the test's main thread.
#include "certificatepins.h"
#include "chatclient.h"
#include "chatwindow.h"
#include "hostedchat.h"
#include "hostwindow.h"
#include "invitelink.h"
#include "joindialog.h"
#include "settingsdialog.h"
#include "testsupport.h"
#include "tlsidentity.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;
const QString OtherFingerprint = u"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                                 "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"_s;

// Starts the server and returns why it failed; empty when it started.
QString startError(TestServer &server)
{
    QSignalSpy failed(&server.controller(), &ServerController::startFailed);
    if (server.start())
        return {};
    return failed.isEmpty() ? u"no startFailed"_s : failed.first().first().toString();
}

QSslCertificate serverCertificate(const TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDir() + u"/tls/certificate.pem"_s).value(0);
}

// A TLS client that trusts exactly the server's certificate (as a CA), so verification passes
// without ignoring anything.
QSslConfiguration trusting(const QSslCertificate &certificate)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({certificate});
    return configuration;
}

// Completes a WebSocket handshake over TLS for `target` (path and query) with small receive
// buffers, for a client that then never reads again.
bool upgradeStalled(QSslSocket &socket, quint16 port, const QSslCertificate &certificate,
                    const QByteArray &target)
{
    socket.setSslConfiguration(trusting(certificate));
    socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    if (!socket.waitForEncrypted(WaitMs))
        return false;
    socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    socket.setReadBufferSize(4096);
    socket.write(
        "GET " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    return QTest::qWaitFor([&] { return socket.peek(64).startsWith("HTTP/1.1 101"); }, WaitMs);
}

// One raw request on a fresh connection (TLS when trusting a certificate); the whole answer.
QByteArray rawRequest(quint16 port, const QByteArray &request,
                      const QSslCertificate &trusted = QSslCertificate())
{
    QSslSocket socket;
    QSignalSpy disconnected(&socket, &QAbstractSocket::disconnected);
    if (trusted.isNull()) {
        socket.connectToHost(u"127.0.0.1"_s, port);
        if (!socket.waitForConnected(WaitMs))
            return "not connected";
    } else {
        socket.setSslConfiguration(trusting(trusted));
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        if (!socket.waitForEncrypted(WaitMs))
            return "not encrypted: " + socket.errorString().toUtf8();
    }
    socket.write(request);
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return !disconnected.isEmpty() || answer.contains("\r\n\r\n{");
        },
        WaitMs);
    return answer + socket.readAll();
}

QByteArray historyRequest(const TestServer &server)
{
    return "GET /api/history HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())
           + "\r\nAuthorization: Bearer " + server.token().toUtf8()
           + "\r\nConnection: close\r\n\r\n";
}

ServerEndpoint tlsEndpoint(const TestServer &server, const QString &username,
                           const QString &fingerprint)
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = username;
    endpoint.tls = true;
    endpoint.fingerprint = fingerprint;
    return endpoint;
}

// True when `openssl s_client` completes a handshake with the given protocol option.
bool opensslHandshake(quint16 port, const QString &protocolOption, QString *output)
{
    QProcess process;
    process.start(u"openssl"_s,
                  {u"s_client"_s, u"-brief"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(port),
                   protocolOption,
                   // Debian's OpenSSL would not even offer TLS 1.0/1.1 at its default level.
                   u"-cipher"_s, u"DEFAULT@SECLEVEL=0"_s});
    process.closeWriteChannel();
    process.waitForFinished(WaitMs);
    *output
        = QString::fromLocal8Bit(process.readAllStandardOutput() + process.readAllStandardError());
    return output->contains(u"CONNECTION ESTABLISHED"_s);
}
} // namespace

class TestTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void generatedCertificatePersists();
    void providedCertificateIsUsed_data();
    void providedCertificateIsUsed();
    void invalidFilesFailToStart_data();
    void invalidFilesFailToStart();
    void inviteCarriesFingerprint();
    void pinnedClientChatsAndLoadsHistory();
    void wrongPinIsRefused();
    void unpinnedClientWaitsForTrust();
    void authoritiesDoNotReplacePins();
    void plaintextWhileTlsIsOn();
    void plainClientIsToldToUseTls();
    void oldProtocolsRefused();
    void handshakeDeadline();
    void stalledTlsReaderIsDropped();
    void stalledTlsEchoClientIsDropped();
    void headlessShowsHttpsAndFingerprint();
    void hostWindowShowsFingerprint();
    void settingsTurnTlsOn();
    void joinWindowWarnsOnChangedCertificate();
    void joinWindowAsksToTrust();
    void joinDialogPinsInviteFingerprint();

private:
    std::unique_ptr<ChatClient> makeClient(const ServerEndpoint &endpoint);
    QTemporaryDir m_clientDir;
};

void TestTls::initTestCase()
{
    QVERIFY(m_clientDir.isValid());
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_tls"_s);
}

void TestTls::init()
{
    QSettings().clear();
}

std::unique_ptr<ChatClient> TestTls::makeClient(const ServerEndpoint &endpoint)
{
    auto client = std::make_unique<ChatClient>();
    client->setDataDirectory(m_clientDir.path());
    client->setRetryDelays(20, 200);
    client->setConnectTimeout(3000);
    client->setEndpoint(endpoint);
    return client;
}

void TestTls::generatedCertificatePersists()
{
    QTemporaryDir dataDir;
    QString fingerprint;
    {
        TestServer server(u"t"_s, dataDir.path());
        server.config().tls = true;
        QVERIFY(server.start());
        QVERIFY(server.status().tls);
        fingerprint = server.status().certificateFingerprint;
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        QCOMPARE(fingerprint, CertificatePins::fingerprintOf(serverCertificate(server)));

        const QSslCertificate certificate = serverCertificate(server);
        QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
        QVERIFY(certificate.subjectAlternativeNames()
                    .values(QSsl::IpAddressEntry)
                    .contains(u"127.0.0.1"_s));
        QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addYears(5));
        struct stat keyStat
        {
        };
        QCOMPARE(
            ::stat(QFile::encodeName(dataDir.path() + u"/tls/key.pem"_s).constData(), &keyStat), 0);
        QCOMPARE(keyStat.st_mode & 0777, 0600u);
        QVERIFY(server.stop());
    }
    TestServer again(u"t"_s, dataDir.path());
    again.config().tls = true;
    QVERIFY(again.start());
    QCOMPARE(again.status().certificateFingerprint, fingerprint);
}

void TestTls::providedCertificateIsUsed_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("EC, generated by TlsIdentity") << u"ec"_s;
    QTest::newRow("RSA, made with openssl req") << u"rsa"_s;
}

void TestTls::providedCertificateIsUsed()
{
    QFETCH(QString, kind);
    QTemporaryDir files;
    QString certificatePath = files.filePath(u"certificate.pem"_s);
    QString keyPath = files.filePath(u"key.pem"_s);
    if (kind == "ec"_L1) {
        QVERIFY(TlsIdentity::loadOrGenerate(files.path()).isValid());
    } else {
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
            QSKIP("the openssl command is not installed");
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                     u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=test"_s, u"-addext"_s,
                                     u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, keyPath,
                                     u"-out"_s, certificatePath});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
    }
    const QString expected
        = CertificatePins::fingerprintOf(QSslCertificate::fromPath(certificatePath).value(0));
    QVERIFY(!expected.isEmpty());

    TestServer server;
    server.config().tls = true;
    server.config().tlsCertificatePath = certificatePath;
    server.config().tlsKeyPath = keyPath;
    QVERIFY(server.start());
    QCOMPARE(server.status().certificateFingerprint, expected);
    QVERIFY(!QFileInfo::exists(server.dataDir() + u"/tls"_s));
    const QByteArray answer = rawRequest(server.port(), historyRequest(server),
                                         QSslCertificate::fromPath(certificatePath).value(0));
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
}

void TestTls::invalidFilesFailToStart_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing certificate")
        << u"missing.pem"_s << u"key.pem"_s << u"Cannot read the TLS certificate"_s;
    QTest::newRow("not a certificate")
        << u"garbage.pem"_s << u"key.pem"_s << u"holds no PEM certificate"_s;
    QTest::newRow("not a key") << u"certificate.pem"_s << u"garbage.pem"_s
                               << u"holds no unencrypted PEM private key"_s;
    QTest::newRow("key of another certificate")
        << u"certificate.pem"_s << u"other/key.pem"_s << u"does not belong to the certificate"_s;
    QTest::newRow("certificate without key")
        << u"certificate.pem"_s << QString() << u"both a certificate"_s;
}

void TestTls::invalidFilesFailToStart()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, error);
    QTemporaryDir files;
    QVERIFY(TlsIdentity::loadOrGenerate(files.path()).isValid());
    QVERIFY(TlsIdentity::loadOrGenerate(files.filePath(u"other"_s)).isValid());
    QFile garbage(files.filePath(u"garbage.pem"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    garbage.close();

    TestServer server;
    server.config().tls = true;
    server.config().tlsCertificatePath = files.filePath(certificate);
    server.config().tlsKeyPath = key.isEmpty() ? QString() : files.filePath(key);
    const QString failure = startError(server);
    QVERIFY2(failure.contains(error), qPrintable(failure));
}

void TestTls::inviteCarriesFingerprint()
{
    const QString lower = OtherFingerprint.toLower().remove(u':');
    const InviteLink link
        = InviteLink::parse(u"Join: lanchat://10.0.0.5:8787?token=abc&fp=%1 now"_s.arg(lower));
    QVERIFY2(link.isValid(), qPrintable(link.errorString()));
    QVERIFY(link.isTls());
    QCOMPARE(link.fingerprint(), OtherFingerprint);
    const InviteLink again = InviteLink::parse(link.toUrl().toString());
    QCOMPARE(again.fingerprint(), OtherFingerprint);
    QVERIFY(again.isTls());

    QVERIFY(!InviteLink::parse(u"lanchat://10.0.0.5:8787?token=abc&fp=12:34"_s).isValid());
    QVERIFY(InviteLink::parse(u"https://10.0.0.5:8787/?token=abc"_s).isTls());
    QVERIFY(InviteLink::parse(u"lanchat://10.0.0.5:8787?token=abc&tls=1"_s).isTls());
    QVERIFY(!InviteLink::parse(u"lanchat://10.0.0.5:8787?token=abc"_s).isTls());
}

void TestTls::pinnedClientChatsAndLoadsHistory()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    const QString pin = server.status().certificateFingerprint;

    auto alice = makeClient(tlsEndpoint(server, u"alice"_s, pin));
    auto bob = makeClient(tlsEndpoint(server, u"bob"_s, pin));
    QSignalSpy bobSynced(bob.get(), &ChatClient::synced);
    QSignalSpy aliceSynced(alice.get(), &ChatClient::synced);
    alice->connectToServer();
    bob->connectToServer();
    QVERIFY(aliceSynced.wait(WaitMs) || !aliceSynced.isEmpty());
    QVERIFY(bobSynced.count() > 0 || bobSynced.wait(WaitMs));

    QSignalSpy bobEntries(bob.get(), &ChatClient::entriesAppended);
    QVERIFY(!alice->sendMessage(u"over TLS"_s).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &args : std::as_const(bobEntries)) {
                for (const ChatEntry &entry : args.first().value<QList<ChatEntry>>()) {
                    if (entry.text == "over TLS"_L1)
                        return true;
                }
            }
            return false;
        }(),
        WaitMs);

    // A later client gets the message from the history API over https.
    auto carol = makeClient(tlsEndpoint(server, u"carol"_s, pin));
    QList<ChatEntry> carolEntries;
    connect(carol.get(), &ChatClient::entriesAppended, this,
            [&](const QList<ChatEntry> &entries) { carolEntries += entries; });
    QSignalSpy carolSynced(carol.get(), &ChatClient::synced);
    carol->connectToServer();
    QVERIFY(carolSynced.wait(WaitMs));
    const bool inHistory = std::any_of(carolEntries.cbegin(), carolEntries.cend(),
                                       [](const ChatEntry &e) { return e.text == "over TLS"_L1; });
    QVERIFY(inHistory);
}

void TestTls::wrongPinIsRefused()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    auto client = makeClient(tlsEndpoint(server, u"mallory"_s, OtherFingerprint));
    QSignalSpy states(client.get(), &ChatClient::stateChanged);
    QSignalSpy texts(client.get(), &ChatClient::entriesAppended);
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::CertificateChanged, WaitMs);
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
    QCOMPARE(client->presentedFingerprint(), server.status().certificateFingerprint);
    QVERIFY(client->problemText().contains(OtherFingerprint));
    QVERIFY(client->problemText().contains(server.status().certificateFingerprint));
    for (const QList<QVariant> &args : std::as_const(states))
        QVERIFY(args.first().value<ChatClient::State>() != ChatClient::State::Connected);
    QVERIFY(texts.isEmpty());

    // The server saw no chat client: nobody joined, nothing is in the history.
    const QByteArray history
        = rawRequest(server.port(), historyRequest(server), serverCertificate(server));
    QVERIFY2(history.endsWith("{\"events\":[],\"hasMore\":false}"), history.constData());
    for (const QList<QVariant> &args : std::as_const(activity))
        QCOMPARE(args.first().value<ServerActivity>().clientCount, 0);
}

void TestTls::unpinnedClientWaitsForTrust()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    auto client = makeClient(tlsEndpoint(server, u"dora"_s, QString()));
    QSignalSpy untrusted(client.get(), &ChatClient::certificateUntrusted);
    QSignalSpy states(client.get(), &ChatClient::stateChanged);
    client->connectToServer();
    QVERIFY(untrusted.wait(WaitMs));
    QCOMPARE(untrusted.first().first().toString(), server.status().certificateFingerprint);
    QCOMPARE(client->problem(), ChatClient::Problem::UntrustedCertificate);
    QCOMPARE(client->state(), ChatClient::State::Disconnected);
    QVERIFY(client->problemText().contains(server.status().certificateFingerprint));
    for (const QList<QVariant> &args : std::as_const(states))
        QVERIFY(args.first().value<ChatClient::State>() != ChatClient::State::Connected);

    // The user trusts it: the client connects with that pin.
    ServerEndpoint trusted = client->endpoint();
    trusted.fingerprint = untrusted.first().first().toString();
    client->setEndpoint(trusted);
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
}

// Even a certificate that the system's authorities would accept needs a pin: the client offers
// no CA list at all.
void TestTls::authoritiesDoNotReplacePins()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trustingDefault = original;
    trustingDefault.addCaCertificate(serverCertificate(server));
    QSslConfiguration::setDefaultConfiguration(trustingDefault);
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(original); });
    // The test's own client shows that the server would now pass CA verification.
    QSslSocket check;
    check.connectToHostEncrypted(u"127.0.0.1"_s, server.port());
    QVERIFY2(check.waitForEncrypted(WaitMs), qPrintable(check.errorString()));

    auto client = makeClient(tlsEndpoint(server, u"ivan"_s, QString()));
    QSignalSpy untrusted(client.get(), &ChatClient::certificateUntrusted);
    client->connectToServer();
    QVERIFY(untrusted.wait(WaitMs));
    QCOMPARE(client->problem(), ChatClient::Problem::UntrustedCertificate);
}

void TestTls::plaintextWhileTlsIsOn()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    const QByteArray host = "127.0.0.1:" + QByteArray::number(server.port());

    const QByteArray upgrade = rawRequest(
        server.port(), "GET /ws?token=test-token&username=eve HTTP/1.1\r\nHost: " + host
                           + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n");
    QVERIFY2(upgrade.startsWith("HTTP/1.1 403 TLS Required\r\n"), upgrade.constData());
    QVERIFY(upgrade.contains("requires TLS"));

    TestClient plain;
    QUrl ws = server.wsUrl(u"eve"_s);
    ws.setScheme(u"ws"_s);
    QVERIFY(!plain.open(ws));

    const QByteArray page
        = rawRequest(server.port(), "GET /?token=abc HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    QVERIFY2(page.startsWith("HTTP/1.1 307"), page.constData());
    QVERIFY2(page.contains(QByteArray("\r\nLocation: https://" + host + "/?token=abc\r\n")),
             page.constData());
}

void TestTls::plainClientIsToldToUseTls()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    ServerEndpoint endpoint = tlsEndpoint(server, u"hank"_s, QString());
    endpoint.tls = false;
    auto client = makeClient(endpoint);
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::TlsRequired, WaitMs);
    QCOMPARE(client->state(), ChatClient::State::Disconnected); // not retried in clear
    QVERIFY2(client->problemText().contains(u"TLS"_s), qPrintable(client->problemText()));
}

void TestTls::oldProtocolsRefused()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());

    // Qt's own client: TLS 1.2 and 1.3 each complete.
    for (const QSsl::SslProtocol protocol : {QSsl::TlsV1_2, QSsl::TlsV1_3}) {
        QSslSocket socket;
        QSslConfiguration configuration = trusting(serverCertificate(server));
        configuration.setProtocol(protocol);
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, server.port());
        QVERIFY2(socket.waitForEncrypted(WaitMs), qPrintable(socket.errorString()));
    }

    // Qt 6.4 deprecates TLS 1.0/1.1 and Debian's OpenSSL 3 disables them by default on both
    // sides: openssl s_client at security level 0 still offers them, so the server must refuse.
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("the openssl command is not installed");
    QString output;
    QVERIFY2(!opensslHandshake(server.port(), u"-tls1"_s, &output), qPrintable(output));
    QVERIFY2(!opensslHandshake(server.port(), u"-tls1_1"_s, &output), qPrintable(output));
    QVERIFY2(opensslHandshake(server.port(), u"-tls1_2"_s, &output), qPrintable(output));
}

void TestTls::handshakeDeadline()
{
    TestServer server;
    server.config().tls = true;
    server.config().handshakeTimeoutMs = 1000;
    QVERIFY(server.start());

    QElapsedTimer clock;
    clock.start();
    QTcpSocket silent; // opens TCP, never sends a ClientHello
    QTcpSocket stalled; // starts a TLS record and stops
    QSignalSpy silentClosed(&silent, &QAbstractSocket::disconnected);
    QSignalSpy stalledClosed(&stalled, &QAbstractSocket::disconnected);
    silent.connectToHost(u"127.0.0.1"_s, server.port());
    stalled.connectToHost(u"127.0.0.1"_s, server.port());
    QVERIFY(silent.waitForConnected(WaitMs));
    QVERIFY(stalled.waitForConnected(WaitMs));
    stalled.write("\x16\x03\x01");

    // Meanwhile a real TLS client gets its answer.
    const QByteArray answer
        = rawRequest(server.port(), historyRequest(server), serverCertificate(server));
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());

    QVERIFY(silentClosed.count() > 0 || silentClosed.wait(WaitMs));
    QVERIFY(stalledClosed.count() > 0 || stalledClosed.wait(WaitMs));
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
}

void TestTls::stalledTlsReaderIsDropped()
{
    TestServer server;
    server.config().tls = true;
    server.config().maxPendingOutputBytes = 256 * 1024;
    server.config().keepAliveSeconds = 0; // only the output cap may drop it
    QVERIFY(server.start());
    const QSslCertificate certificate = serverCertificate(server);
    // Counted from the server's activity: a blocking HTTP request here would stall the sender.
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    const auto clientCount = [&] {
        return activity.isEmpty() ? 0 : activity.last().first().value<ServerActivity>().clientCount;
    };

    // Completes the WebSocket handshake over TLS, then never reads again.
    QSslSocket stalled;
    QVERIFY(upgradeStalled(stalled, server.port(), certificate,
                           "/ws?token=test-token&username=stalled"));
    QTRY_COMPARE_WITH_TIMEOUT(clientCount(), 1, WaitMs);

    // QSslSocket encrypts what it is given on its next event loop turn and keeps the backlog as
    // ciphertext, which the cap must count too. The operator's announcements, a few at a time,
    // make the traffic: spread out, they leave the plaintext buffer empty between turns.
    const QString text(4000, u'z');
    int sent = 0;
    QTimer pump;
    pump.setInterval(1);
    connect(&pump, &QTimer::timeout, this, [&] {
        if (sent++ < 5000)
            server.controller().announce(text);
    });
    pump.start();
    QTRY_COMPARE_WITH_TIMEOUT(clientCount(), 0, 60000);
    pump.stop();
    const QList<ModerationRecord> records = moderationOf(activity);
    QVERIFY(std::any_of(records.cbegin(), records.cend(), [](const ModerationRecord &record) {
        return record.action == ModerationRecord::Action::Drop && record.target == "stalled"_L1
               && record.reason.startsWith("too slow"_L1);
    }));
}

// An echo client over TLS that sends large frames and never reads: the echoes pile up as
// ciphertext, and the same output cap as for chat clients drops it.
void TestTls::stalledTlsEchoClientIsDropped()
{
    TestServer server;
    server.config().tls = true;
    server.config().maxPendingOutputBytes = 256 * 1024;
    server.config().keepAliveSeconds = 0; // only the output cap may drop it
    QVERIFY(server.start());
    const QSslCertificate certificate = serverCertificate(server);
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    const auto dropped = [&] {
        const QList<ModerationRecord> records = moderationOf(activity);
        return std::any_of(records.cbegin(), records.cend(), [](const ModerationRecord &record) {
            return record.action == ModerationRecord::Action::Drop
                   && record.target == "127.0.0.1"_L1 && record.reason.startsWith("too slow"_L1);
        });
    };

    QSslSocket stalled;
    QVERIFY(upgradeStalled(stalled, server.port(), certificate, "/ws/echo?token=test-token"));

    // Masked text frames of 60,000 bytes (a zero mask leaves the payload as it is).
    const QByteArray payload(60'000, 'e');
    QByteArray frame("\x81\xfe", 2);
    frame.append(char(payload.size() >> 8)).append(char(payload.size() & 0xff));
    frame.append(4, '\0').append(payload);
    for (int step = 0; step < 20 && !dropped(); ++step) {
        for (int i = 0; i < 20; ++i)
            stalled.write(frame);
        QTest::qWait(50);
    }
    QTRY_VERIFY_WITH_TIMEOUT(dropped(), 10000);
}

// The executable itself, as scripts use it: the machine-readable first lines show the https URL
// and the fingerprint, and neither output carries the token.
void TestTls::headlessShowsHttpsAndFingerprint()
{
    const QString binary = qEnvironmentVariable("LANCHAT_BINARY");
    if (binary.isEmpty())
        QSKIP("LANCHAT_BINARY is not set (run through CTest)");
    QProcess help;
    help.start(binary, {u"--headless"_s, u"--help"_s});
    QVERIFY(help.waitForFinished(WaitMs));
    const QString helpText = QString::fromUtf8(help.readAllStandardOutput());
    for (const QString &option :
         {u"--tls "_s, u"--tls-certificate <file>"_s, u"--tls-key <file>"_s})
        QVERIFY2(helpText.contains(option), qPrintable(option));

    QTemporaryDir dataDir;
    QProcess server;
    server.start(binary, {u"--headless"_s, u"--tls"_s, u"-p"_s, u"0"_s, u"-b"_s, u"127.0.0.1"_s,
                          u"-d"_s, dataDir.path(), u"-t"_s, u"never-logged-secret"_s});
    QVERIFY(QTest::qWaitFor(
        [&] { return server.canReadLine() || server.state() == QProcess::NotRunning; }, WaitMs));
    const QString first = QString::fromUtf8(server.readLine()).trimmed();
    QVERIFY2(first.startsWith(u"listening on https://127.0.0.1:"_s), qPrintable(first));
    QVERIFY(QTest::qWaitFor([&] { return server.canReadLine(); }, WaitMs));
    const QString second = QString::fromUtf8(server.readLine()).trimmed();
    const QSslCertificate certificate
        = QSslCertificate::fromPath(dataDir.filePath(u"tls/certificate.pem"_s)).value(0);
    QCOMPARE(second, u"sha256 fingerprint: "_s + CertificatePins::fingerprintOf(certificate));

    // A refused plaintext chat connection is logged without its token.
    const quint16 port = quint16(first.section(u':', -1).toUInt());
    const QByteArray refused = rawRequest(
        port, "GET /ws?token=never-logged-secret&username=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    QVERIFY(refused.startsWith("HTTP/1.1 403"));
    server.terminate();
    QVERIFY(server.waitForFinished(WaitMs));
    const QByteArray output = server.readAllStandardOutput() + server.readAllStandardError();
    QVERIFY(output.contains("refused a plaintext WebSocket connection"));
    QVERIFY(!output.contains("never-logged-secret"));
}

void TestTls::hostWindowShowsFingerprint()
{
    TestServer server;
    server.config().tls = true;
    HostedChat host(server); // the host's chat window, the operator tools in its dock
    HostWindow &window = host.console();
    QVERIFY(host.show());
    QVERIFY(host.start()); // its own client too, with the server's certificate pinned
    const QString fingerprint = server.status().certificateFingerprint;

    auto *label = window.findChild<QLabel *>(u"fingerprintLabel"_s);
    QVERIFY(label);
    QTRY_VERIFY(label->isVisible());
    // In groups of eight bytes, where a narrow dock may break the line.
    QVERIFY2(label->text().remove(u' ').contains(fingerprint), qPrintable(label->text()));
    const QString invite = window.inviteText();
    QVERIFY2(invite.contains(u"&fp="_s + fingerprint), qPrintable(invite));
    QVERIFY(invite.contains(u"https://"_s));
    QVERIFY(!invite.contains(u"http://"_s));
    // The invite the window hands out is what the join side reads.
    const InviteLink link = InviteLink::parse(invite);
    QVERIFY(link.isTls());
    QCOMPARE(link.fingerprint(), fingerprint);
}

void TestTls::settingsTurnTlsOn()
{
    TestServer server;
    HostedChat host(server);
    HostWindow &window = host.console();
    QVERIFY(host.show());
    QVERIFY(host.start());
    QVERIFY(!server.status().tls);
    auto *label = window.findChild<QLabel *>(u"fingerprintLabel"_s);
    QVERIFY(!label->isVisible());

    window.findChild<QAction *>(u"settingsAction"_s)->trigger();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>(u"settingsDialog"_s)));
    auto *tls = dialog->findChild<QCheckBox *>(u"tlsField"_s);
    auto *certificate = dialog->findChild<QLineEdit *>(u"tlsCertificateField"_s);
    QVERIFY(!certificate->isEnabled());
    QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(4, tls->height() / 2));
    QVERIFY(tls->isChecked());
    QVERIFY(certificate->isEnabled());
    // A certificate without its key cannot be accepted; neither (generated) can.
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(certificate, u"/some/certificate.pem"_s);
    QVERIFY(!ok->isEnabled());
    certificate->clear();
    QVERIFY(ok->isEnabled());

    QSignalSpy started(&server.controller(), &ServerController::started);
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(started.wait(WaitMs));
    const auto status = started.first().first().value<ServerStatus>();
    QVERIFY(status.tls);
    QTRY_VERIFY(label->isVisible());
    QVERIFY(label->text().remove(u' ').contains(status.certificateFingerprint));
    QVERIFY(QSettings().value(u"server/tls"_s).toBool());
}

void TestTls::joinWindowWarnsOnChangedCertificate()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    auto client = makeClient(tlsEndpoint(server, u"frank"_s, OtherFingerprint));
    ChatWindow window(client.get());
    window.show();
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::CertificateChanged, WaitMs);

    auto *state = window.findChild<QLabel *>(u"connectionStateLabel"_s);
    QVERIFY(state);
    QTRY_VERIFY(state->text().contains(u"certificate has changed"_s));
    QVERIFY(state->text().contains(OtherFingerprint));
    QVERIFY(state->text().contains(server.status().certificateFingerprint));
    QVERIFY(state->isVisible());
    QVERIFY(!window.trustPrompt()); // never offered to trust a changed certificate
}

void TestTls::joinWindowAsksToTrust()
{
    TestServer server;
    server.config().tls = true;
    QVERIFY(server.start());
    const QString fingerprint = server.status().certificateFingerprint;
    auto client = makeClient(tlsEndpoint(server, u"gina"_s, QString()));
    ChatWindow window(client.get());
    window.show();
    client->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(window.trustPrompt() && window.trustPrompt()->isVisible(), WaitMs);
    QVERIFY(window.trustPrompt()->text().contains(fingerprint));

    QSignalSpy synced(client.get(), &ChatClient::synced);
    auto *always = window.trustPrompt()->findChild<QPushButton *>(u"trustAlwaysButton"_s);
    QVERIFY(always);
    QTest::mouseClick(always, Qt::LeftButton);
    QVERIFY(synced.wait(WaitMs));
    QSettings settings;
    QCOMPARE(CertificatePins::pinFor(settings, u"127.0.0.1"_s, server.port()), fingerprint);
}

void TestTls::joinDialogPinsInviteFingerprint()
{
    const QString lower = OtherFingerprint.toLower();
    JoinDialog dialog;
    QVERIFY(dialog.applyInvite(
        u"lanchat://127.0.0.1:4321?token=s3cret&username=ida&fp=%1"_s.arg(lower)));
    QVERIFY(dialog.findChild<QCheckBox *>(u"tlsField"_s)->isChecked());
    QCOMPARE(dialog.endpoint().fingerprint, OtherFingerprint);
    QVERIFY(dialog.endpoint().tls);

    // A malformed fingerprint typed by hand blocks the join.
    auto *field = dialog.findChild<QLineEdit *>(u"fingerprintField"_s);
    field->setText(u"12:34"_s);
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    field->setText(lower);
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QSettings settings;
    QCOMPARE(CertificatePins::pinFor(settings, u"127.0.0.1"_s, 4321), OtherFingerprint);

    // The next dialog for that server starts from the pin.
    JoinDialog later;
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = 4321;
    endpoint.username = u"ida"_s;
    endpoint.tls = true;
    later.setEndpoint(endpoint);
    QCOMPARE(later.endpoint().fingerprint, OtherFingerprint);
}

QTEST_MAIN(TestTls)
#include "tst_tls.moc"
