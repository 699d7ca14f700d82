// Every limit of docs/PROTOCOL.md ("Limits") crossed on purpose through real sockets: the
// documented reaction, and a well-behaved client still served afterwards.
#include "chatserver.h"
#include "historystore.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class tst_Limits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }
    void floodIsRateLimited();
    void sustainedFloodDisconnects();
    void slowConsumerIsDropped();
    void welcomeLargerThanTheOutputCapIsNotSlow();
    void silentHandshakesTimeOut();
    void unansweredKeepAliveDrops();
    void connectionsPerAddressAreCapped();
    void totalConnectionsAreCapped();
    void wrongTokensBlockTheAddress();
    void foreignOriginIsRefused_data();
    void foreignOriginIsRefused();
    void httpBodyTooLargeIs413();
    void idleHttpConnectionIsClosed();
    void shutdownAbortsStragglersAndCheckpoints();
    void echoOutputIsCapped();
    void echoFloodIsRateLimitedThenDisconnected();
    void binaryFloodIsRateLimitedThenDisconnected();
    void pingFloodWithoutReadingIsDropped();
    void echoCountsAgainstConnectionCaps_data();
    void echoCountsAgainstConnectionCaps();
};

namespace {

QJsonObject chat(const QString &text, const QString &cid = {})
{
    QJsonObject frame {{"type"_L1, "message"_L1}, {"text"_L1, text}};
    if (!cid.isEmpty())
        frame.insert("cid"_L1, cid);
    return frame;
}

// A client that completes the WebSocket handshake by hand and then does whatever the test
// wants: never read, never answer pings.
class RawClient
{
public:
    bool handshake(quint16 port, const QString &username, const QString &token,
                   int receiveBuffer = 0, const QByteArray &path = "/ws")
    {
        if (receiveBuffer > 0)
            m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        if (!m_socket.waitForConnected(5000))
            return false;
        if (receiveBuffer > 0)
            m_socket.setReadBufferSize(receiveBuffer);
        const QByteArray query = "token=" + QUrl::toPercentEncoding(token)
                                 + "&username=" + QUrl::toPercentEncoding(username);
        m_socket.write("GET " + path + '?' + query
                       + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\n\r\n");
        return QTest::qWaitFor([this] { return m_socket.peek(64).startsWith("HTTP/1.1 101"); },
                               5000);
    }
    // One masked client frame (a zero mask: valid, and the payload stays as it is).
    void sendFrame(quint8 opcode, const QByteArray &payload)
    {
        QByteArray frame(1, char(0x80 | opcode));
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            Q_ASSERT(payload.size() <= 0xffff);
            frame.append(char(0xfe)).append(char(payload.size() >> 8)).append(char(payload.size()));
        }
        frame.append(4, '\0').append(payload);
        m_socket.write(frame);
    }
    QTcpSocket &socket() { return m_socket; }
    const QTcpSocket &socket() const { return m_socket; }
    // Reads at last, until the server has closed the connection.
    bool waitUntilClosed(int timeoutMs = 10000)
    {
        m_socket.setReadBufferSize(0);
        return QTest::qWaitFor(
            [this] {
                m_socket.readAll();
                return m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

private:
    QTcpSocket m_socket;
};

// A light reader for many-client tests: a raw WebSocket connection that counts the message frames
// it receives (server frames are unmasked; the tests' messages are the only frames over 3,000
// bytes) and keeps the small ones (joins, leaves) to look at.
class FrameCounter : public RawClient
{
public:
    bool handshake(quint16 port, const QString &username, const QString &token)
    {
        if (!RawClient::handshake(port, username, token))
            return false;
        const QByteArray head = socket().peek(4096);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        socket().skip(end + 4);
        QObject::connect(&socket(), &QTcpSocket::readyRead, [this] { read(); });
        read();
        return true;
    }
    void sendText(const QByteArray &payload) { sendFrame(0x1, payload); }
    int messages() const { return m_messages; }
    // How many messages had arrived when the leave of that user did; -1: none yet.
    int messagesBeforeLeaveOf(const QString &username) const
    {
        const QByteArray name = "\"username\":\"" + username.toUtf8() + '"';
        for (const auto &[count, payload] : m_small) {
            if (payload.contains("\"type\":\"leave\"") && payload.contains(name))
                return count;
        }
        return -1;
    }
    bool isOpen() const { return socket().state() == QAbstractSocket::ConnectedState; }
    // Whether a small frame of that type about that user came (joins, leaves).
    bool saw(const char *type, const QString &username) const
    {
        const QByteArray kind = QByteArray("\"type\":\"") + type + '"';
        const QByteArray name = "\"username\":\"" + username.toUtf8() + '"';
        return std::any_of(m_small.cbegin(), m_small.cend(), [&](const auto &entry) {
            return entry.second.contains(kind) && entry.second.contains(name);
        });
    }

private:
    void read()
    {
        m_buffer += socket().readAll();
        qsizetype at = 0;
        for (;;) {
            if (m_buffer.size() - at < 2)
                break;
            const auto *bytes = reinterpret_cast<const uchar *>(m_buffer.constData() + at);
            quint64 length = bytes[1] & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_buffer.size() - at < 4)
                    break;
                length = quint64(bytes[2]) << 8 | bytes[3];
                header = 4;
            } else if (length == 127) {
                if (m_buffer.size() - at < 10)
                    break;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = length << 8 | bytes[i];
                header = 10;
            }
            if (quint64(m_buffer.size() - at - header) < length)
                break;
            if (length > 3000)
                ++m_messages;
            else if (length < 1024)
                m_small.append({m_messages, m_buffer.mid(at + header, qsizetype(length))});
            at += header + qsizetype(length);
        }
        m_buffer.remove(0, at);
    }

    QByteArray m_buffer;
    QList<std::pair<int, QByteArray>> m_small; // messages before it, payload
    int m_messages = 0;
};

// The resident set of this process (server thread and test clients), from /proc.
qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

// A TCP connection to 127.0.0.1:port whose kernel receive buffer is set before it connects, so
// that the window it offers stays small (Qt sets socket options only once connected); -1 on
// failure. The caller hands the descriptor to a QTcpSocket.
int connectWithReceiveBuffer(quint16 port, int receiveBuffer)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer) != 0
        || ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int clientCountOf(TestServer &server)
{
    return httpGet(server.httpUrl(u"/api/health"_s)).json.value("clients"_L1).toInt(-1);
}

// The server's drop records (ModerationRecord::Action::Drop) so far, as "target: reason".
QStringList dropsOf(QSignalSpy &activity)
{
    QStringList drops;
    for (const ModerationRecord &record : moderationOf(activity)) {
        if (record.action == ModerationRecord::Action::Drop)
            drops << record.target + u": "_s + record.reason;
    }
    return drops;
}

QUrl echoUrl(const TestServer &server)
{
    return server.wsUrl(QString(), QString(), u"/ws/echo"_s);
}

} // namespace

