#include "connectionmanager.h"

#include "logging.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
bool caseInsensitiveLess(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) < 0;
}
} // namespace

ConnectionManager::ConnectionManager(QObject *parent) : QObject(parent) { }

void ConnectionManager::setLimits(qint64 maxPendingOutputBytes, int keepAliveSeconds)
{
    m_maxPendingOutputBytes = maxPendingOutputBytes;
    m_keepAliveSeconds = keepAliveSeconds;
    if (keepAliveSeconds <= 0) {
        delete m_keepAliveTimer;
        m_keepAliveTimer = nullptr;
        return;
    }
    if (!m_keepAliveTimer) {
        m_keepAliveTimer = new QTimer(this);
        connect(m_keepAliveTimer, &QTimer::timeout, this, &ConnectionManager::keepAlive);
    }
    m_keepAliveTimer->start(keepAliveSeconds * 1000 / KeepAliveSlices);
}

void ConnectionManager::keepAlive()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 silentLimit = 2LL * m_keepAliveSeconds * 1000;
    // An empty ping frame written like any other frame: QWebSocket::ping() would go through
    // Qt's write queue, which then keeps its 32 KiB buffer allocated for good: heaptrack showed
    // one such buffer per pinged idle client.
    static const QByteArray pingFrame("\x89\x00", 2);
    // Each tick pings one slice of the clients, so that every client is pinged once per interval
    // but 10,000 pings (and their pongs) do not stall the chat all at once.
    const ClientId slice = ++m_keepAliveTick % KeepAliveSlices;
    QList<ClientId> silent;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (now - it->lastSeenMs > silentLimit)
            silent.append(it.key());
        else if (it.key() % KeepAliveSlices == slice)
            write(it.key(), *it, pingFrame);
    }
    flushWrites();
    for (const ClientId id : std::as_const(silent))
        drop(id, Protocol::CloseKeepAliveTimeout, u"no answer to keepalive pings"_s);
    dropSlowClients();
}

ConnectionManager::~ConnectionManager()
{
    for (const Client &client : std::as_const(m_clients)) {
        client.socket->disconnect(this);
        if (client.transport.socket)
            client.transport.socket->disconnect(this);
        client.socket->abort();
    }
}

ClientId ConnectionManager::addClient(QWebSocket *socket, QTcpSocket *transport,
                                      const QString &username, const QString &usernameKey,
                                      bool isOperator)
{
    QList<ClientId> &connections = m_byUser[usernameKey];
    const bool firstOfUser = connections.isEmpty();
    Client client;
    client.usernameKey = usernameKey;
    // A user's further connections go by the name the user is online under (one entry in the
    // list, one name to remove when the last one leaves), however this one spelled it.
    client.info.username
        = firstOfUser ? username : m_clients.value(connections.constFirst()).info.username;
    client.info.isOperator = isOperator;
    if (isOperator && !m_operatorNames.contains(client.info.username))
        m_operatorNames.append(client.info.username);
    const ClientId id = adopt(socket, transport, client);
    connections.append(id);
    if (firstOfUser) {
        for (const QString &skeleton : UsernameRules::skeletons(username))
            m_bySkeleton.insert(skeleton, usernameKey);
        const auto position = std::upper_bound(m_sortedNames.begin(), m_sortedNames.end(), username,
                                               caseInsensitiveLess);
        m_sortedNameJson.insert(position - m_sortedNames.begin(), Protocol::jsonString(username));
        m_sortedNames.insert(position, username);
        m_usersJson.clear();
    }
    qCInfo(lcConnections).noquote() << "client" << id << LanChat::escapeForLog(client.info.username)
                                    << "connected from" << m_clients.value(id).info.address;
    emit clientAdded(m_clients.value(id).info);
    return id;
}

ClientId ConnectionManager::addEchoClient(QWebSocket *socket, QTcpSocket *transport)
{
    Client client;
    client.echo = true;
    const ClientId id = adopt(socket, transport, client);
    ++m_echoCount;
    qCDebug(lcConnections).noquote()
        << "echo connection" << id << "from" << m_clients.value(id).info.address;
    return id;
}

