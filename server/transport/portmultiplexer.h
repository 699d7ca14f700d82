// Lives in the server thread. The one listening socket for WebSocket and HTTP: it accepts within
// the connection caps (every kind of connection counts, in total and per address), gives every
// connection an HttpConnection that reads its requests one at a time, and passes WebSocket
// handshakes on. With TLS on, it first peeks at the first byte on the descriptor: a TLS record
// becomes a QSslSocket that is encrypted before any request is read; plaintext gets a redirect to
// https:// (or a 403 for a WebSocket handshake). It accepts on its own notifier rather than
// QTcpServer's: Qt 6.4 neither reports EMFILE reliably nor stops retrying it (measured: no
// acceptError, and the server thread spun on accept4), so here, when descriptors run out,
// accepting pauses for a moment instead.
#pragma once

#include "chattypes.h"
#include "httpconnection.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>

#include <memory>

class HttpService;
class QSocketNotifier;
class QTcpSocket;
class QTimer;

class PortMultiplexer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMultiplexer)

public:
    // How long accepting pauses when the process is out of descriptors, and how often at most
    // that is logged.
    static constexpr int AcceptPauseMs = 200;
    static constexpr int WarningIntervalMs = 60'000;

    // Open connections, shared with a guard on each connection's socket, so that a socket that
    // outlives the multiplexer (one the WebSocket side took over) can still give its place back.
    struct Counts
    {
        int total = 0;
        QHash<QString, int> perAddress;
        void release(const QString &address);
    };

    explicit PortMultiplexer(QObject *parent = nullptr);
    ~PortMultiplexer() override;

    // Listens and starts accepting (use these, not QTcpServer's listen() and close()).
    bool open(const QHostAddress &address, quint16 port);
    void closeListener();

    // The routes and the host check for every request (not owned). Without it, requests get 503.
    void setHttpService(HttpService *service) { m_service = service; }
    // The server's limits (docs/PROTOCOL.md, "Limits"): the descriptor limit raised to the hard
    // limit, and connections of every kind (chat, echo, HTTP, handshakes under way) capped below
    // what it leaves room for, keeping descriptors for the database and the rest of the process.
    void setLimits(const ServerConfig &config);
    // Every connection gets these limits; maxConnections and maxConnectionsPerAddress count
    // connections of every kind (0: no cap).
    void setLimits(const HttpConnection::Limits &limits, int maxConnections,
                   int maxConnectionsPerAddress);
    // Serves TLS with this configuration (certificate, key, TLS 1.2 or later). The first
    // request's deadline covers the TLS handshake too.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTlsEnabled() const { return m_tlsEnabled; }

    // Connections whose first byte (TLS on) or TLS handshake is still awaited.
    int undecidedCount() const { return int(m_handshaking.size() + m_sniffing.size()); }
    // Open connections of every kind, and those from one address.
    int connectionCount() const { return m_counts->total; }
    int connectionCount(const QString &address) const
    {
        return m_counts->perAddress.value(address);
    }

signals:
    // A WebSocket handshake on a WebSocket path; its bytes are still unread in the socket, which
    // the receiver takes over. hostAllowed: its Host names this server.
    void webSocketUpgrade(QTcpSocket *socket, bool hostAllowed);

private:
    void acceptPending();
    void holdAccepting(const char *reason, int error);
    void accepted(qintptr socketDescriptor);
    void sniff(QSocketNotifier *notifier, QDeadlineTimer deadline);
    void closeSniffed(QSocketNotifier *notifier);
    void adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline);
    void startHttp(QTcpSocket *socket, QDeadlineTimer deadline);

    HttpService *m_service = nullptr;
    HttpConnection::Limits m_limits;
    int m_maxConnections = 0;
    int m_maxConnectionsPerAddress = 0;

    bool m_tlsEnabled = false;
    QSslConfiguration m_tls;

    std::shared_ptr<Counts> m_counts = std::make_shared<Counts>();
    QHash<QSocketNotifier *, QString> m_sniffing; // TLS on: first byte awaited; by peer address
    QSet<QTcpSocket *> m_handshaking; // TLS handshake under way
    QSocketNotifier *m_acceptor = nullptr; // on the listening descriptor
    QTimer *m_resumeTimer = nullptr;
    bool m_outOfDescriptors = false;
    QElapsedTimer m_lastWarning;
};
