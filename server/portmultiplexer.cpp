#include "portmultiplexer.h"

#include "httpheaders.h"
#include "logging.h"

#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// True when the head asks to upgrade to WebSocket (RFC 6455, 4.2.1).
bool asksForWebSocket(const QByteArray &head)
{
    const QList<QByteArray> tokens = HttpHeaders::value(head, "upgrade").split(',');
    return std::any_of(tokens.cbegin(), tokens.cend(), [](const QByteArray &token) {
        return token.trimmed().compare("websocket", Qt::CaseInsensitive) == 0;
    });
}

// The first byte of a TLS handshake record (RFC 8446, 5.1: ContentType handshake); no HTTP
// request starts with it.
constexpr unsigned char TlsHandshakeRecord = 0x16;

// The Host header if it is a plain host[:port] (it goes into a Location header), else empty.
QByteArray safeHost(const QByteArray &head)
{
    const QByteArray host = HttpHeaders::value(head, "host");
    const bool safe = std::all_of(host.cbegin(), host.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    return safe ? host : QByteArray();
}

// The origin-form request target of the request line, or "/" when it is anything else.
QByteArray requestTarget(const QByteArray &head)
{
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(1).startsWith('/'))
        return "/";
    const QByteArray &target = requestLine.at(1);
    const bool safe
        = std::all_of(target.cbegin(), target.cend(), [](char c) { return c > ' ' && c < 0x7f; });
    return safe ? target : QByteArray("/");
}

} // namespace

PortMultiplexer::PortMultiplexer(QObject *parent) : QTcpServer(parent)
{
    setMaxPendingConnections(1024);
    setListenBacklogSize(1024);
}

PortMultiplexer::~PortMultiplexer()
{
    // Descriptors still being sniffed belong to no socket object yet.
    for (QSocketNotifier *notifier : std::as_const(m_sniffing))
        ::close(int(notifier->socket()));
}

void PortMultiplexer::setLimits(int headTimeoutMs, qint64 maxBodyBytes, int idleMs)
{
    m_headTimeoutMs = headTimeoutMs;
    m_maxBodyBytes = maxBodyBytes;
    m_idleMs = idleMs;
}

void PortMultiplexer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    m_tlsEnabled = !configuration.localCertificate().isNull();
}

void PortMultiplexer::incomingConnection(qintptr socketDescriptor)
{
    // One deadline from accept() on: first byte, TLS handshake and request head together.
    const QDeadlineTimer deadline(m_headTimeoutMs);
    if (!m_tlsEnabled) {
        adopt(new QTcpSocket(this), socketDescriptor, deadline);
        return;
    }
    // A QTcpSocket would read the ClientHello into its own buffer, where a QSslSocket could
    // not take it over: look at the descriptor itself until the first byte is there.
    auto *notifier = new QSocketNotifier(socketDescriptor, QSocketNotifier::Read, this);
    m_sniffing.insert(notifier);
    connect(notifier, &QSocketNotifier::activated, this,
            [this, notifier, deadline] { sniff(notifier, deadline); });
    QTimer::singleShot(int(qMax<qint64>(0, deadline.remainingTime())), notifier, [this, notifier] {
        // The first byte may have been handled in this same round of the event loop: the
        // descriptor then belongs to a socket (the notifier is only waiting for its deleteLater)
        // and must not be closed here.
        if (!m_sniffing.remove(notifier))
            return;
        qCDebug(lcServer) << "closing a connection that sent nothing in time";
        notifier->setEnabled(false);
        ::close(int(notifier->socket()));
        notifier->deleteLater();
    });
}

void PortMultiplexer::sniff(QSocketNotifier *notifier, QDeadlineTimer deadline)
{
    const int descriptor = int(notifier->socket());
    unsigned char first = 0;
    const ssize_t received = ::recv(descriptor, &first, 1, MSG_PEEK | MSG_DONTWAIT);
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    m_sniffing.remove(notifier);
    notifier->setEnabled(false); // the socket below registers a notifier of its own
    notifier->deleteLater();
    if (received <= 0) { // closed by the peer, or reset
        ::close(descriptor);
        return;
    }
    if (first == TlsHandshakeRecord)
        adopt(new QSslSocket(this), descriptor, deadline);
    else
        adopt(new QTcpSocket(this), descriptor, deadline);
}

