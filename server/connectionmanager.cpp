#include "connectionmanager.h"

#include "logging.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

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
    m_keepAliveTimer->start(keepAliveSeconds * 1000);
}

void ConnectionManager::keepAlive()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 silentLimit = 2LL * m_keepAliveSeconds * 1000;
    QList<ClientId> silent;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (now - it->lastSeenMs > silentLimit)
            silent.append(it.key());
        else
            it->socket->ping();
    }
    for (const ClientId id : std::as_const(silent))
        drop(id, Protocol::CloseKeepAliveTimeout, u"no answer to keepalive pings"_s);
}

ConnectionManager::~ConnectionManager()
{
    for (const Client &client : std::as_const(m_clients)) {
        client.socket->disconnect(this);
        client.socket->abort();
    }
}

ClientId ConnectionManager::addClient(QWebSocket *socket, QTcpSocket *transport,
                                      const QString &username, const QString &usernameKey)
{
    const ClientId id = m_nextId++;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Client client;
    client.socket = socket;
    Q_ASSERT(transport);
    client.transport = transport;
    client.usernameKey = usernameKey;
    client.info.id = id;
    client.info.username = username;
    client.info.address = addressText(socket->peerAddress());
    client.info.connectedSinceMs = now;
    client.info.lastActivityMs = now;
    client.lastSeenMs = now;
    socket->setParent(this);
    client.skeletons = UsernameRules::skeletons(username);
    m_clients.insert(id, client);
    for (const QString &skeleton : std::as_const(client.skeletons))
        m_bySkeleton.insert(skeleton, id);

    connect(socket, &QWebSocket::textMessageReceived, this, [this, id](const QString &text) {
        const auto it = m_clients.find(id);
        if (it != m_clients.end())
            it->lastSeenMs = QDateTime::currentMSecsSinceEpoch();
        emit textReceived(id, text);
    });
    connect(socket, &QWebSocket::pong, this, [this, id] {
        const auto it = m_clients.find(id);
        if (it != m_clients.end())
            it->lastSeenMs = QDateTime::currentMSecsSinceEpoch();
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray &) {
        sendTo(id,
               Protocol::errorFrame(u"invalid_json"_s,
                                    u"Binary frames are not part of the protocol; send text."_s));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, id, socket] {
        remove(id, false, socket->closeReason());
        socket->deleteLater();
    });
    qCInfo(lcConnections).noquote()
        << "client" << id << username << "connected from" << client.info.address;
    emit clientAdded(client.info);
    return id;
}

bool ConnectionManager::isUsernameTaken(const QString &username) const
{
    const QStringList candidates = UsernameRules::skeletons(username);
    return std::any_of(candidates.cbegin(), candidates.cend(),
                       [this](const QString &skeleton) { return m_bySkeleton.contains(skeleton); });
}

ClientInfo ConnectionManager::info(ClientId id) const
{
    return m_clients.value(id).info;
}

QString ConnectionManager::usernameKey(ClientId id) const
{
    return m_clients.value(id).usernameKey;
}

QList<ClientInfo> ConnectionManager::clients() const
{
    QList<ClientInfo> result;
    result.reserve(m_clients.size());
    for (const Client &client : m_clients)
        result.append(client.info);
    return result;
}

QStringList ConnectionManager::usernames() const
{
    QStringList result;
    result.reserve(m_clients.size());
    for (const Client &client : m_clients)
        result.append(client.info.username);
    result.sort(Qt::CaseInsensitive);
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

int ConnectionManager::countFrom(const QString &address) const
{
    return int(
        std::count_if(m_clients.cbegin(), m_clients.cend(),
                      [&address](const Client &client) { return client.info.address == address; }));
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

QByteArray ConnectionManager::textFrame(const QByteArray &payload)
{
    QByteArray frame;
    const qsizetype size = payload.size();
    frame.reserve(size + 10);
    frame.append(char(0x81)); // FIN + text
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xffff) {
        frame.append(char(126));
        frame.append(char((size >> 8) & 0xff));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

void ConnectionManager::sendTo(ClientId id, const QByteArray &payload)
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend())
        return;
    it->socket->sendTextMessage(QString::fromUtf8(payload));
    checkOutput(id, *it);
    dropSlowClients();
}

// The profile's hot path: QWebSocket::sendTextMessage converts the text to UTF-8 and frames it
// again for every recipient, and every write() switches the socket's write notifier on and off.
// Here frames are built once, and each client gets one write per batch (the bytes are shared).
void ConnectionManager::deliver(const QByteArray &common,
                                const QHash<ClientId, QByteArray> &personal)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        const auto own = personal.constFind(it.key());
        const QByteArray &bytes = own == personal.cend() ? common : own.value();
        if (bytes.isEmpty())
            continue;
        if (it->transport && it->transport->state() == QAbstractSocket::ConnectedState)
            it->transport->write(bytes);
        checkOutput(it.key(), *it);
    }
    dropSlowClients();
}

// Qt's send buffer is unbounded: a peer that stops reading would make it grow without end.
// Over TLS, QSslSocket encrypts at once and keeps the ciphertext in encryptedBytesToWrite().
void ConnectionManager::checkOutput(ClientId id, const Client &client)
{
    if (m_maxPendingOutputBytes <= 0)
        return;
    qint64 pending = client.socket->bytesToWrite();
    if (const auto *tls = qobject_cast<const QSslSocket *>(client.transport.data()))
        pending += tls->encryptedBytesToWrite();
    if (pending > m_maxPendingOutputBytes)
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
    qCWarning(lcConnections).noquote() << "dropping client" << id << info.username << "-" << reason;
    remove(id, false, reason);
    socket->close(QWebSocketProtocol::CloseCode(closeCode), reason.left(120));
    // Its buffer may be full: do not wait long for a closing handshake.
    retire(socket, 1000);
    emit dropped(info, reason);
}

bool ConnectionManager::kick(ClientId id, const QString &reason)
{
    const auto it = m_clients.constFind(id);
    if (it == m_clients.cend())
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
    for (const QString &skeleton : client.skeletons)
        m_bySkeleton.remove(skeleton);
    client.socket->disconnect(this);
    qCInfo(lcConnections).noquote()
        << "client" << id << client.info.username << (kicked ? "kicked" : "disconnected");
    emit clientRemoved(client.info, kicked, reason);
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
