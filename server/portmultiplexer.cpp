#include "portmultiplexer.h"

#include "logging.h"

#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The first byte of a TLS handshake record (RFC 8446, 5.1: ContentType handshake); no HTTP
// request starts with it.
constexpr unsigned char TlsHandshakeRecord = 0x16;

} // namespace

PortMultiplexer::PortMultiplexer(QObject *parent) : QTcpServer(parent)
{
    setListenBacklogSize(1024);
}

PortMultiplexer::~PortMultiplexer()
{
    // Descriptors still being sniffed belong to no socket object yet.
    const QList<QSocketNotifier *> sniffing = m_sniffing.values();
    for (QSocketNotifier *notifier : sniffing)
        closeSniffed(notifier);
}

void PortMultiplexer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    m_tlsEnabled = !configuration.localCertificate().isNull();
}

void PortMultiplexer::incomingConnection(qintptr socketDescriptor)
{
    // One deadline from accept() on: first byte, TLS handshake and first request together.
    const QDeadlineTimer deadline(m_limits.requestTimeoutMs);
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
        if (!m_sniffing.contains(notifier))
            return;
        qCDebug(lcServer) << "closing a connection that sent nothing in time";
        closeSniffed(notifier);
    });
}

void PortMultiplexer::closeSniffed(QSocketNotifier *notifier)
{
    m_sniffing.remove(notifier);
    notifier->setEnabled(false);
    ::close(int(notifier->socket()));
    notifier->deleteLater();
}

void PortMultiplexer::sniff(QSocketNotifier *notifier, QDeadlineTimer deadline)
{
    if (!m_sniffing.contains(notifier))
        return;
    const int descriptor = int(notifier->socket());
    unsigned char first = 0;
    const ssize_t received = ::recv(descriptor, &first, 1, MSG_PEEK | MSG_DONTWAIT);
    if (received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (received <= 0) { // closed by the peer, or reset
        closeSniffed(notifier);
        return;
    }
    m_sniffing.remove(notifier);
    notifier->setEnabled(false); // the socket below registers a notifier of its own
    notifier->deleteLater();
    QTcpSocket *socket = first == TlsHandshakeRecord ? new QSslSocket(this) : new QTcpSocket(this);
    adopt(socket, descriptor, deadline);
}

void PortMultiplexer::adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline)
{
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServer) << "cannot adopt an accepted connection:" << socket->errorString();
        ::close(int(socketDescriptor));
        delete socket;
        return;
    }
    // Chat frames are small: without this, Nagle and delayed ACKs add ~40 ms to many of them.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *tls = qobject_cast<QSslSocket *>(socket);
    if (!tls) {
        startHttp(socket, deadline);
        return;
    }
    m_handshaking.insert(tls);
    const auto drop = [this, tls] {
        if (!m_handshaking.remove(tls))
            return;
        tls->abort();
        tls->deleteLater();
    };
    connect(tls, &QSslSocket::encrypted, this, [this, tls, deadline] {
        if (!m_handshaking.remove(tls))
            return;
        disconnect(tls, nullptr, this, nullptr);
        startHttp(tls, deadline);
    });
    connect(tls, &QAbstractSocket::errorOccurred, this, [tls, drop] {
        // Typically a client that offered only TLS 1.0/1.1 or does not trust the certificate.
        qCDebug(lcServer).noquote() << "TLS handshake failed:" << tls->errorString();
        drop();
    });
    connect(tls, &QAbstractSocket::disconnected, this, drop);
    QTimer::singleShot(int(qMax<qint64>(0, deadline.remainingTime())), tls, [drop] {
        qCDebug(lcServer) << "closing a connection whose TLS handshake did not end in time";
        drop();
    });
    tls->setSslConfiguration(m_tls);
    tls->startServerEncryption();
}

void PortMultiplexer::startHttp(QTcpSocket *socket, QDeadlineTimer deadline)
{
    const bool tlsRequired = m_tlsEnabled && !qobject_cast<QSslSocket *>(socket);
    auto *connection = new HttpConnection(socket, m_service, m_limits, deadline, tlsRequired);
    connect(connection, &HttpConnection::webSocketUpgrade, this,
            &PortMultiplexer::webSocketUpgrade);
}
