// Fixtures of the port-hardening suites (tst_httpframing, tst_porthardening); everything lives in
// the test's main thread. RawHttpClient writes exactly the bytes a test gives it and reads the
// server's answers as they come; HeadlessServer runs the lanchat executable as a child process
// (optionally under a descriptor limit) and reads its memory and CPU time from /proc.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QProcess>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStringList>
#include <QTemporaryDir>

class RawHttpClient final
{
public:
    struct Response
    {
        int status = 0;
        QByteArray statusLine;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;

        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };

    RawHttpClient();
    ~RawHttpClient();
    Q_DISABLE_COPY_MOVE(RawHttpClient)

    // Plain TCP, or TLS trusting exactly that certificate; `from` binds the local address
    // (e.g. 127.0.0.2, another address of the loopback network).
    bool connectTo(quint16 port, const QSslCertificate &trusted = QSslCertificate(),
                   const QHostAddress &from = QHostAddress());
    void write(const QByteArray &bytes);
    // Reads the next response (framed by Content-Length; none for HEAD, 1xx, 204, 304). False on
    // timeout, or when the server closed before the response was complete.
    bool read(Response *response, int timeoutMs = 5000, bool toHead = false);
    // True once the server has closed the connection (end of stream or reset); what arrived
    // until then stays readable with read().
    bool waitForClose(int timeoutMs = 5000);
    bool isClosed();
    // Everything received and not read as a response yet.
    QByteArray pending();
    QSslSocket &socket() { return m_socket; }
    // What this side has not handed to the kernel yet (with TLS: plain and encrypted).
    qint64 unsentBytes() const
    {
        return m_socket.bytesToWrite() + m_socket.encryptedBytesToWrite();
    }

private:
    void receive();

    QSslSocket m_socket;
    QByteArray m_buffer;
    qsizetype m_offset = 0; // of the first byte not read as a response yet
};

// The lanchat executable with --headless on 127.0.0.1, port 0, a temporary data directory and the
// token "test-token"; killed by the destructor if still running.
class HeadlessServer final
{
public:
    // descriptorLimit > 0: run under prlimit --nofile=limit:limit (soft and hard).
    explicit HeadlessServer(const QStringList &extraArguments = {}, int descriptorLimit = 0,
                            int hardDescriptorLimit = 0);
    ~HeadlessServer();
    Q_DISABLE_COPY_MOVE(HeadlessServer)

    // Starts and reads the port from the first line; false (with a warning) on failure.
    bool start();
    quint16 port() const { return m_port; }
    // With --tls: the certificate the server generated in its data directory.
    QSslCertificate certificate() const;
    qint64 pid() const { return m_process.processId(); }
    // From /proc/<pid>: resident memory, and user + system CPU time.
    qint64 residentBytes() const;
    qint64 cpuMilliseconds() const;
    int openDescriptors() const;
    // A line of /proc/<pid>/limits, e.g. "Max open files".
    QString limitsLine(const QString &name) const;
    // Everything the process wrote to stderr so far (its log).
    QByteArray log();
    bool terminate(); // SIGTERM; waits for the exit

private:
    QTemporaryDir m_dataDir;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

// The token HeadlessServer and TestServer use, as raw header bytes.
inline const QByteArray RawToken = QByteArrayLiteral("test-token");
// A WebSocket opening handshake for path (with query) on 127.0.0.1.
QByteArray webSocketRequest(const QByteArray &target, const QByteArray &extraHeaders = {});