ClientId ConnectionManager::adopt(QWebSocket *socket, QTcpSocket *transport, Client client)
{
    const ClientId id = m_nextId++;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    client.socket = socket;
    client.transport = SocketTransport::adopt(transport);
    client.info.id = id;
    client.info.address = addressText(socket->peerAddress());
    client.info.connectedSinceMs = now;
    client.info.lastActivityMs = now;
    client.lastSeenMs = now;
    socket->setParent(this);
    m_clients.insert(id, client);
    ++m_perAddress[client.info.address];

    const auto seen = [this, id] {
        const auto it = m_clients.find(id);
        if (it != m_clients.end())
            it->lastSeenMs = QDateTime::currentMSecsSinceEpoch();
    };
    const bool echo = client.echo;
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, id, echo, seen](const QString &text) {
                seen();
                if (echo)
                    emit echoTextReceived(id, text);
                else
                    emit textReceived(id, text);
            });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, id, seen](const QByteArray &) {
        seen();
        emit binaryReceived(id);
    });
    connect(socket, &QWebSocket::pong, this, seen);
    // Qt answers every ping (and a close) by itself, past write() and so past the output cap:
    // check what is queued whenever the peer sent something, or a client that sends pings and
    // never reads the pongs would grow the send buffer without end.
    connect(transport, &QIODevice::readyRead, this, [this, id] {
        checkOutput(id);
        dropSlowClients();
    });
    connect(socket, &QWebSocket::disconnected, this, [this, id, socket] {
        remove(id, false, socket->closeReason());
        socket->deleteLater();
    });
    return id;
}

QString ConnectionManager::holderKey(const QString &username) const
{
    for (const QString &skeleton : UsernameRules::skeletons(username)) {
        const auto it = m_bySkeleton.constFind(skeleton);
        if (it != m_bySkeleton.cend())
            return it.value();
    }
    return {};
}

bool ConnectionManager::contains(ClientId id) const
{
    const auto it = m_clients.constFind(id);
    return it != m_clients.cend() && !it->echo;
}

ClientInfo ConnectionManager::info(ClientId id) const
{
    return m_clients.value(id).info;
}

QString ConnectionManager::usernameKey(ClientId id) const
{
    return m_clients.value(id).usernameKey;
}

// Joining the escaped names costs a copy of the bytes; QJsonArray::fromStringList and toJson took
// 2.7 ms per welcome at 10,000 names, most of a connect storm's time.
const QByteArray &ConnectionManager::usersJson() const
{
    if (m_usersJson.isEmpty()) {
        qsizetype size = 2 + m_sortedNameJson.size();
        for (const QByteArray &name : m_sortedNameJson)
            size += name.size();
        m_usersJson.reserve(size);
        m_usersJson += '[';
        for (qsizetype i = 0; i < m_sortedNameJson.size(); ++i) {
            if (i > 0)
                m_usersJson += ',';
            m_usersJson += m_sortedNameJson.at(i);
        }
        m_usersJson += ']';
    }
    return m_usersJson;
}

QList<ClientInfo> ConnectionManager::clients() const
{
    QList<ClientInfo> result;
    result.reserve(count());
    for (const Client &client : m_clients) {
        if (!client.echo)
            result.append(client.info);
    }
    return result;
}

void ConnectionManager::noteMessage(ClientId id, qint64 nowMs)
{
    auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    ++it->info.messageCount;
    it->info.lastActivityMs = nowMs;
}

void ConnectionManager::setMutedUntil(ClientId id, qint64 untilMs)
{
    auto it = m_clients.find(id);
    if (it != m_clients.end())
        it->info.mutedUntilMs = untilMs;
}

QString ConnectionManager::addressText(const QHostAddress &address)
{
    bool isIPv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIPv4);
    return isIPv4 ? QHostAddress(ipv4).toString() : address.toString();
}

