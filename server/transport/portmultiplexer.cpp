#include "portmultiplexer.h"

#include "connectionmanager.h"
#include "descriptorlimit.h"
#include "logging.h"

#include <QNetworkProxy>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The first byte of a TLS handshake record (RFC 8446, 5.1: ContentType handshake); no HTTP
// request starts with it.
constexpr unsigned char TlsHandshakeRecord = 0x16;

// A child of each connection's socket: gives the connection's place in the caps back when the
// socket goes, whoever deletes it (the WebSocket side deletes the ones it took over).
class CountedConnection final : public QObject
{
public:
    CountedConnection(std::shared_ptr<PortMultiplexer::Counts> counts, QString address,
                      QObject *socket)
        : QObject(socket), m_counts(std::move(counts)), m_address(std::move(address))
    { }
    ~CountedConnection() override { m_counts->release(m_address); }
    Q_DISABLE_COPY_MOVE(CountedConnection)

private:
    std::shared_ptr<PortMultiplexer::Counts> m_counts;
    QString m_address;
};

QString peerAddressOf(qintptr descriptor)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof storage;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    return ConnectionManager::addressText(QHostAddress(reinterpret_cast<sockaddr *>(&storage)));
}

} // namespace

void PortMultiplexer::Counts::release(const QString &address)
{
    --total;
    const auto it = perAddress.find(address);
    if (it != perAddress.end() && --it.value() <= 0)
        perAddress.erase(it);
}

PortMultiplexer::PortMultiplexer(QObject *parent)
    : QTcpServer(parent), m_resumeTimer(new QTimer(this))
{
    setListenBacklogSize(1024);
    setProxy(QNetworkProxy::NoProxy); // the listening descriptor is a plain socket
    m_resumeTimer->setSingleShot(true);
    connect(m_resumeTimer, &QTimer::timeout, this, [this] {
        if (m_acceptor)
            m_acceptor->setEnabled(true);
    });
}

PortMultiplexer::~PortMultiplexer()
{
    closeListener();
    // Descriptors still being sniffed belong to no socket object yet.
    const QList<QSocketNotifier *> sniffing = m_sniffing.keys();
    for (QSocketNotifier *notifier : sniffing)
        closeSniffed(notifier);
}

bool PortMultiplexer::open(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    // QTcpServer's own notifier stays off (it is re-enabled only by nextPendingConnection() and
    // resumeAccepting(), never called here); this one accepts instead.
    QTcpServer::pauseAccepting();
    m_acceptor = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptor, &QSocketNotifier::activated, this, &PortMultiplexer::acceptPending);
    return true;
}

void PortMultiplexer::closeListener()
{
    m_resumeTimer->stop();
    delete m_acceptor; // before its descriptor is closed
    m_acceptor = nullptr;
    close();
}

