// Lives in the server thread. Owns the authenticated WebSocket connections, keyed by ClientId:
// chat clients, with what the operator sees of each, and echo connections (/ws/echo), which are
// not chat clients but get the same limits. Sockets never leave this object: everyone else uses
// ids. A registered user may have several chat connections (docs/PROTOCOL.md, "Several
// connections"): the user is online once (one name in the list) while each connection is its own
// client for the operator.
#pragma once

#include "chattypes.h"
#include "sockettransport.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QTcpSocket;
class QTimer;
class QWebSocket;

class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    explicit ConnectionManager(QObject *parent = nullptr);
    ~ConnectionManager() override;

    // Connections whose unsent output exceeds maxPendingOutputBytes are dropped (close 4004);
    // with keepAliveSeconds > 0 every connection is pinged at that interval and dropped (close
    // 4007) when nothing came from it for two intervals. Chat and echo connections alike.
    void setLimits(qint64 maxPendingOutputBytes, int keepAliveSeconds);

    // Takes ownership of an open, authenticated socket. transport is the TCP socket under it:
    // deliver() writes pre-built frames to it instead of re-encoding them per client.
    ClientId addClient(QWebSocket *socket, QTcpSocket *transport, const QString &username,
                       const QString &usernameKey, bool isOperator = false);
    // Takes ownership of an open, authenticated /ws/echo socket: not a chat client (not listed,
    // no join or leave, no chat traffic), but under the same limits and connection caps. Its
    // text arrives as echoTextReceived; answer it with sendTo.
    ClientId addEchoClient(QWebSocket *socket, QTcpSocket *transport);

    // True when someone online has the same name or one that looks the same.
    bool isUsernameTaken(const QString &username) const { return !holderKey(username).isEmpty(); }
    // The comparison key of the user online under the name or one that looks the same; empty
    // when nobody is.
    QString holderKey(const QString &username) const;
    // The chat connections of the user with that comparison key, oldest first.
    QList<ClientId> connectionsOf(const QString &usernameKey) const
    {
        return m_byUser.value(usernameKey);
    }
    // Users online (a registered user's connections count once).
    int userCount() const { return int(m_byUser.size()); }
    // Chat clients (the listed ones).
    int count() const { return int(m_clients.size()) - m_echoCount; }
    // Every connection, chat and echo: what the connection caps count.
    int connectionCount() const { return int(m_clients.size()); }
    // A chat client of that id (echo connections are not).
    bool contains(ClientId id) const;
    ClientInfo info(ClientId id) const;
    QString usernameKey(ClientId id) const;
    QList<ClientInfo> clients() const;
    // Everyone online, sorted case-insensitively, as a JSON array (every welcome carries it);
    // kept sorted as clients come and go and serialised once per change of the list.
    const QByteArray &usersJson() const;
    // The names of the operators online (the host's own client), in the order they came.
    const QStringList &operatorNames() const { return m_operatorNames; }
    // Connections of every kind from the address.
    int countFrom(const QString &address) const { return m_perAddress.value(address); }

    void noteMessage(ClientId id, qint64 nowMs);
    void setMutedUntil(ClientId id, qint64 untilMs);
    // IPv4-mapped IPv6 addresses (from a dual-stack listener) are shown and banned as IPv4.
    static QString addressText(const QHostAddress &address);
    void sendTo(ClientId id, const QByteArray &payload);
    // Like sendTo(), with frames already framed (Protocol::textFrame), one or more.
    void sendFramed(ClientId id, const QByteArray &frames);
    // The welcome: like sendTo(), but not counted against the output cap. It lists everyone
    // online, so with many users and a small cap it alone may exceed the cap; the client may then
    // queue up to the cap on top of what is left of it, until its queue is below the cap again.
    void sendWelcome(ClientId id, const QByteArray &payload);
    // Writes already framed bytes (Protocol::textFrame) once to every chat client: `personal` for
    // the clients it names, `common` for all others.
    void deliver(const QByteArray &common, const QHash<ClientId, QByteArray> &personal);
    // Sends `kicked`, closes with 4000 and forgets the client at once (its name is free again).
    bool kick(ClientId id, const QString &reason);
    // Closes every connection with the code; sockets that do not close within the deadline are
    // aborted. Emits allClosed when none is left.
    void closeAll(quint16 closeCode, const QString &reason, int deadlineMs);
    // Disconnects a misbehaving connection at once (a chat client's leave is announced like any
    // other).
    void drop(ClientId id, quint16 closeCode, const QString &reason);

signals:
    void clientAdded(const ClientInfo &info);
    // kicked: removed by kick(); reason: the kick reason, or why the connection ended;
    // lastOfUser: the user has no other connection left (is offline now).
    void clientRemoved(const ClientInfo &info, bool kicked, const QString &reason, bool lastOfUser);
    void textReceived(ClientId id, const QString &text);
    void echoTextReceived(ClientId id, const QString &text);
    // A binary frame from a connection of either kind (its content is of no use to the server).
    void binaryReceived(ClientId id);
    // A connection of either kind is gone (for a chat client, after clientRemoved).
    void connectionClosed(ClientId id);
    void allClosed();
    // A connection was dropped by drop() or by a limit (too slow, no keepalive answer). An echo
    // connection's info has an empty username.
    void dropped(const ClientInfo &info, const QString &reason);

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        SocketTransport::Peer transport;
        ClientInfo info;
        QString usernameKey;
        qint64 lastSeenMs = 0; // last frame or pong from the peer
        qint64 outputAllowance = 0; // the welcome's bytes, allowed above the output cap
        bool echo = false; // a /ws/echo connection, not a chat client
    };

    // What chat and echo connections share: the record, the buffers, keepalive and the limits.
    ClientId adopt(QWebSocket *socket, QTcpSocket *transport, Client client);
    void remove(ClientId id, bool kicked, const QString &reason);
    void forgetName(const Client &client);
    void retire(QWebSocket *socket, int deadlineMs);
    // Sends frames to the client through the SocketTransport, in one batch with every other
    // client's until flushWrites(). At most one call per client between flushes. frames must live
    // until flushWrites().
    void write(ClientId id, const Client &client, const QByteArray &frames);
    // Sends the batch; what a kernel buffer did not take is queued in the client's Qt socket.
    void flushWrites();
    void checkOutput(ClientId id);
    void dropSlowClients();
    void keepAlive();
    static constexpr int KeepAliveSlices = 10;

    QHash<ClientId, Client> m_clients;
    QHash<QString, QString> m_bySkeleton; // UsernameRules::skeletons of each online name: its key
    QHash<QString, QList<ClientId>> m_byUser; // the chat connections of each online user
    QHash<QString, int> m_perAddress; // connections of every kind per addressText()
    int m_echoCount = 0;
    QStringList m_sortedNames; // where a new name goes (binary search)
    QList<QByteArray> m_sortedNameJson; // each of m_sortedNames as a JSON string, same order
    mutable QByteArray m_usersJson; // empty: to be rebuilt
    QStringList m_operatorNames;
    ClientId m_nextId = 1;
    int m_closing = 0; // sockets closed by us that have not disconnected yet
    bool m_closingAll = false;
    qint64 m_maxPendingOutputBytes = 0; // 0: no limit
    int m_keepAliveSeconds = 0;
    QTimer *m_keepAliveTimer = nullptr; // fires KeepAliveSlices times per interval
    quint64 m_keepAliveTick = 0;
    QList<ClientId> m_slowClients; // found while iterating; dropped right after
    SocketTransport m_transport;
};