void tst_Limits::floodIsRateLimited()
{
    TestServer server;
    server.config().messageRate = 2;
    server.config().messageBurst = 5;
    QVERIFY(server.start());
    TestClient flooder, polite;
    QVERIFY(flooder.join(server.wsUrl(u"flooder"_s)));
    QVERIFY(polite.join(server.wsUrl(u"polite"_s)));
    for (int i = 0; i < 10; ++i)
        flooder.send(chat(u"spam %1"_s.arg(i), u"s%1"_s.arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(
        flooder.frames(u"error"_s).size() + flooder.frames(u"message"_s).size(), 10, 5000);
    // The burst of 5 passes (a token or so may refill meanwhile); the rest is refused.
    const int passed = int(flooder.frames(u"message"_s).size());
    QVERIFY2(passed >= 5 && passed <= 6, qPrintable(QString::number(passed)));
    QCOMPARE(flooder.frames(u"error"_s).first().value("code"_L1).toString(), u"rate_limited"_s);
    // The refusal names the message it refused, so a client knows which one to re-send.
    QCOMPARE(flooder.frames(u"error"_s).last().value("cid"_L1).toString(), u"s9"_s);
    QCOMPARE(flooder.socket().state(), QAbstractSocket::ConnectedState);

    polite.send(chat(u"hello"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!polite.frames(u"message"_s).isEmpty()
                                 && polite.frames(u"message"_s).last().value("text"_L1)
                                        == "hello"_L1,
                             5000);
    QCOMPARE(polite.frames(u"message"_s).size(), passed + 1);
}

void tst_Limits::sustainedFloodDisconnects()
{
    TestServer server;
    server.config().messageRate = 2;
    server.config().messageBurst = 5;
    QVERIFY(server.start());
    TestClient flooder, witness;
    QVERIFY(flooder.join(server.wsUrl(u"flooder"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));
    // Three times the rate for ten seconds is 60 frames beyond the burst: 200 at once is abuse.
    for (int i = 0; i < 200; ++i)
        flooder.send(chat(u"x"_s));
    QVERIFY(flooder.waitForDisconnect(10000));
    QCOMPARE(flooder.closeCode(), 4008);
    const QJsonObject leave = witness.waitFor(u"leave"_s);
    QCOMPARE(leave.value("username"_L1).toString(), u"flooder"_s);
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 1, 5000);
    QCOMPARE(witness.frames(u"leave"_s).size(), 1);
    witness.send(chat(u"still fine"_s));
    QTRY_VERIFY_WITH_TIMEOUT(witness.frames(u"message"_s).size() >= 1
                                 && witness.frames(u"message"_s).last().value("text"_L1)
                                        == "still fine"_L1,
                             5000);
}

// One of many clients stops reading: it is dropped at the output cap, the others get everything.
// One of 200 clients stops reading while the others chat: it is dropped at the output cap, the
// 199 others receive every message, and the process (server and readers alike) does not grow
// with what the stalled client failed to read.
void tst_Limits::slowConsumerIsDropped()
{
    TestServer server;
    const qint64 cap = 256 * 1024;
    server.config().maxPendingOutputBytes = cap;
    QVERIFY(server.start());
    const int readers = 199;
    std::vector<std::unique_ptr<FrameCounter>> clients;
    for (int i = 0; i < readers; ++i) {
        clients.push_back(std::make_unique<FrameCounter>());
        QVERIFY(clients.back()->handshake(server.port(), u"reader%1"_s.arg(i), server.token()));
    }
    RawClient stalled;
    QVERIFY(stalled.handshake(server.port(), u"stalled"_s, server.token(), 4096));
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), readers + 1, 10000);
    FrameCounter &sender = *clients.front(); // a reader too; raw, so it keeps no copies
    const qint64 baseline = residentBytes();
    qint64 peak = baseline;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { peak = std::max(peak, residentBytes()); });
    sampler.start(20);

    // About 6 MB towards the stalled client, more than loopback's socket buffers can hide; sent
    // in steps the readers keep up with, so that only the stalled client falls behind.
    const QByteArray frame
        = QJsonDocument(chat(QString(4000, u'z'))).toJson(QJsonDocument::Compact);
    const int messages = 1500;
    const int step = 50;
    const auto allHave = [&](int count) {
        return std::all_of(clients.cbegin(), clients.cend(),
                           [count](const auto &client) { return client->messages() >= count; });
    };
    for (int sent = 0; sent < messages; sent += step) {
        for (int i = sent; i < sent + step; ++i)
            sender.sendText(frame);
        QVERIFY2(QTest::qWaitFor([&] { return allHave(sent + step); }, 20000),
                 qPrintable(u"readers stuck before message %1"_s.arg(sent + step)));
    }
    sampler.stop();
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), readers, 10000);
    for (const auto &client : clients) {
        QCOMPARE(client->messages(), messages);
        QVERIFY(client->isOpen());
    }
    // Dropped at the cap: by the time the others had what the cap, the kernel's largest send
    // buffer (tcp_wmem) and a step in flight add up to, not when the sending ended.
    QFile wmem(u"/proc/sys/net/ipv4/tcp_wmem"_s);
    qint64 kernelBuffer = 4 * 1024 * 1024;
    if (wmem.open(QIODevice::ReadOnly))
        kernelBuffer = wmem.readAll().simplified().split(' ').value(2).toLongLong();
    const int droppedAfter = clients.back()->messagesBeforeLeaveOf(u"stalled"_s);
    const qint64 bound = (cap + kernelBuffer + 64 * 1024) / frame.size() + 2 * step;
    QVERIFY2(droppedAfter >= 0 && droppedAfter < bound,
             qPrintable(u"dropped after %1 messages (bound %2)"_s.arg(droppedAfter).arg(bound)));
    stalled.socket().setReadBufferSize(0); // reading at last, it finds the connection gone
    QTRY_VERIFY_WITH_TIMEOUT(
        (stalled.socket().readAll(), stalled.socket().state() == QAbstractSocket::UnconnectedState),
        10000);
    // 200 connections' buffers take some memory; what the server delivered (1.2 GB in all) or
    // what the stalled client did not read is not kept.
    qInfo() << "stalled client dropped after" << droppedAfter << "messages; resident memory grew by"
            << (peak - baseline) / 1024 << "KiB while" << messages * frame.size() / 1024
            << "KiB went to each client";
