#include "portmultiplexer.h"

#include "httpheaders.h"
#include "logging.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

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

} // namespace

PortMultiplexer::PortMultiplexer(QObject *parent) : QTcpServer(parent)
{
    setMaxPendingConnections(1024);
    setListenBacklogSize(1024);
}

PortMultiplexer::~PortMultiplexer() = default;

void PortMultiplexer::setLimits(int headTimeoutMs, qint64 maxBodyBytes, int idleMs)
{
    m_headTimeoutMs = headTimeoutMs;
    m_maxBodyBytes = maxBodyBytes;
    m_idleMs = idleMs;
}

void PortMultiplexer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
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
    QTimer::singleShot(m_headTimeoutMs, socket, [this, socket] {
        if (m_undecided.contains(socket)) {
            qCDebug(lcServer) << "closing a connection that sent no request head in time";
            m_undecided.remove(socket);
            socket->abort();
            socket->deleteLater();
        }
    });
}

void PortMultiplexer::inspect(QTcpSocket *socket)
{
    if (!m_undecided.contains(socket))
        return;
    const QByteArray head = socket->peek(MaxHeadBytes + 4);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > MaxHeadBytes)
            refuse(socket, "431 Request Header Fields Too Large");
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

void PortMultiplexer::refuse(QTcpSocket *socket, const QByteArray &status)
{
    m_undecided.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(2000, socket, &QTcpSocket::abort);
}
