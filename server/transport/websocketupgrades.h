// Lives in the server thread (ChatServer owns it, as a QObject child).
//
// The WebSocket handshakes the PortMultiplexer passes on, completed by Qt's QWebSocketServer,
// each paired again with the TCP socket under it (QWebSocket does not expose it; the fan-out
// writes to it) and with whether its Host named this server. Every one of them closes lingering
// (LingeringClose).
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class LingeringClose;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

class WebSocketUpgrades final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketUpgrades)

public:
    explicit WebSocketUpgrades(int handshakeTimeoutMs, QObject *parent = nullptr);

    // A connection whose request is a WebSocket upgrade (PortMultiplexer::webSocketUpgrade).
    void handle(QTcpSocket *socket, bool hostAllowed);

signals:
    // A completed handshake; the receiver owns the socket. transport is null when the pairing
    // was lost, which cannot happen: every WebSocket comes through handle().
    void ready(QWebSocket *socket, QTcpSocket *transport, bool hostAllowed);

private:
    struct Transport
    {
        QPointer<QTcpSocket> socket;
        bool hostAllowed = false;
    };

    QWebSocketServer *m_server;
    LingeringClose *m_lingeringClose;
    QHash<QString, Transport> m_transports; // by peer address and port, until ready()
};
