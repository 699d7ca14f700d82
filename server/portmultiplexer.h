// Lives in the server thread. The one listening socket for WebSocket and HTTP: it gives every
// connection an HttpConnection that reads its requests one at a time, and passes WebSocket
// handshakes on. With TLS on, it first peeks at the first byte on the descriptor: a TLS record
// becomes a QSslSocket that is encrypted before any request is read; plaintext gets a redirect to
// https:// (or a 403 for a WebSocket handshake).
#pragma once

#include "httpconnection.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>

class HttpService;
class QSocketNotifier;
class QTcpSocket;

class PortMultiplexer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortMultiplexer)

public:
    explicit PortMultiplexer(QObject *parent = nullptr);
    ~PortMultiplexer() override;

    // The routes and the host check for every request (not owned). Without it, requests get 503.
    void setHttpService(HttpService *service) { m_service = service; }
    // Every connection gets these limits.
    void setLimits(const HttpConnection::Limits &limits) { m_limits = limits; }
    // Serves TLS with this configuration (certificate, key, TLS 1.2 or later). The first
    // request's deadline covers the TLS handshake too.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTlsEnabled() const { return m_tlsEnabled; }

    // Connections whose first byte (TLS on) or TLS handshake is still awaited.
    int undecidedCount() const { return int(m_handshaking.size() + m_sniffing.size()); }

signals:
    // A WebSocket handshake on a WebSocket path; its bytes are still unread in the socket, which
    // the receiver takes over. hostAllowed: its Host names this server.
    void webSocketUpgrade(QTcpSocket *socket, bool hostAllowed);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void sniff(QSocketNotifier *notifier, QDeadlineTimer deadline);
    void closeSniffed(QSocketNotifier *notifier);
    void adopt(QTcpSocket *socket, qintptr socketDescriptor, QDeadlineTimer deadline);
    void startHttp(QTcpSocket *socket, QDeadlineTimer deadline);

    HttpService *m_service = nullptr;
    HttpConnection::Limits m_limits;

    bool m_tlsEnabled = false;
    QSslConfiguration m_tls;

    QSet<QSocketNotifier *> m_sniffing; // TLS on: descriptors whose first byte is awaited
    QSet<QTcpSocket *> m_handshaking; // TLS handshake under way
};
