#include "sockettransport.h"

#include "epolleventdispatcher.h"
#include "logging.h"
#include "socketbuffers.h"

#include <QSslSocket>

#include <memory>

SocketTransport::SocketTransport()
{
    // Once per server start: which of the platform-specific paths this server uses.
    qCInfo(lcConnections).noquote()
        << "fan-out sends:"
        << (m_sender.usesIoUring() ? "io_uring, one call per round" : "send() per client")
        << "- idle socket buffers:" << SocketBuffers::pathDescription();
}

QAbstractEventDispatcher *SocketTransport::createEventDispatcher()
{
    auto dispatcher = std::make_unique<EpollEventDispatcher>();
    if (!dispatcher->isValid())
        return nullptr;
    return dispatcher.release();
}

SocketTransport::Peer SocketTransport::adopt(QTcpSocket *socket)
{
    Q_ASSERT(socket);
    Peer peer;
    peer.socket = socket;
    // Encrypted bytes must go through QSslSocket; only plain TCP may bypass Qt's write path.
    peer.direct = qobject_cast<QSslSocket *>(socket) == nullptr;
    // An idle client then costs no buffer memory in Qt (see SocketBuffers). QSslSocket's own
    // buffering is left as Qt made it.
    if (peer.direct)
        SocketBuffers::releaseWhenEmpty(socket);
    return peer;
}

qint64 SocketTransport::encryptedBytesToWrite(const Peer &peer)
{
    if (peer.direct)
        return 0;
    const auto *tls = qobject_cast<const QSslSocket *>(peer.socket.data());
    return tls ? tls->encryptedBytesToWrite() : 0;
}

// A QTcpSocket::write() only queues: it arms the write notifier, and the event loop sends the
// bytes and disarms it again, a register/unregister pair with the event dispatcher per client and
// batch (39 % of the fan-out profile). When nothing is queued, the bytes go to the kernel at once
// (all clients' in one system call, see BatchSender) and only a remainder the kernel would not
// take is queued; order is kept because Qt's queue is empty whenever this bypasses it.
bool SocketTransport::write(ClientId id, const Peer &peer, const QByteArray &frames)
{
    QTcpSocket *socket = peer.socket;
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (peer.direct && socket->bytesToWrite() == 0) {
        m_sender.queue(int(socket->socketDescriptor()), frames.constData(), frames.size(), id);
        return false;
    }
    socket->write(frames);
    return true;
}

void SocketTransport::flush(const std::function<const Peer *(ClientId)> &peerOf,
                            QList<ClientId> *queued, QList<ClientId> *lost)
{
    for (const BatchSender::Shortfall &shortfall : m_sender.flush()) {
        const ClientId id = ClientId(shortfall.tag);
        const Peer *peer = peerOf(id);
        if (!peer || !peer->socket)
            continue;
        if (shortfall.unknown) {
            lost->append(id);
            continue;
        }
        // On EAGAIN or an error Qt's socket takes everything and reports errors its own way.
        peer->socket->write(shortfall.data + shortfall.sent, shortfall.size - shortfall.sent);
        queued->append(id);
    }
}