#ifndef __SANITIZE_ADDRESS__ // ASan's quarantine keeps 256 MB of freed memory resident
    QVERIFY2(peak - baseline < 128 * 1024 * 1024,
             qPrintable(u"grew by %1 KiB"_s.arg((peak - baseline) / 1024)));
#endif
}

// With many people online the welcome (it lists them all) is larger than the output cap and than
// what the kernel takes at once: the newcomer is not dropped as too slow for it, and its join is
// stored and broadcast before anything else about it (a leave before the join left a ghost in
// everyone's list).
void tst_Limits::welcomeLargerThanTheOutputCapIsNotSlow()
{
    TestServer server;
    // A cap well under the newcomer's welcome, yet with room for the joins that pile up for the
    // 400 test clients when a loaded CI machine lets them read late; these raw clients don't
    // answer keepalive pings.
    server.config().maxPendingOutputBytes = 16 * 1024;
    server.config().keepAliveSeconds = 0;
    QVERIFY(server.start());
    // 32 characters of four UTF-8 bytes each (CJK Extension B): 400 names are 53 KB of welcome.
    const auto nameOf = [](int index) {
        QString name;
        for (int k = 0; k < 32; ++k)
            name += QString::fromUcs4(
                std::array<char32_t, 1> {char32_t(0x20000 + index * 32 + k)}.data(), 1);
        return name;
    };
    const int online = 400;
    std::vector<std::unique_ptr<FrameCounter>> clients;
    for (int i = 0; i < online; ++i) {
        clients.push_back(std::make_unique<FrameCounter>());
        QVERIFY2(clients.back()->handshake(server.port(), nameOf(i), server.token()),
                 qPrintable(u"client %1"_s.arg(i)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), online, 20000);

    // The newcomer's kernel offers a small window: most of the welcome waits in the server.
    const int fd = connectWithReceiveBuffer(server.port(), 4096);
    QVERIFY(fd >= 0);
    QTcpSocket newcomer;
    QVERIFY(newcomer.setSocketDescriptor(fd));
    newcomer.write("GET /ws?token=" + QUrl::toPercentEncoding(server.token())
                   + "&username=newcomer HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
    // Read the response head, then the first frame whole: the welcome.
    QByteArray received;
    const auto firstFrame = [&]() -> QByteArray {
        const qsizetype head = received.indexOf("\r\n\r\n");
        if (head < 0)
            return {};
        const QByteArray rest = received.mid(head + 4);
        if (rest.size() < 10 || (uchar(rest[0]) & 0x0f) != 1)
            return {};
        quint64 length = uchar(rest[1]) & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            length = quint64(uchar(rest[2])) << 8 | uchar(rest[3]);
            header = 4;
        } else if (length == 127) {
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = length << 8 | uchar(rest[i]);
            header = 10;
        }
        return quint64(rest.size() - header) >= length ? rest.mid(header, qsizetype(length))
                                                       : QByteArray();
    };
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += newcomer.readAll();
            return !firstFrame().isEmpty() || newcomer.state() != QAbstractSocket::ConnectedState;
        },
        10000));
    QVERIFY(received.startsWith("HTTP/1.1 101"));
    const QJsonObject welcome = QJsonDocument::fromJson(firstFrame()).object();
    QCOMPARE(welcome.value("type"_L1).toString(), u"welcome"_s);
    QCOMPARE(welcome.value("users"_L1).toArray().size(), online + 1);
    QVERIFY(firstFrame().size() > 50'000);

    // Still online, and everyone sees the join, not a leave.
    const auto allSawJoin = [&] {
        return std::all_of(clients.cbegin(), clients.cend(),
                           [](const auto &client) { return client->saw("join", u"newcomer"_s); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allSawJoin(), 10000);
    QCOMPARE(clientCountOf(server), online + 1);
    QVERIFY(newcomer.state() == QAbstractSocket::ConnectedState);
    for (const auto &client : clients)
        QVERIFY(!client->saw("leave", u"newcomer"_s));
    // The history has the join, and no leave before it.
    const HttpResult history
        = httpGet(server.httpUrl(u"/api/history"_s, u"limit=20"_s), server.token().toUtf8());
    QStringList newcomerEvents;
    for (const QJsonValue &value : history.json.value("events"_L1).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value("username"_L1).toString() == "newcomer"_L1)
            newcomerEvents << event.value("type"_L1).toString();
    }
    QCOMPARE(newcomerEvents, QStringList {u"join"_s});
}

void tst_Limits::silentHandshakesTimeOut()
{
    TestServer server;
    server.config().handshakeTimeoutMs = 1000;
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    for (int i = 0; i < 400; ++i) {
        silent.push_back(std::make_unique<QTcpSocket>());
        silent.back()->connectToHost(QHostAddress::LocalHost, server.port());
        if (i % 2 == 1) // half of them start a request and never finish it
            silent.back()->write("GET /ws HTTP/1.1\r\nHost: x\r\n");
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(silent.cbegin(), silent.cend(), [](const auto &socket) {
                return socket->state() == QAbstractSocket::ConnectedState;
            });
        },
        10000));
    TestClient real;
    QVERIFY(real.join(server.wsUrl(u"real"_s)));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(silent.cbegin(), silent.cend(), [](const auto &socket) {
                return socket->state() == QAbstractSocket::UnconnectedState;
            });
        },
        10000));
    QCOMPARE(real.socket().state(), QAbstractSocket::ConnectedState);
    real.send(chat(u"ok"_s));
    QCOMPARE(real.waitFor(u"message"_s).value("text"_L1).toString(), u"ok"_s);
}