void ConnectionManager::sendTo(ClientId id, const QByteArray &payload)
{
    sendFramed(id, Protocol::textFrame(payload));
}

void ConnectionManager::sendFramed(ClientId id, const QByteArray &frames)
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend())
        return;
    write(id, *it, frames);
    flushWrites();
    dropSlowClients();
}

void ConnectionManager::sendWelcome(ClientId id, const QByteArray &payload)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    const QByteArray frame = Protocol::textFrame(payload);
    it->outputAllowance = frame.size();
    write(id, *it, frame);
    flushWrites();
    dropSlowClients();
}

// The profile's hot path: QWebSocket::sendTextMessage converts the text to UTF-8 and frames it
// again for every recipient, and every write() switches the socket's write notifier on and off.
// Here frames are built once, and each client gets one write per batch (the bytes are shared).
void ConnectionManager::deliver(const QByteArray &common,
                                const QHash<ClientId, QByteArray> &personal)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->echo)
            continue;
        const auto own = personal.constFind(it.key());
        const QByteArray &bytes = own == personal.cend() ? common : own.value();
        if (!bytes.isEmpty())
            write(it.key(), *it, bytes);
    }
    flushWrites();
    dropSlowClients();
}

void ConnectionManager::write(ClientId id, const Client &client, const QByteArray &frames)
{
    if (m_transport.write(id, client.transport, frames))
        checkOutput(id);
}

// Output only grows when something was queued in Qt: a frame the kernel took whole costs no
// check (bytesToWrite() and the TLS cast were a tenth of the fan-out's profile).
void ConnectionManager::flushWrites()
{
    QList<ClientId> queued;
    QList<ClientId> lost;
    m_transport.flush(
        [this](ClientId id) -> const SocketTransport::Peer * {
            const auto it = m_clients.constFind(id);
            return it == m_clients.cend() ? nullptr : &it->transport;
        },
        &queued, &lost);
    for (const ClientId id : std::as_const(queued))
        checkOutput(id);
    // The kernel lost track of a send (BatchSender): the stream may hold part of a frame, so
    // nothing more can be written to it. Cut the connection; the client reconnects and catches
    // up, and its leave is recorded like any lost connection's.
    for (const ClientId id : std::as_const(lost)) {
        const auto it = m_clients.constFind(id);
        if (it == m_clients.cend())
            continue;
        QWebSocket *socket = it->socket;
        const QString reason = u"connection cut: the outcome of a send is unknown"_s;
        qCWarning(lcConnections).noquote()
            << "client" << id << LanChat::escapeForLog(it->info.username) << "-" << reason;
        remove(id, false, reason);
        socket->abort();
        retire(socket, 0);
    }
}

// Qt's send buffer is unbounded: a peer that stops reading would make it grow without end.
// Over TLS, QSslSocket encrypts at once and keeps the ciphertext in encryptedBytesToWrite().
// The welcome does not count (sendWelcome) until the queue has been below the cap once.
void ConnectionManager::checkOutput(ClientId id)
{
    const auto it = m_clients.find(id);
    if (m_maxPendingOutputBytes <= 0 || it == m_clients.end())
        return;
    const qint64 pending
        = it->socket->bytesToWrite() + SocketTransport::encryptedBytesToWrite(it->transport);
    if (pending <= m_maxPendingOutputBytes)
        it->outputAllowance = 0;
    else if (pending > m_maxPendingOutputBytes + it->outputAllowance)
        m_slowClients.append(id);
}

void ConnectionManager::dropSlowClients()
{
    const QList<ClientId> slow = std::exchange(m_slowClients, {});
    for (const ClientId id : slow)
        drop(id, Protocol::CloseTooSlow, u"too slow: it did not read what it was sent"_s);
}

void ConnectionManager::drop(ClientId id, quint16 closeCode, const QString &reason)
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend())
        return;
    const ClientInfo info = it->info;
    QWebSocket *socket = it->socket;
    qCWarning(lcConnections).noquote()
        << (it->echo ? "dropping echo connection" : "dropping client") << id
        << LanChat::escapeForLog(info.username) << "-" << reason;
    remove(id, false, reason);
    socket->close(QWebSocketProtocol::CloseCode(closeCode), reason.left(120));
    // Its buffer may be full: do not wait long for a closing handshake.
    retire(socket, 1000);
    emit dropped(info, reason);
}

