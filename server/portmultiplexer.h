// Lives in the server thread. The one listening TCP server: it reads the head of each new
// connection without consuming it (peek), then passes WebSocket upgrades on to the chat side and
// queues everything else as a pending connection for the QHttpServer bound to it.
#pragma once

#include <QSet>
#include <QTcpServer>

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

    // Connections whose head has not arrived yet.
    int undecidedCount() const { return int(m_undecided.size()); }

signals:
    // A request asking to upgrade to WebSocket; its bytes are still unread in the socket.
    void webSocketUpgrade(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, const QByteArray &status);
    void guardHttpConnection(QTcpSocket *socket);

    int m_headTimeoutMs = 10'000;
    qint64 m_maxBodyBytes = 1024 * 1024;
    int m_idleMs = 15'000;

    QSet<QTcpSocket *> m_undecided;
};