void tst_Limits::unansweredKeepAliveDrops()
{
    TestServer server;
    server.config().keepAliveSeconds = 1;
    QVERIFY(server.start());
    TestClient alive;
    QVERIFY(alive.join(server.wsUrl(u"alive"_s)));
    RawClient asleep; // completes the handshake, then never answers a ping
    QVERIFY(asleep.handshake(server.port(), u"asleep"_s, server.token()));
    QCOMPARE(alive.waitFor(u"join"_s, 5000).value("username"_L1).toString(), u"alive"_s);
    QCOMPARE(alive.waitFor(u"join"_s, 5000).value("username"_L1).toString(), u"asleep"_s);

    const QJsonObject leave = alive.waitFor(u"leave"_s, 6000);
    QCOMPARE(leave.value("username"_L1).toString(), u"asleep"_s);
    QVERIFY(QTest::qWaitFor(
        [&] { return asleep.socket().state() == QAbstractSocket::UnconnectedState; }, 5000));
    // Both were silent on the chat for the same time; QWebSocket answers pings by itself, so
    // the live client is still here when the sleeping one is dropped.
    QCOMPARE(alive.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(alive.frames(u"leave"_s).size(), 1);
}

void tst_Limits::connectionsPerAddressAreCapped()
{
    TestServer server;
    server.config().maxConnectionsPerAddress = 2;
    QVERIFY(server.start());
    TestClient a, b, c;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    c.open(server.wsUrl(u"c"_s));
    QVERIFY(c.waitForDisconnect());
    QCOMPARE(c.closeCode(), 4005);
    QCOMPARE(c.frames().value(0).value("code"_L1).toString(), u"too_many_connections"_s);
    QCOMPARE(c.frames(u"welcome"_s).size(), 0);
    a.socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 1, 5000);
    TestClient d;
    QVERIFY(d.join(server.wsUrl(u"d"_s)));
}