bool ConnectionManager::kick(ClientId id, const QString &reason)
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend() || it->echo)
        return false;
    QWebSocket *socket = it->socket;
    socket->sendTextMessage(QString::fromUtf8(Protocol::kickedFrame(reason)));
    remove(id, true, reason);
    socket->close(QWebSocketProtocol::CloseCode(Protocol::CloseKicked), reason.left(120));
    retire(socket, 2000);
    return true;
}

void ConnectionManager::closeAll(quint16 closeCode, const QString &reason, int deadlineMs)
{
    m_closingAll = true;
    const QList<ClientId> ids = m_clients.keys();
    for (const ClientId id : ids) {
        QWebSocket *socket = m_clients.value(id).socket;
        remove(id, false, reason);
        socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
        retire(socket, deadlineMs);
    }
    if (m_closing == 0)
        emit allClosed();
}

void ConnectionManager::remove(ClientId id, bool kicked, const QString &reason)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end())
        return;
    const Client client = it.value();
    m_clients.erase(it);
    if (--m_perAddress[client.info.address] <= 0)
        m_perAddress.remove(client.info.address);
    client.socket->disconnect(this);
    if (client.transport.socket)
        client.transport.socket->disconnect(this);
    if (client.echo) {
        --m_echoCount;
        qCDebug(lcConnections) << "echo connection" << id << "closed";
        emit connectionClosed(id);
        return;
    }
    const auto user = m_byUser.find(client.usernameKey);
    if (user != m_byUser.end()) {
        user->removeOne(id);
        if (user->isEmpty())
            m_byUser.erase(user);
    }
    const bool lastOfUser = !m_byUser.contains(client.usernameKey);
    if (lastOfUser)
        forgetName(client);
    qCInfo(lcConnections).noquote() << "client" << id << LanChat::escapeForLog(client.info.username)
                                    << (kicked ? "kicked" : "disconnected");
    emit clientRemoved(client.info, kicked, reason, lastOfUser);
    emit connectionClosed(id);
}

// The user's last connection is gone: the name is free and leaves the list.
void ConnectionManager::forgetName(const Client &client)
{
    // The skeletons were computed for the user's first connection, which may be gone already.
    for (const QString &skeleton : UsernameRules::skeletons(client.info.username)) {
        if (m_bySkeleton.value(skeleton) == client.usernameKey)
            m_bySkeleton.remove(skeleton);
    }
    if (client.info.isOperator)
        m_operatorNames.removeOne(client.info.username);
    const auto [first, last] = std::equal_range(m_sortedNames.begin(), m_sortedNames.end(),
                                                client.info.username, caseInsensitiveLess);
    const auto name = std::find(first, last, client.info.username);
    if (name != last) {
        m_sortedNameJson.removeAt(name - m_sortedNames.begin());
        m_sortedNames.erase(name);
        m_usersJson.clear();
    }
}

// Waits for a socket we closed to finish its closing handshake, then frees it; aborts it when the
// peer does not answer in time.
void ConnectionManager::retire(QWebSocket *socket, int deadlineMs)
{
    ++m_closing;
    auto finished = std::make_shared<bool>(false);
    auto done = [this, socket, finished] {
        if (*finished)
            return;
        *finished = true;
        socket->deleteLater();
        if (--m_closing == 0 && m_closingAll)
            emit allClosed();
    };
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        // Already gone (its disconnected() was emitted before we took it over): free it now.
        QMetaObject::invokeMethod(this, done, Qt::QueuedConnection);
        return;
    }
    connect(socket, &QWebSocket::disconnected, this, done);
    QTimer::singleShot(deadlineMs, socket, [socket, done] {
        socket->abort();
        done();
    });
}

#include "moc_connectionmanager.cpp"
