// A WebSocket client that is still sending when the server closes reads the close code, not a
// reset (issue 23; RFC 6455 section 7.1.1): here a frame announced at 200 MiB, far above the
// 64 KiB limit, and 64 MiB of it streamed after the header, plain and over TLS. The server (the
// lanchat executable, so that its descriptors are its own) closes with 1009 at the header, then
// keeps reading and dropping until the stream ends and has been quiet. Without that, its kernel
// answers the unread input with a reset: this side's writes fail and the close frame is lost.
// Raw bytes on real sockets; everything lives in the test's main thread.
#include "lingeringclose.h"
#include "rawhttp.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QTest>
#include <QtEndian>

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// A client on a blocking socket, plain or TLS (OpenSSL directly): unlike QTcpSocket it keeps
// writing after the server's FIN, as a TCP peer may (QAbstractSocket closes on end of input), and
// it does not read while it writes, so the server's reading is all that keeps it going.
class BlockingClient final
{
public:
    ~BlockingClient()
    {
        if (m_ssl)
            SSL_free(m_ssl);
        if (m_context)
            SSL_CTX_free(m_context);
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port, bool tls)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const timeval timeout {10, 0}; // no call of this test waits longer
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return false;
        if (!tls)
            return true;
        // The certificate is not what this test is about (tst_tls is): it is not verified.
        m_context = SSL_CTX_new(TLS_client_method());
        m_ssl = SSL_new(m_context);
        SSL_set_fd(m_ssl, m_fd);
        return SSL_connect(m_ssl) == 1;
    }

    // False as soon as a write fails (the server reset the connection, or stopped reading).
    bool sendAll(const QByteArray &bytes)
    {
        qsizetype at = 0;
        while (at < bytes.size()) {
            const qsizetype left = bytes.size() - at;
            const auto sent
                = m_ssl
                      ? qsizetype(SSL_write(m_ssl, bytes.constData() + at, int(left)))
                      : qsizetype(::send(m_fd, bytes.constData() + at, size_t(left), MSG_NOSIGNAL));
            if (sent <= 0) {
                if (!m_ssl && sent < 0 && errno == EINTR)
                    continue;
                m_error = m_ssl ? u"TLS write failed (%1)"_s.arg(SSL_get_error(m_ssl, int(sent)))
                                : QString::fromLocal8Bit(std::strerror(errno));
                return false;
            }
            at += sent;
        }
        return true;
    }

    // Everything until the server's end of stream (or a failure: then m_error says which).
    QByteArray receiveToEnd()
    {
        QByteArray received;
        char buffer[16 * 1024];
        for (;;) {
            const auto got = m_ssl ? qsizetype(SSL_read(m_ssl, buffer, sizeof buffer))
                                   : qsizetype(::recv(m_fd, buffer, sizeof buffer, 0));
            if (got > 0) {
                received.append(buffer, got);
                continue;
            }
            if (!m_ssl && got < 0 && errno == EINTR)
                continue;
            if (got < 0 || (m_ssl && SSL_get_error(m_ssl, int(got)) != SSL_ERROR_ZERO_RETURN))
                m_error = u"read ended with an error (%1, TLS %2)"_s
                              .arg(QString::fromLocal8Bit(std::strerror(errno)))
                              .arg(m_ssl ? SSL_get_error(m_ssl, int(got)) : 0);
            return received;
        }
    }

    QString error() const { return m_error; }

private:
    int m_fd = -1;
    SSL_CTX *m_context = nullptr;
    SSL *m_ssl = nullptr;
    QString m_error;
};

// The header of a masked text frame that announces length bytes (64-bit length, a fixed mask).
QByteArray textFrameHeader(quint64 length)
{
    QByteArray header("\x81\xff", 2);
    header.resize(10);
    qToBigEndian<quint64>(length, header.data() + 2);
    return header.append("\x12\x34\x56\x78", 4);
}

struct ServerFrame
{
    int opcode = -1;
    QByteArray payload;
};

// The unmasked frames a server sends, in order, after the handshake's response; stops at an
// incomplete one.
QList<ServerFrame> parseFrames(const QByteArray &received)
{
    QList<ServerFrame> frames;
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return frames;
    const QByteArray bytes = received.mid(headEnd + 4);
    qsizetype at = 0;
    while (bytes.size() - at >= 2) {
        const auto byte = [&](qsizetype i) { return quint8(bytes.at(at + i)); };
        qint64 length = byte(1) & 0x7f;
        qsizetype head = 2;
        if (length == 126) {
            if (bytes.size() - at < 4)
                break;
            length = qFromBigEndian<quint16>(bytes.constData() + at + 2);
            head = 4;
        } else if (length == 127) {
            if (bytes.size() - at < 10)
                break;
            length = qint64(qFromBigEndian<quint64>(bytes.constData() + at + 2));
            head = 10;
        }
        if (bytes.size() - at - head < length)
            break;
        frames.append({byte(0) & 0x0f, bytes.mid(at + head, length)});
        at += head + length;
    }
    return frames;
}

} // namespace