void tst_Limits::totalConnectionsAreCapped()
{
    TestServer server;
    server.config().maxConnections = 2;
    QVERIFY(server.start());
    TestClient a, b, c;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    c.open(server.wsUrl(u"c"_s));
    QVERIFY(c.waitForDisconnect());
    QCOMPARE(c.closeCode(), 4005);
    QCOMPARE(c.frames().value(0).value("code"_L1).toString(), u"server_full"_s);
    QVERIFY(c.frames().value(0).value("message"_L1).toString().contains("full"_L1));
}

void tst_Limits::wrongTokensBlockTheAddress()
{
    TestServer server;
    server.config().authFailureLimit = 3;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    for (int i = 0; i < 3; ++i) {
        TestClient guess;
        guess.open(server.wsUrl(u"guesser"_s, u"guess-%1"_s.arg(i)));
        QVERIFY(guess.waitForDisconnect());
        QCOMPARE(guess.closeCode(), 1008);
    }
    // Now even the right token is refused from this address.
    TestClient right;
    right.open(server.wsUrl(u"guesser"_s));
    QVERIFY(right.waitForDisconnect());
    QCOMPARE(right.closeCode(), 4006);
    QCOMPARE(right.frames().value(0).value("code"_L1).toString(), u"address_blocked"_s);
    // The operator sees it.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &args : std::as_const(activity)) {
                for (const ModerationRecord &record :
                     args.first().value<ServerActivity>().moderation) {
                    if (record.action == ModerationRecord::Action::Block
                        && record.target == "127.0.0.1"_L1 && record.actor == "server"_L1)
                        return true;
                }
            }
            return false;
        }(),
        5000);
}

void tst_Limits::foreignOriginIsRefused_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("no origin (native client)") << QString() << true;
    QTest::addRow("same origin") << u"http://127.0.0.1:%PORT%"_s << true;
    QTest::addRow("allow-listed") << u"http://intranet.example:8080"_s << true;
    QTest::addRow("foreign site") << u"http://evil.example"_s << false;
    QTest::addRow("same host, other port") << u"http://127.0.0.1:1"_s << false;
    QTest::addRow("null origin") << u"null"_s << false;
}

