#include "websocketupgrades.h"

#include "lingeringclose.h"
#include "logging.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace {
QString transportKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}
} // namespace

WebSocketUpgrades::WebSocketUpgrades(int handshakeTimeoutMs, QObject *parent)
    : QObject(parent),
      m_server(new QWebSocketServer(u"LanChat"_s, QWebSocketServer::NonSecureMode, this)),
      m_lingeringClose(new LingeringClose(this))
{
    m_server->setMaxPendingConnections(1024);
    m_server->setHandshakeTimeout(handshakeTimeoutMs);
    connect(m_server, &QWebSocketServer::newConnection, this, [this] {
        while (m_server->hasPendingConnections()) {
            QWebSocket *socket = m_server->nextPendingConnection();
            if (!socket)
                continue;
            // The entry is taken whatever the receiver does with the socket.
            const Transport transport
                = m_transports.take(transportKey(socket->peerAddress(), socket->peerPort()));
            if (!transport.socket && socket->state() != QAbstractSocket::ConnectedState) {
                // Qt closed it within the handshake: a first frame above Qt's own size limit
                // (2 GiB, before the server's applies) came with the request, and the TCP socket
                // went with the close. Nothing to admit.
                qCDebug(lcConnections) << "a WebSocket closed during its handshake";
                socket->deleteLater();
                continue;
            }
            if (transport.socket)
                m_lingeringClose->watch(socket, transport.socket);
            emit ready(socket, transport.socket, transport.hostAllowed);
        }
    });
}

void WebSocketUpgrades::handle(QTcpSocket *socket, bool hostAllowed)
{
    // Entries normally leave when their handshake completes; one that Qt refuses never does.
    if (m_transports.size() > 1024)
        m_transports.removeIf([](const auto &entry) { return !entry.value().socket; });
    m_transports.insert(transportKey(socket->peerAddress(), socket->peerPort()),
                        Transport {socket, hostAllowed});
    m_server->handleConnection(socket);
}

#include "moc_websocketupgrades.cpp"