class tst_WebSocketClose final : public QObject
{
    Q_OBJECT

private slots:
    // A write to a reset connection must fail with EPIPE, not end this process with SIGPIPE
    // (OpenSSL writes with write(), without MSG_NOSIGNAL): the server would be left running.
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }
    void oversizedFrameWhileStreaming_data();
    void oversizedFrameWhileStreaming();
    void endlessStreamIsCutAtTheDeadline();
    void frameAboveQtsLimitWithTheHandshake();
};

void tst_WebSocketClose::oversizedFrameWhileStreaming_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

void tst_WebSocketClose::oversizedFrameWhileStreaming()
{
    QFETCH(bool, tls);
    HeadlessServer server(tls ? QStringList {u"--tls"_s} : QStringList());
    QVERIFY(server.start());
    BlockingClient client;
    QVERIFY(client.connectTo(server.port(), tls));
    QVERIFY(client.sendAll(webSocketRequest("/ws?token=" + RawToken + "&username=streamer")));

    // A masked text frame announcing 200 MiB, then 64 MiB of it, without reading meanwhile: the
    // response to the handshake, the welcome and the close frame wait in this side's buffer.
    const QByteArray header = textFrameHeader(200 * MiB);
    QVERIFY(client.sendAll(header));
    const QByteArray chunk(MiB, 'x');
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 64; ++i)
        QVERIFY2(client.sendAll(chunk),
                 qPrintable(u"write failed after %1 MiB of 64: %2"_s.arg(i).arg(client.error())));
    qInfo().noquote() << (tls ? "TLS:" : "plain:") << "64 MiB written in" << clock.elapsed()
                      << "ms";

    // The server ends its lingering once the input has been quiet; its close frame came first.
    clock.start();
    const QList<ServerFrame> frames = parseFrames(client.receiveToEnd());
    QVERIFY2(client.error().isEmpty(), qPrintable(client.error()));
    QVERIFY(clock.elapsed() < LingeringClose::DeadlineMs + 1000);
    QVERIFY(!frames.isEmpty());
    const ServerFrame &last = frames.last();
    QCOMPARE(last.opcode, 0x8);
    QVERIFY(last.payload.size() >= 2);
    QCOMPARE(qFromBigEndian<quint16>(last.payload.constData()), quint16(1009));
}

// The cap: a peer that never stops sending does not hold its connection (and a descriptor) for
// longer than the lingering's deadline. The server reads and drops until then, so the writes go
// on well past the close; at the deadline it closes, and the next write fails.
void tst_WebSocketClose::endlessStreamIsCutAtTheDeadline()
{
    HeadlessServer server;
    QVERIFY(server.start());
    BlockingClient client;
    QVERIFY(client.connectTo(server.port(), false));
    QVERIFY(client.sendAll(webSocketRequest("/ws?token=" + RawToken + "&username=endless")));
    const QByteArray header = textFrameHeader(200 * MiB);
    QVERIFY(client.sendAll(header));
    QElapsedTimer clock;
    clock.start();
    const QByteArray chunk(MiB, 'x');
    qint64 sent = 0;
    const qint64 bound = LingeringClose::DeadlineMs + 5000;
    while (clock.elapsed() < bound && client.sendAll(chunk))
        sent += chunk.size();
    const qint64 cutAfter = clock.elapsed();
    qInfo().noquote() << "cut after" << cutAfter << "ms and" << sent / MiB
                      << "MiB:" << client.error();
    QVERIFY2(!client.error().isEmpty(), "the server never closed the endless stream");
    // Read and dropped for the whole deadline (a close at once would fail the writes at once),
    // and not longer than the deadline plus a loaded machine's slack.
    QVERIFY2(cutAfter >= LingeringClose::DeadlineMs - 100, qPrintable(QString::number(cutAfter)));
    QVERIFY2(cutAfter < bound, qPrintable(QString::number(cutAfter)));
}

// A frame announced above Qt's own limit (2 GiB, which applies before the server's) in the same
// burst as the request: Qt closes the connection within the handshake. The server takes that as
// the end of a connection, not as its "cannot happen" (it logged a critical line per attempt),
// and goes on serving.
void tst_WebSocketClose::frameAboveQtsLimitWithTheHandshake()
{
    HeadlessServer server;
    QVERIFY(server.start());
    {
        BlockingClient client;
        QVERIFY(client.connectTo(server.port(), false));
        QByteArray burst = webSocketRequest("/ws?token=" + RawToken + "&username=huge");
        burst.append(textFrameHeader(quint64(1) << 40)).append(64 * 1024, 'x');
        client.sendAll(burst); // may fail: the server is allowed to reset
        client.receiveToEnd();
    }
    BlockingClient next;
    QVERIFY(next.connectTo(server.port(), false));
    QVERIFY(next.sendAll(webSocketRequest("/ws?token=" + RawToken + "&username=next")));
    QTRY_VERIFY_WITH_TIMEOUT(server.log().contains("next connected"), 10000);
    const QByteArray log = server.log();
    QVERIFY2(!log.contains("no transport"), log.constData());
    QVERIFY2(!log.contains("huge connected"), log.constData());
}

QTEST_GUILESS_MAIN(tst_WebSocketClose)
#include "tst_websocketclose.moc"