void tst_Limits::foreignOriginIsRefused()
{
    QFETCH(QString, origin);
    QFETCH(bool, accepted);
    TestServer server;
    server.config().allowedOrigins = {u"http://intranet.example:8080"_s};
    QVERIFY(server.start());
    origin.replace(u"%PORT%"_s, QString::number(server.port()));
    QNetworkRequest request(server.wsUrl(u"browser"_s));
    if (!origin.isNull())
        request.setRawHeader("Origin", origin.toUtf8());
    TestClient client;
    QSignalSpy connected(&client.socket(), &QWebSocket::connected);
    client.socket().open(request);
    QVERIFY(connected.wait(5000));
    if (accepted) {
        QVERIFY(!client.waitFor(u"welcome"_s).isEmpty());
    } else {
        QVERIFY(client.waitForDisconnect());
        QCOMPARE(client.closeCode(), 1008);
        QCOMPARE(client.frames().value(0).value("code"_L1).toString(), u"origin_not_allowed"_s);
        QCOMPARE(client.frames(u"welcome"_s).size(), 0);
    }
}

void tst_Limits::httpBodyTooLargeIs413()
{
    TestServer server;
    QVERIFY(server.start());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(
        "POST /api/history HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() >= 12; }, 5000));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 413"));
    QVERIFY(
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
    QCOMPARE(httpGet(server.httpUrl(u"/api/health"_s)).status, 200);
}

void tst_Limits::idleHttpConnectionIsClosed()
{
    TestServer server;
    server.config().httpIdleSeconds = 1;
    QVERIFY(server.start());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() > 0; }, 5000));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 200"));
    // Keep-alive: the connection stays open, then the server closes it when it idles.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000));
    QVERIFY2(timer.elapsed() >= 800, qPrintable(QString::number(timer.elapsed())));
}

// Graceful stop: every client gets 1001; one that never answers the closing handshake is aborted
// at the deadline (and the stop waits for it, not longer); the WAL is checkpointed into the file.
void tst_Limits::shutdownAbortsStragglersAndCheckpoints()
{
    TestServer server;
    server.config().maxPendingOutputBytes = 64 * 1024 * 1024; // the straggler must not be dropped
    server.config().maxTextLength = 50'000;
    QVERIFY(server.start());
    TestClient polite, other;
    QVERIFY(polite.join(server.wsUrl(u"polite"_s)));
    QVERIFY(other.join(server.wsUrl(u"other"_s)));
    // Qt closes the TCP connection right after the close frame, so the one that can hold up a
    // stop is a peer with unsent output that it never reads: the close waits behind it.
    RawClient straggler;
    QVERIFY(straggler.handshake(server.port(), u"straggler"_s, server.token(), 4096));
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 3, 5000);
    const QString text(40'000, u's');
    for (int i = 0; i < 250; ++i) // 10 MB: more than loopback's buffers take for a full reader
        polite.send(chat(text));
    QTRY_COMPARE_WITH_TIMEOUT(other.frames(u"message"_s).size(), 250, 30000);
    polite.send(chat(u"before the stop"_s));
    QTRY_COMPARE_WITH_TIMEOUT(polite.frames(u"message"_s).size(), 251, 5000);
    QCOMPARE(clientCountOf(server), 3);
    const QString database = server.dataDir() + u"/history.sqlite"_s;
    QVERIFY(QFileInfo(database + u"-wal"_s).size() > 0); // the commits so far are in the WAL

    QElapsedTimer clock;
    clock.start();
    QVERIFY(server.stop());
    const qint64 took = clock.elapsed();
    for (TestClient *client : {&polite, &other}) {
        QVERIFY(client->waitForDisconnect());
        QCOMPARE(client->closeCode(), 1001);
    }
    // Aborted: reading at last, the straggler finds the connection gone.
    straggler.socket().setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT((straggler.socket().readAll(),
                              straggler.socket().state() == QAbstractSocket::UnconnectedState),
                             5000);
    // The deadline is a coarse timer (QTimer::singleShot of 2 s or more), which may fire up to 5 %
    // early.
    QVERIFY2(took >= ChatServer::CloseDeadlineMs * 95 / 100 - 50
                 && took < ChatServer::CloseDeadlineMs + 3000,
             qPrintable(u"the stop took %1 ms"_s.arg(took)));

    // Checkpointed: the WAL is gone or empty, and the file alone holds everything.
    QVERIFY(QFileInfo(database + u"-wal"_s).size() == 0);
    HistoryStore reader(u"checkpoint-reader"_s);
    QVERIFY(reader.open(database, true));
    HistoryQuery query;
    query.textContains = u"before the stop"_s;
    HistoryPage page;
    QVERIFY(reader.page(query, &page));
    QCOMPARE(page.events.size(), 1);
}