void PortMultiplexer::acceptPending()
{
    // A bounded batch per wake-up: a flood of connects must not hold the event loop.
    for (int i = 0; i < 64; ++i) {
        const int descriptor
            = ::accept4(int(socketDescriptor()), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (descriptor >= 0) {
            accepted(descriptor);
            continue;
        }
        switch (errno) {
        case EAGAIN:
#if EAGAIN != EWOULDBLOCK
        case EWOULDBLOCK:
#endif
            return;
        case EINTR:
        case ECONNABORTED: // gone before it was accepted
        case EPROTO:
        case ENETDOWN:
        case ENOPROTOOPT:
        case EHOSTDOWN:
        case ENONET:
        case EHOSTUNREACH:
        case EOPNOTSUPP:
        case ENETUNREACH:
            continue;
        case EMFILE:
        case ENFILE:
        case ENOBUFS:
        case ENOMEM:
            holdAccepting("out of descriptors", errno);
            return;
        default:
            holdAccepting("accepting a connection failed", errno);
            return;
        }
    }
}

// Retrying at once would find the same error in a loop: try again after a moment, when
// connections may have closed; meanwhile new ones wait in the kernel's backlog.
void PortMultiplexer::holdAccepting(const char *reason, int error)
{
    // Said once a minute at most: under attack, descriptors come and go all the time.
    if (!m_outOfDescriptors
        && (!m_lastWarning.isValid() || m_lastWarning.elapsed() > WarningIntervalMs)) {
        m_lastWarning.start();
        qCWarning(lcServer).noquote()
            << u"%1 (%2):"_s.arg(QLatin1StringView(reason), QString::fromLocal8Bit(strerror(error)))
            << m_counts->total << "connections are open; accepting pauses for" << AcceptPauseMs
            << "ms at a time until some close";
    }
    m_outOfDescriptors = true;
    m_acceptor->setEnabled(false);
    m_resumeTimer->start(AcceptPauseMs);
}

void PortMultiplexer::setLimits(const ServerConfig &config)
{
    const DescriptorLimit::Raise descriptors = DescriptorLimit::raiseToHardLimit();
    const int budget = DescriptorLimit::connectionBudget(descriptors.now);
    int total = config.maxSockets > 0 ? config.maxSockets : budget;
    const int perAddress = config.maxConnectionsPerAddress + ServerConfig::OtherSocketsPerAddress;
    if (config.maxSockets > budget)
        qCWarning(lcServer).noquote()
            << "--max-sockets" << config.maxSockets << "is above the" << budget
            << "connections the descriptor limit leaves room for; when descriptors run out, "
               "accepting pauses until some close";
    if (config.maxConnections > budget) {
        const qint64 needed = DescriptorLimit::limitFor(config.maxConnections);
        qCWarning(lcServer).noquote()
            << u"--max-connections %1 needs a descriptor limit of at least %2, but it is %3 (hard "
               "limit %4), which leaves room for %5 connections. Raise it with `ulimit -n %2` "
               "before starting (a hard limit below that needs root), or LimitNOFILE=%2 in a "
               "systemd unit"_s.arg(config.maxConnections)
                   .arg(needed)
                   .arg(descriptors.now)
                   .arg(descriptors.hard)
                   .arg(budget);
    }
    if (descriptors.now != descriptors.before)
        qCInfo(lcServer).noquote()
            << "descriptor limit raised from" << descriptors.before << "to" << descriptors.now;
    qCInfo(lcServer).noquote() << "descriptor limit" << descriptors.now << "(hard limit"
                               << descriptors.hard << "): at most" << total
                               << "connections at once," << perAddress << "from one address";
    HttpConnection::Limits limits;
    limits.requestTimeoutMs = config.handshakeTimeoutMs;
    limits.idleTimeoutMs = config.httpIdleSeconds * 1000;
    limits.maxBodyBytes = config.maxHttpBodyBytes;
    setLimits(limits, total, perAddress);
}

void PortMultiplexer::setLimits(const HttpConnection::Limits &limits, int maxConnections,
                                int maxConnectionsPerAddress)
{
    m_limits = limits;
    m_maxConnections = maxConnections;
    m_maxConnectionsPerAddress = maxConnectionsPerAddress;
}

void PortMultiplexer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    m_tlsEnabled = !configuration.localCertificate().isNull();
}

void PortMultiplexer::accepted(qintptr socketDescriptor)
{
    if (m_outOfDescriptors) {
        m_outOfDescriptors = false;
        qCDebug(lcServer) << "accepting connections again";
    }
    const QString address = peerAddressOf(socketDescriptor);
    if ((m_maxConnections > 0 && m_counts->total >= m_maxConnections)
        || (m_maxConnectionsPerAddress > 0
            && m_counts->perAddress.value(address) >= m_maxConnectionsPerAddress)) {
        // Closed at once: holding it would cost the very descriptor that is short.
        qCDebug(lcServer).noquote()
            << "refused a connection from" << LanChat::escapeForLog(address) << "(connection cap)";
        ::close(int(socketDescriptor));
        return;
    }
    ++m_counts->total;
    ++m_counts->perAddress[address];

    // One deadline from accept() on: first byte, TLS handshake and first request together.
    const QDeadlineTimer deadline(m_limits.requestTimeoutMs);
    if (!m_tlsEnabled) {
        adopt(new QTcpSocket(this), socketDescriptor, deadline);
        return;
    }
    // A QTcpSocket would read the ClientHello into its own buffer, where a QSslSocket could
    // not take it over: look at the descriptor itself until the first byte is there.
    auto *notifier = new QSocketNotifier(socketDescriptor, QSocketNotifier::Read, this);
    m_sniffing.insert(notifier, address);
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
    const QString address = m_sniffing.take(notifier);
    notifier->setEnabled(false);
    ::close(int(notifier->socket()));
    notifier->deleteLater();
    m_counts->release(address);
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
    const QString address = m_sniffing.take(notifier);
    notifier->setEnabled(false); // the socket below registers a notifier of its own
    notifier->deleteLater();
    QTcpSocket *socket = first == TlsHandshakeRecord ? new QSslSocket(this) : new QTcpSocket(this);
    new CountedConnection(m_counts, address, socket);
    adopt(socket, descriptor, deadline);
}

void PortMultiplexer::adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline)
{
    if (!socket->findChild<CountedConnection *>(QString(), Qt::FindDirectChildrenOnly))
        new CountedConnection(m_counts, peerAddressOf(socketDescriptor), socket);
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

#include "moc_portmultiplexer.cpp"
