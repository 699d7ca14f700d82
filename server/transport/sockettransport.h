// Lives in the server thread (ConnectionManager owns it); not thread-safe.
//
// The one interface between the connections and the transport's details (docs/ARCHITECTURE.md,
// "Fan-out"): how pre-built frames reach the clients' TCP sockets, and the event loop the server
// thread runs on. A write goes straight to the kernel while Qt has nothing queued for the socket,
// batched with every other client's into one system call (BatchSender: io_uring, or send() per
// client); what the kernel does not take is queued in the socket's Qt buffer, behind which later
// frames then wait, so order is kept. Plain TCP sockets give their idle buffers' memory back
// (SocketBuffers); TLS sockets go through QSslSocket as Qt made them. The server thread's loop is
// an EpollEventDispatcher where the kernel allows it.
#pragma once

#include "batchsender.h"
#include "chattypes.h"

#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

class QAbstractEventDispatcher;

class SocketTransport final
{
    Q_DISABLE_COPY_MOVE(SocketTransport)

public:
    // One client's TCP socket, and whether frames may bypass Qt's write path (plain TCP).
    struct Peer
    {
        QPointer<QTcpSocket> socket;
        bool direct = false;
    };

    SocketTransport();

    // For the server thread before it starts (ServerController): the epoll dispatcher, or
    // nullptr where the kernel refuses it (then Qt's default is used; the dispatcher logs why).
    static QAbstractEventDispatcher *createEventDispatcher();
    // Prepares an accepted, authenticated socket for writes through this transport.
    static Peer adopt(QTcpSocket *socket);
    // Encrypted bytes queued in a TLS socket (Qt's bytesToWrite() does not count them).
    static qint64 encryptedBytesToWrite(const Peer &peer);

    // Writes frames to the peer: into this round's batch (they must live until flush()), or,
    // when Qt has bytes queued for it, behind them; true then (its queue may have grown). At most
    // one write per peer between flushes.
    bool write(ClientId id, const Peer &peer, const QByteArray &frames);
    // Sends the round. Whatever a kernel buffer did not take is queued in the peer's socket (its
    // id goes to `queued`); a send whose outcome is unknown breaks the peer's stream (its id goes
    // to `lost`: the caller must close it). peerOf finds a client's peer (nullptr when gone).
    void flush(const std::function<const Peer *(ClientId)> &peerOf, QList<ClientId> *queued,
               QList<ClientId> *lost);

private:
    BatchSender m_sender;
};