// An echo client that sends large frames and never reads (issue 16: the server grew to 389 MB):
// dropped at the same output cap as a chat client, and the operator sees why.
void tst_Limits::echoOutputIsCapped()
{
    TestServer server;
    const qint64 cap = 256 * 1024;
    server.config().maxPendingOutputBytes = cap;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient polite; // a well-behaved echo client beside it
    QVERIFY(polite.open(echoUrl(server)));
    RawClient stalled;
    QVERIFY(stalled.handshake(server.port(), QString(), server.token(), 4096, "/ws/echo"));
    const QByteArray payload(60'000, 'e');
    // 24 MB of echoes: more than loopback's socket buffers can hide, far more than the cap.
    int sent = 0;
    for (; sent < 400 && dropsOf(activity).isEmpty(); sent += 20) {
        for (int i = 0; i < 20; ++i)
            stalled.sendFrame(0x1, payload);
        QTest::qWait(20);
    }
    QTRY_COMPARE_WITH_TIMEOUT(dropsOf(activity).size(), 1, 10000);
    QVERIFY2(dropsOf(activity).first().startsWith("127.0.0.1: too slow"_L1),
             qPrintable(dropsOf(activity).first()));
    QVERIFY(stalled.waitUntilClosed());
    // The others are not affected.
    QSignalSpy echoed(&polite.socket(), &QWebSocket::textMessageReceived);
    polite.socket().sendTextMessage(u"still here"_s);
    QVERIFY(echoed.wait(5000));
    QCOMPARE(echoed.first().first().toString(), u"Echo: still here"_s);
    qInfo() << "the stalled echo client was dropped after" << sent << "frames of" << payload.size()
            << "bytes";
}

// Echo connections get the chat's flood control: rate_limited beyond the burst, 4008 for a
// sustained flood.
void tst_Limits::echoFloodIsRateLimitedThenDisconnected()
{
    TestServer server;
    server.config().messageRate = 2;
    server.config().messageBurst = 5;
    QVERIFY(server.start());
    TestClient echo;
    QVERIFY(echo.open(echoUrl(server)));
    for (int i = 0; i < 10; ++i)
        echo.socket().sendTextMessage(u"ping %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(echo.rawFrames().size(), 10, 5000);
    int echoes = 0;
    for (const QString &raw : echo.rawFrames())
        echoes += raw.startsWith("Echo: ping "_L1) ? 1 : 0;
    QVERIFY2(echoes >= 5 && echoes <= 6, qPrintable(QString::number(echoes)));
    QCOMPARE(echo.frames(u"error"_s).size(), 10 - echoes);
    QCOMPARE(echo.frames(u"error"_s).first().value("code"_L1).toString(), u"rate_limited"_s);
    QCOMPARE(echo.socket().state(), QAbstractSocket::ConnectedState);

    for (int i = 0; i < 200; ++i)
        echo.socket().sendTextMessage(u"flood"_s);
    QVERIFY(echo.waitForDisconnect(10000));
    QCOMPARE(echo.closeCode(), 4008);
}

// Binary frames on /ws count against flood control like text frames (issue 16: 3,000 binary
// frames got 3,001 error replies and no 4008).
void tst_Limits::binaryFloodIsRateLimitedThenDisconnected()
{
    TestServer server;
    server.config().messageRate = 2;
    server.config().messageBurst = 5;
    QVERIFY(server.start());
    TestClient flooder, witness;
    QVERIFY(flooder.join(server.wsUrl(u"flooder"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));
    for (int i = 0; i < 10; ++i)
        flooder.socket().sendBinaryMessage("{\"type\":\"message\",\"text\":\"x\"}");
    QTRY_COMPARE_WITH_TIMEOUT(flooder.frames(u"error"_s).size(), 10, 5000);
    int invalid = 0;
    for (const QJsonObject &error : flooder.frames(u"error"_s))
        invalid += error.value("code"_L1).toString() == "invalid_json"_L1 ? 1 : 0;
    QVERIFY2(invalid >= 5 && invalid <= 6, qPrintable(QString::number(invalid)));
    QCOMPARE(flooder.frames(u"error"_s).last().value("code"_L1).toString(), u"rate_limited"_s);

    for (int i = 0; i < 200; ++i)
        flooder.socket().sendBinaryMessage("x");
    QVERIFY(flooder.waitForDisconnect(10000));
    QCOMPARE(flooder.closeCode(), 4008);
    QVERIFY2(flooder.frames(u"error"_s).size() < 100,
             qPrintable(QString::number(flooder.frames(u"error"_s).size())));
    QCOMPARE(witness.waitFor(u"leave"_s).value("username"_L1).toString(), u"flooder"_s);
    QCOMPARE(witness.frames(u"message"_s).size(), 0);
}

// Qt answers every ping by itself; a client that sends pings and never reads the pongs must hit
// the output cap like any other, not grow the server's send buffer without end.
void tst_Limits::pingFloodWithoutReadingIsDropped()
{
    TestServer server;
    server.config().maxPendingOutputBytes = 256 * 1024;
    server.config().keepAliveSeconds = 0; // its ticks would look at the output now and then
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    RawClient pinger;
    QVERIFY(pinger.handshake(server.port(), u"pinger"_s, server.token(), 4096));
    // Its own join has been broadcast: from here on the server sends it nothing but pongs.
    QTRY_VERIFY_WITH_TIMEOUT(pinger.socket().peek(4096).contains("\"type\":\"join\""), 5000);
    const QByteArray payload(125, 'p');
    // 100,000 pings are 13 MB of pongs: more than loopback's buffers hide, far above the cap.
    int step = 0;
    for (; step < 100 && dropsOf(activity).isEmpty(); ++step) {
        for (int i = 0; i < 1000; ++i)
            pinger.sendFrame(0x9, payload);
        QTest::qWait(10);
    }
    qInfo() << "sent" << step * 1000 << "pings before the drop was seen";
    // An instrumented server may still be reading the pings when the last are sent.
    QTRY_COMPARE_WITH_TIMEOUT(dropsOf(activity).size(), 1, 30000);
    QVERIFY2(dropsOf(activity).first().startsWith("pinger: too slow"_L1),
             qPrintable(dropsOf(activity).first()));
    QVERIFY(pinger.waitUntilClosed());
    QTRY_COMPARE_WITH_TIMEOUT(clientCountOf(server), 0, 5000);
}

void tst_Limits::echoCountsAgainstConnectionCaps_data()
{
    QTest::addColumn<QStringList>("first"); // "echo" or a username, connected in this order
    QTest::addColumn<QString>("last"); // refused: "echo" or a username
    QTest::addColumn<bool>("perAddress"); // which cap: per address (2) or in total (2)
    QTest::addColumn<QString>("code");
    QTest::addRow("two echoes, then a chat client (per address)")
        << QStringList {u"echo"_s, u"echo"_s} << u"carol"_s << true << u"too_many_connections"_s;
    QTest::addRow("two chat clients, then an echo (per address)")
        << QStringList {u"alice"_s, u"bob"_s} << u"echo"_s << true << u"too_many_connections"_s;
    QTest::addRow("an echo and a chat client, then an echo (total)")
        << QStringList {u"echo"_s, u"alice"_s} << u"echo"_s << false << u"server_full"_s;
    QTest::addRow("two echoes, then a chat client (total)")
        << QStringList {u"echo"_s, u"echo"_s} << u"carol"_s << false << u"server_full"_s;
}

// Every WebSocket connection counts against the connection caps, chat and echo alike: 40 echo
// connections came on top of an address's 16 chat ones (issue 16).
void tst_Limits::echoCountsAgainstConnectionCaps()
{
    QFETCH(QStringList, first);
    QFETCH(QString, last);
    QFETCH(bool, perAddress);
    QFETCH(QString, code);
    TestServer server;
    if (perAddress)
        server.config().maxConnectionsPerAddress = 2;
    else
        server.config().maxConnections = 2;
    QVERIFY(server.start());
    const auto urlOf = [&](const QString &who) {
        return who == "echo"_L1 ? echoUrl(server) : server.wsUrl(who);
    };
    std::vector<std::unique_ptr<TestClient>> admitted;
    for (const QString &who : first) {
        admitted.push_back(std::make_unique<TestClient>());
        if (who == "echo"_L1) {
            QVERIFY(admitted.back()->open(urlOf(who)));
            // Echoed: admitted, not refused.
            admitted.back()->sendRaw(u"hi"_s);
            QTRY_COMPARE_WITH_TIMEOUT(admitted.back()->rawFrames().value(0), u"Echo: hi"_s, 5000);
        } else {
            QVERIFY(admitted.back()->join(urlOf(who)));
        }
    }
    TestClient refused;
    refused.open(urlOf(last));
    QVERIFY(refused.waitForDisconnect());
    QCOMPARE(refused.closeCode(), 4005);
    QCOMPARE(refused.frames().value(0).value("code"_L1).toString(), code);
    QCOMPARE(refused.frames(u"welcome"_s).size(), 0);
    for (const auto &client : admitted)
        QCOMPARE(client->socket().state(), QAbstractSocket::ConnectedState);

    // A place freed by either kind can be taken by either kind.
    admitted.front()->socket().close();
    QVERIFY(admitted.front()->waitForDisconnect());
    if (last == "echo"_L1) {
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                TestClient probe;
                if (!probe.open(urlOf(last)))
                    return false;
                probe.sendRaw(u"again"_s);
                return QTest::qWaitFor(
                    [&] { return probe.rawFrames().value(0) == "Echo: again"_L1; }, 2000);
            }(),
            5000);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                TestClient probe;
                return probe.join(urlOf(last));
            }(),
            5000);
    }
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
