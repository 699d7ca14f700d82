// Lives in the server thread. The one listening TCP server: it reads the head of each new
// connection without consuming it (peek), then passes WebSocket upgrades on to the chat side and
// queues everything else as a pending connection for the QHttpServer bound to it. With TLS on,
// it first peeks at the first byte on the descriptor: a TLS record becomes a QSslSocket that
// is encrypted before its head is read; plaintext gets a redirect to https:// (HTTP) or a 403
// (WebSocket upgrades: the token must not travel in clear).
#pragma once

#include <QDeadlineTimer>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>

class QSocketNotifier;
class QTcpSocket;

class PortMultiplexer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMultiplexer)

public:
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;

    explicit PortMultiplexer(QObject *parent = nullptr);
    ~PortMultiplexer() override;

    // QHttpServer 6.4 has no limits of its own: these are enforced here for every HTTP
    // connection (the request head within headTimeoutMs, bodies up to maxBodyBytes, keep-alive
    // connections closed after idleMs without traffic).
    void setLimits(int headTimeoutMs, qint64 maxBodyBytes, int idleMs);
    // Serves TLS with this configuration (certificate, key, TLS 1.2 or later). The head timeout
    // covers the TLS handshake too.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTlsEnabled() const { return m_tlsEnabled; }

    // Connections whose head has not arrived yet (with TLS: or whose first byte has not).
    int undecidedCount() const { return int(m_undecided.size() + m_sniffing.size()); }

signals:
    // A request asking to upgrade to WebSocket; its bytes are still unread in the socket.
    void webSocketUpgrade(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void sniff(QSocketNotifier *notifier, QDeadlineTimer deadline);
    void adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline);
    void inspect(QTcpSocket *socket);
    void refusePlaintext(QTcpSocket *socket, const QByteArray &head);
    void refuse(QTcpSocket *socket, const QByteArray &status, const QByteArray &headers = {},
                const QByteArray &body = {});
    void guardHttpConnection(QTcpSocket *socket);

    int m_headTimeoutMs = 10'000;
    qint64 m_maxBodyBytes = 1024 * 1024;
    int m_idleMs = 15'000;

    bool m_tlsEnabled = false;
    QSslConfiguration m_tls;

    QSet<QTcpSocket *> m_undecided;
    QSet<QSocketNotifier *> m_sniffing; // TLS on: descriptors whose first byte has not arrived
};