void PortMultiplexer::adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline)
{
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServer) << "cannot adopt an accepted connection:" << socket->errorString();
        delete socket;
        return;
    }
    // Chat frames are small: without this, Nagle and delayed ACKs add ~40 ms to many of them.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_undecided.insert(socket);

    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (m_undecided.remove(socket))
            socket->deleteLater();
    });
    QTimer::singleShot(int(qMax<qint64>(0, deadline.remainingTime())), socket, [this, socket] {
        if (m_undecided.contains(socket)) {
            qCDebug(lcServer) << "closing a connection that sent no request head in time";
            m_undecided.remove(socket);
            socket->abort();
            socket->deleteLater();
        }
    });
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        connect(tls, &QSslSocket::encrypted, this, [this, tls] { inspect(tls); });
        connect(tls, &QAbstractSocket::errorOccurred, this, [this, tls] {
            if (!m_undecided.remove(tls))
                return;
            // Typically a client that offered only TLS 1.0/1.1 or does not trust the certificate.
            qCDebug(lcServer).noquote() << "TLS handshake failed:" << tls->errorString();
            tls->abort();
            tls->deleteLater();
        });
        tls->setSslConfiguration(m_tls);
        tls->startServerEncryption();
    }
}

void PortMultiplexer::inspect(QTcpSocket *socket)
{
    if (!m_undecided.contains(socket))
        return;
    const auto *tls = qobject_cast<QSslSocket *>(socket);
    if (tls && !tls->isEncrypted())
        return;
    const QByteArray head = socket->peek(MaxHeadBytes + 4);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > MaxHeadBytes)
            refuse(socket, "431 Request Header Fields Too Large");
        return;
    }

    if (m_tlsEnabled && !tls) {
        refusePlaintext(socket, head.left(end));
        return;
    }
    m_undecided.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    if (asksForWebSocket(head.left(end))) {
        emit webSocketUpgrade(socket);
        return;
    }
    const QByteArray contentLength = HttpHeaders::value(head.left(end), "content-length");
    if (!contentLength.isEmpty() && contentLength.toLongLong() > m_maxBodyBytes) {
        refuse(socket, "413 Content Too Large");
        return;
    }
    guardHttpConnection(socket);
    // Queue it for the QHttpServer bound to this server. The head is already buffered, so no
    // new readyRead would come: emit it once the HTTP server has connected to the socket.
    addPendingConnection(socket);
    emit newConnection();
    QMetaObject::invokeMethod(
        socket,
        [socket] {
            if (socket->bytesAvailable() > 0)
                emit socket->readyRead();
        },
        Qt::QueuedConnection);
}

// Keeps later requests on a keep-alive connection within bounds too: this slot is connected
// before the HTTP server's, so it sees every chunk first.
void PortMultiplexer::guardHttpConnection(QTcpSocket *socket)
{
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_idleMs);
    connect(idle, &QTimer::timeout, socket, [socket] {
        qCDebug(lcHttp) << "closing an idle HTTP connection";
        socket->disconnectFromHost();
    });
    idle->start();
    const qint64 maxBuffered = MaxHeadBytes + m_maxBodyBytes;
    connect(socket, &QTcpSocket::readyRead, idle, [socket, idle, maxBuffered] {
        idle->start();
        if (socket->bytesAvailable() > maxBuffered) {
            qCWarning(lcHttp) << "closing an HTTP connection that sent more than" << maxBuffered
                              << "bytes in one request";
            socket->abort();
        }
    });
    connect(socket, &QTcpSocket::bytesWritten, idle, [idle] { idle->start(); });
}

// TLS is on and this connection is plaintext. What it sent is already exposed; nothing more
// travels in clear: a browser is sent to the https:// address, a chat client is refused.
void PortMultiplexer::refusePlaintext(QTcpSocket *socket, const QByteArray &head)
{
    if (asksForWebSocket(head)) {
        qCInfo(lcConnections).noquote() << "refused a plaintext WebSocket connection from"
                                        << socket->peerAddress().toString() << "(TLS is on)";
        // The reason phrase is what QWebSocket reports: LanChat's client recognises it.
        refuse(socket, "403 TLS Required", "Content-Type: text/plain; charset=utf-8\r\n",
               "This chat requires TLS: connect with wss:// (or open the https:// address).\n");
        return;
    }
    QByteArray host = safeHost(head);
    if (host.isEmpty()) {
        const QHostAddress local = socket->localAddress();
        host = (local.protocol() == QAbstractSocket::IPv6Protocol
                    ? '[' + local.toString().toLatin1() + ']'
                    : local.toString().toLatin1())
               + ':' + QByteArray::number(socket->localPort());
    }
    // 307, not 301: browsers would cache a permanent redirect after TLS is turned off again.
    refuse(socket, "307 Temporary Redirect",
           "Location: https://" + host + requestTarget(head) + "\r\n");
}

void PortMultiplexer::refuse(QTcpSocket *socket, const QByteArray &status,
                             const QByteArray &headers, const QByteArray &body)
{
    m_undecided.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->write("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(2000, socket, &QTcpSocket::abort);
}
