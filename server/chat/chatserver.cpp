#include "chatserver.h"

#include "accesstoken.h"
#include "connectionmanager.h"
#include "historyexport.h"
#include "historywriter.h"
#include "httpapi.h"
#include "logging.h"
#include "portmultiplexer.h"
#include "protocol.h"
#include "tlsidentity.h"
#include "usernamerules.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHttpServer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace {
QString untilText(qint64 untilMs)
{
    return untilMs == 0 ? u"permanent"_s
                        : u"until "_s
                              + QDateTime::fromMSecsSinceEpoch(untilMs, Qt::UTC)
                                    .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

QString transportKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}

QString banTarget(const BanInfo &ban)
{
    QStringList targets;
    if (!ban.username.isEmpty())
        targets << ban.username;
    if (!ban.address.isEmpty())
        targets << ban.address;
    return targets.join(u", "_s);
}

QString redactedUrl(QUrl url)
{
    QUrlQuery query(url);
    if (query.hasQueryItem(u"token"_s)) {
        query.removeAllQueryItems(u"token"_s);
        query.addQueryItem(u"token"_s, u"REDACTED"_s);
        url.setQuery(query);
    }
    return url.toString();
}
} // namespace

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_reader(u"lanchat-reader-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16))
{ }

ChatServer::~ChatServer()
{
    if (m_running)
        stopNow();
}

// A stop asked for while starting: nothing listens, the storage is closed again and stopped()
// tells the controller that the server is done.
bool ChatServer::startCancelled()
{
    if (!m_startCancelled.load())
        return false;
    shutDownStorage();
    qCInfo(lcServer) << "start cancelled: a stop was asked for";
    emit stopped();
    return true;
}

void ChatServer::start()
{
    if (m_running)
        return;
    LanChat::installLogFilter();
    if (startCancelled())
        return;

    QString dataDir = m_config.dataDir;
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const QString databasePath = QDir(dataDir).absoluteFilePath(u"history.sqlite"_s);

    TlsIdentity identity;
    if (m_config.tls) {
        identity = TlsIdentity::forServer(m_config.tlsCertificatePath, m_config.tlsKeyPath,
                                          QDir(dataDir).absoluteFilePath(u"tls"_s));
        if (!identity.isValid()) {
            emit startFailed(identity.errorString());
            return;
        }
        if (identity.wasGenerated())
            qCInfo(lcServer).noquote() << "generated a self-signed TLS certificate in"
                                       << QDir(dataDir).absoluteFilePath(u"tls"_s);
    }

    m_databaseThread = new QThread(this);
    m_databaseThread->setObjectName(u"lanchat-database"_s);
    m_writer = new HistoryWriter;
    m_writer->moveToThread(m_databaseThread);
    connect(m_databaseThread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(this, &ChatServer::storeRequested, m_writer, &HistoryWriter::store);
    connect(m_writer, &HistoryWriter::batchStored, this, &ChatServer::onBatchStored);
    connect(this, &ChatServer::banStoreRequested, m_writer, &HistoryWriter::storeBan);
    connect(this, &ChatServer::banRemovalRequested, m_writer, &HistoryWriter::removeBan);
    connect(this, &ChatServer::moderationStoreRequested, m_writer, &HistoryWriter::storeModeration);
    connect(m_writer, &HistoryWriter::banStored, this, &ChatServer::onBanStored);
    m_databaseThread->start();

    bool opened = false;
    QString error;
    QMetaObject::invokeMethod(
        m_writer, [&] { opened = m_writer->open(databasePath, m_config.maxHistoryBytes, &error); },
        Qt::BlockingQueuedConnection);
    if (opened && !m_reader.open(databasePath, true)) {
        opened = false;
        error = m_reader.lastError();
    }
    if (!opened) {
        shutDownStorage();
        emit startFailed(error);
        return;
    }
    // Opening checks every page of the history (quick_check): a stop may have come meanwhile.
    if (startCancelled())
        return;
    m_lastStoredId = m_reader.lastId();
    m_reader.activeBans(QDateTime::currentMSecsSinceEpoch(), &m_bans);
    m_reader.recentModeration(500, &m_status.recentModeration);
    m_exportPool = new QThreadPool(this);
    m_exportPool->setMaxThreadCount(1);

    if (m_config.token.isEmpty())
        m_config.token = AccessToken::generate();

    m_connections = new ConnectionManager(this);
    connect(m_connections, &ConnectionManager::textReceived, this, &ChatServer::onText);
    connect(m_connections, &ConnectionManager::echoTextReceived, this, &ChatServer::onEchoText);
    connect(m_connections, &ConnectionManager::binaryReceived, this, &ChatServer::onBinary);
    connect(m_connections, &ConnectionManager::connectionClosed, this,
            [this](ClientId id) { m_flood.remove(id); });
    connect(m_connections, &ConnectionManager::clientAdded, this, &ChatServer::onClientAdded);
    connect(m_connections, &ConnectionManager::clientRemoved, this, &ChatServer::onClientRemoved);
    // Queued: the last socket may report its end from inside its own abort(), and finishing the
    // stop deletes the HTTP server, whose multiplexer owns that very socket.
    connect(
        m_connections, &ConnectionManager::allClosed, this,
        [this] {
            m_clientsClosed = true;
            maybeFinishStop();
        },
        Qt::QueuedConnection);

    m_webSockets = new QWebSocketServer(u"LanChat"_s, QWebSocketServer::NonSecureMode, this);
    m_webSockets->setMaxPendingConnections(1024);
    m_webSockets->setHandshakeTimeout(m_config.handshakeTimeoutMs);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (m_webSockets->hasPendingConnections())
            admit(m_webSockets->nextPendingConnection());
    });

    m_http = new QHttpServer(this);
    m_httpApi = new HttpApi(m_config.token, &m_reader, m_connections, this);
    m_status.serverName = m_config.serverName.trimmed().isEmpty() ? LanChat::defaultServerName()
                                                                  : m_config.serverName.trimmed();
    m_httpApi->setIdentity(m_status.serverName, identity.isValid());
    m_httpApi->install(m_http);

    m_connections->setLimits(m_config.maxPendingOutputBytes, m_config.keepAliveSeconds);
    connect(m_connections, &ConnectionManager::dropped, this,
            [this](const ClientInfo &info, const QString &reason) {
                // An echo connection has no name: the operator sees its address.
                if (info.username.isEmpty())
                    record(ModerationRecord::Action::Drop, info.address, reason,
                           u"echo connection"_s, u"server"_s);
                else
                    record(ModerationRecord::Action::Drop, info.username, reason, {}, u"server"_s);
            });

    m_listener = new PortMultiplexer;
    m_listener->setLimits(m_config.handshakeTimeoutMs, m_config.maxHttpBodyBytes,
                          m_config.httpIdleSeconds * 1000);
    if (identity.isValid())
        m_listener->setTlsConfiguration(identity.serverConfiguration());
    connect(m_listener, &PortMultiplexer::webSocketUpgrade, this, [this](QTcpSocket *socket) {
        // Remember the TCP socket under the WebSocket-to-be: QWebSocket does not expose it.
        const QString key = transportKey(socket->peerAddress(), socket->peerPort());
        m_transports.insert(key, socket);
        connect(socket, &QObject::destroyed, this, [this, key] { m_transports.remove(key); });
        m_webSockets->handleConnection(socket);
    });
    if (!m_listener->listen(m_config.bindAddress, m_config.port)) {
        error = u"Cannot listen on %1 port %2: %3"_s.arg(m_config.bindAddress.toString())
                    .arg(m_config.port)
                    .arg(m_listener->errorString());
        delete m_listener;
        m_listener = nullptr;
        delete m_http;
        m_http = nullptr;
        delete m_webSockets;
        m_webSockets = nullptr;
        delete m_connections;
        m_connections = nullptr;
        shutDownStorage();
        emit startFailed(error);
        return;
    }
    m_http->bind(m_listener); // re-parents the listener to the HTTP server

    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &ChatServer::flush);
    m_activityTimer = new QTimer(this);
    m_activityTimer->setSingleShot(true);
    m_activityTimer->setInterval(ActivityIntervalMs);
    connect(m_activityTimer, &QTimer::timeout, this, &ChatServer::publishActivity);

    m_running = true;
    m_status.bindAddress = m_listener->serverAddress();
    m_status.port = m_listener->serverPort();
    m_status.token = m_config.token;
    m_status.databasePath = databasePath;
    m_status.tls = identity.isValid();
    m_status.certificateFingerprint = identity.fingerprint();
    m_status.lastEventId = m_lastStoredId;
    m_status.bans = m_bans;
    qCInfo(lcServer).noquote() << "listening on" << m_status.bindAddress.toString() << "port"
                               << m_status.port << "with history in" << databasePath;
    if (m_status.tls)
        qCInfo(lcServer).noquote() << "TLS is on (https://, wss://); certificate SHA-256"
                                   << m_status.certificateFingerprint;
    emit started(m_status);
}

void ChatServer::admit(QWebSocket *socket)
{
    if (!socket)
        return;
    // Qt's defaults are about 2 GiB; a bigger frame is closed with 1009 and never parsed.
    socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxFrameBytes));
    if (m_stopping) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(CloseDeadlineMs, socket, &QWebSocket::abort);
        return;
    }
    const QString address = ConnectionManager::addressText(socket->peerAddress());
    if (!isOriginAllowed(socket)) {
        qCWarning(lcConnections).noquote() << "refused a browser connection from" << address
                                           << "with the foreign origin" << socket->origin();
        refuse(socket, QWebSocketProtocol::CloseCodePolicyViolated, u"origin_not_allowed"_s,
               u"This page's origin may not connect to this chat."_s);
        return;
    }
    if (isBlocked(address)) {
        refuse(socket, Protocol::CloseAddressBlocked, u"address_blocked"_s,
               u"Too many wrong tokens came from your address; try again later."_s);
        return;
    }
    const QUrlQuery query(socket->requestUrl());
    if (!AccessToken::matches(query.queryItemValue(u"token"_s, QUrl::FullyDecoded),
                              m_config.token)) {
        noteAuthFailure(address);
        qCWarning(lcConnections).noquote()
            << "refused a connection with a wrong or missing token from"
            << socket->peerAddress().toString() << "to" << redactedUrl(socket->requestUrl());
        refuse(socket, QWebSocketProtocol::CloseCodePolicyViolated, u"invalid_token"_s,
               u"invalid token"_s);
        return;
    }
    if (socket->requestUrl().path() == "/ws/echo"_L1)
        admitEchoClient(socket);
    else
        admitChatClient(socket);
}

void ChatServer::refuse(QWebSocket *socket, quint16 closeCode, const QString &code,
                        const QString &message)
{
    socket->sendTextMessage(QString::fromUtf8(Protocol::errorFrame(code, message)));
    socket->close(QWebSocketProtocol::CloseCode(closeCode), message.left(120));
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(CloseDeadlineMs, socket, &QWebSocket::abort);
    socket->setParent(this);
}

void ChatServer::admitChatClient(QWebSocket *socket)
{
    const QUrlQuery query(socket->requestUrl());
    // Still percent-encoded: UsernameRules decodes the bytes strictly, where a decoded value
    // would already have turned invalid UTF-8 into U+FFFD.
    const UsernameRules::Verdict verdict
        = UsernameRules::checkQueryValue(query.queryItemValue(u"username"_s, QUrl::FullyEncoded));
    if (!verdict.isValid()) {
        refuse(socket, Protocol::CloseInvalidUsername, u"invalid_username"_s, verdict.problem);
        return;
    }
    if (const BanInfo *ban
        = findBan(verdict.key, ConnectionManager::addressText(socket->peerAddress()))) {
        QString text = ban->isPermanent() ? u"You are banned from this chat."_s
                                          : u"You are banned from this chat until %1."_s.arg(
                                              QDateTime::fromMSecsSinceEpoch(ban->untilMs, Qt::UTC)
                                                  .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
        if (!ban->reason.isEmpty())
            text += u" Reason: "_s + ban->reason;
        qCInfo(lcConnections).noquote() << "refused banned" << verdict.username << "from"
                                        << ConnectionManager::addressText(socket->peerAddress());
        refuse(socket, Protocol::CloseBanned, u"banned"_s, text);
        return;
    }
    if (m_connections->isUsernameTaken(verdict.username)) {
        refuse(socket, Protocol::CloseUsernameTaken, u"username_taken"_s,
               u"The username \"%1\" is already taken by someone online."_s.arg(verdict.username));
        return;
    }
    if (refuseOverCapacity(socket))
        return;
    QTcpSocket *transport = takeTransport(socket);
    if (!transport)
        return;
    const ClientId id = m_connections->addClient(socket, transport, verdict.username, verdict.key);
    startFloodControl(id);
    // The join first: whatever happens to the client while its welcome is written (a drop) is
    // stored and broadcast after it, never a leave before the join.
    PendingEvent join;
    join.event.kind = ChatEvent::Kind::Join;
    join.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
    join.event.username = verdict.username;
    join.userKey = verdict.key;
    enqueue(join);
    m_connections->sendWelcome(
        id, Protocol::welcomeFrame(verdict.username, m_connections->usersJson(), m_lastStoredId,
                                   m_config.maxTextLength, m_config.maxFrameBytes));
}

// Echo connections are not chat clients, but nothing else about them differs: they count
// against the same connection caps and get the same flood control, output cap and keepalive.
void ChatServer::admitEchoClient(QWebSocket *socket)
{
    if (refuseOverCapacity(socket))
        return;
    QTcpSocket *transport = takeTransport(socket);
    if (!transport)
        return;
    startFloodControl(m_connections->addEchoClient(socket, transport));
}

bool ChatServer::refuseOverCapacity(QWebSocket *socket)
{
    if (m_connections->connectionCount() >= m_config.maxConnections) {
        refuse(socket, Protocol::CloseTooManyConnections, u"server_full"_s,
               u"The chat server is full (%1 connections); try again later."_s.arg(
                   m_config.maxConnections));
        return true;
    }
    const QString address = ConnectionManager::addressText(socket->peerAddress());
    if (m_connections->countFrom(address) >= m_config.maxConnectionsPerAddress) {
        refuse(socket, Protocol::CloseTooManyConnections, u"too_many_connections"_s,
               u"Your address already has %1 connections to this chat."_s.arg(
                   m_config.maxConnectionsPerAddress));
        return true;
    }
    return false;
}

QTcpSocket *ChatServer::takeTransport(QWebSocket *socket)
{
    QTcpSocket *transport
        = m_transports.take(transportKey(socket->peerAddress(), socket->peerPort()));
    if (!transport) { // cannot happen: every WebSocket came through the multiplexer
        qCCritical(lcConnections) << "no transport for an upgraded connection";
        refuse(socket, QWebSocketProtocol::CloseCodeBadOperation, u"internal_error"_s,
               u"The server could not take this connection."_s);
    }
    return transport;
}

void ChatServer::startFloodControl(ClientId id)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_flood.insert(
        id, FloodState {TokenBucket(m_config.messageRate, m_config.messageBurst, now),
                        TokenBucket(3 * m_config.messageRate,
                                    30 * m_config.messageRate + m_config.messageBurst, now)});
}

void ChatServer::onEchoText(ClientId id, const QString &text)
{
    if (allowFrame(id, {}))
        m_connections->sendTo(id, (u"Echo: "_s + text).toUtf8());
}

// Binary frames are no part of the protocol (an echo connection answers text only), but they
// count against flood control like any frame.
void ChatServer::onBinary(ClientId id)
{
    if (!allowFrame(id, {}) || !m_connections->contains(id))
        return;
    m_connections->sendTo(
        id, Protocol::errorFrame(u"invalid_json"_s,
                                 u"Binary frames are not part of the protocol; send text."_s));
}

void ChatServer::onText(ClientId id, const QString &text)
{
    const Protocol::ParsedFrame frame
        = Protocol::parseClientFrame(text, m_connections->usernameKey(id), m_config.maxTextLength);
    if (!allowFrame(id, frame.cid))
        return;
    if (!frame.isValid()) {
        qCDebug(lcConnections) << "client" << id << "sent an invalid frame:" << frame.errorCode;
        m_connections->sendTo(id,
                              Protocol::errorFrame(frame.errorCode, frame.errorMessage, frame.cid));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto mute = m_mutes.constFind(m_connections->usernameKey(id));
    if (mute != m_mutes.cend()) {
        if (mute->untilMs > now) {
            m_connections->sendTo(id,
                                  Protocol::errorFrame(u"muted"_s,
                                                       u"You are muted %1; your message was not "
                                                       u"sent."_s.arg(untilText(mute->untilMs)),
                                                       frame.cid));
            return;
        }
        m_mutes.erase(mute);
        m_connections->setMutedUntil(id, 0);
    }
    m_connections->noteMessage(id, now);
    m_dirtyClients.insert(id);

    PendingEvent pending;
    pending.event.kind = ChatEvent::Kind::Message;
    pending.event.timestampMs = now;
    pending.event.username = m_connections->info(id).username;
    pending.event.text = frame.message.text;
    pending.sender = id;
    pending.userKey = m_connections->usernameKey(id);
    pending.cid = frame.message.cid;
    enqueue(pending);
}

void ChatServer::announce(const QString &text)
{
    if (!m_running || m_stopping || text.trimmed().isEmpty())
        return;
    PendingEvent pending;
    pending.event.kind = ChatEvent::Kind::Announcement;
    pending.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
    pending.event.username = m_config.operatorName;
    pending.event.text = text.left(m_config.maxTextLength);
    pending.userKey = UsernameRules::comparisonKey(m_config.operatorName);
    enqueue(pending);
}

// Flood control: frames beyond the rate get `rate_limited` and go no further; a client that
// keeps sending at three times the rate for ten seconds is disconnected.
bool ChatServer::allowFrame(ClientId id, const QString &cid)
{
    const auto it = m_flood.find(id);
    if (it == m_flood.end() || it->messages.isUnlimited())
        return true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!it->abuse.take(now)) {
        m_connections->drop(id, Protocol::CloseFlooding, u"flooding"_s);
        return false;
    }
    if (it->messages.take(now))
        return true;
    m_connections->sendTo(
        id, Protocol::errorFrame(u"rate_limited"_s,
                                 u"You are sending too fast (at most %1 messages per "
                                 u"second); this message was not sent."_s.arg(m_config.messageRate),
                                 cid));
    return false;
}

bool ChatServer::isOriginAllowed(const QWebSocket *socket) const
{
    const QString origin = socket->origin();
    if (origin.isEmpty()) // native clients send none
        return true;
    const QUrl originUrl(origin);
    const QUrl requestUrl = socket->requestUrl();
    // The server's own page: same host and port as the request was addressed to.
    if (originUrl.host().compare(requestUrl.host(), Qt::CaseInsensitive) == 0
        && originUrl.port(80) == requestUrl.port(80)
        && (originUrl.scheme() == "http"_L1 || originUrl.scheme() == "https"_L1))
        return true;
    return m_config.allowedOrigins.contains(origin, Qt::CaseInsensitive);
}

bool ChatServer::isBlocked(const QString &address)
{
    const auto it = m_blockedUntil.find(address);
    if (it == m_blockedUntil.end())
        return false;
    if (it.value() > QDateTime::currentMSecsSinceEpoch())
        return true;
    m_blockedUntil.erase(it);
    return false;
}

void ChatServer::noteAuthFailure(const QString &address)
{
    if (m_config.authFailureLimit <= 0)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<qint64> &failures = m_authFailures[address];
    failures.removeIf(
        [&](qint64 time) { return now - time > qint64(m_config.authFailureWindowSeconds) * 1000; });
    failures.append(now);
    if (failures.size() < m_config.authFailureLimit)
        return;
    m_authFailures.remove(address);
    const qint64 until = now + qint64(m_config.authBlockSeconds) * 1000;
    m_blockedUntil.insert(address, until);
    record(ModerationRecord::Action::Block, address,
           u"%1 wrong tokens within %2 s"_s.arg(m_config.authFailureLimit)
               .arg(m_config.authFailureWindowSeconds),
           untilText(until), u"server"_s);
}

void ChatServer::postMessage(const QString &name, const QString &text)
{
    if (!m_running || m_stopping || text.trimmed().isEmpty()
        || text.size() > m_config.maxTextLength)
        return;
    const QString author = name.trimmed().isEmpty() ? m_config.operatorName : name.trimmed();
    PendingEvent pending;
    pending.event.kind = ChatEvent::Kind::Message;
    pending.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
    pending.event.username = author.left(UsernameRules::MaxLength);
    pending.event.text = text;
    pending.event.fromOperator = true;
    pending.userKey = UsernameRules::comparisonKey(pending.event.username);
    enqueue(pending);
}

void ChatServer::kick(ClientId id, const QString &reason)
{
    if (!m_running || m_stopping || !m_connections->contains(id))
        return;
    const QString username = m_connections->info(id).username;
    m_connections->kick(id, reason);
    record(ModerationRecord::Action::Kick, username, reason);
}

void ChatServer::record(ModerationRecord::Action action, const QString &target,
                        const QString &reason, const QString &detail, const QString &actor)
{
    ModerationRecord entry;
    entry.timestampMs = QDateTime::currentMSecsSinceEpoch();
    entry.actor = actor.isEmpty() ? m_config.operatorName : actor;
    entry.action = action;
    entry.target = target;
    entry.reason = reason;
    entry.detail = detail;
    qCInfo(lcServer).noquote() << "moderation:" << LanChat::actionName(action) << target << detail;
    emit moderationStoreRequested(entry);
    m_activity.moderation.append(entry);
    if (!m_activityTimer->isActive())
        m_activityTimer->start();
}

const BanInfo *ChatServer::findBan(const QString &usernameKey, const QString &address)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_bans.removeIf([now](const BanInfo &ban) { return !ban.isActive(now); });
    for (const BanInfo &ban : std::as_const(m_bans)) {
        const bool nameMatches
            = ban.username.isEmpty() || UsernameRules::comparisonKey(ban.username) == usernameKey;
        const bool addressMatches = ban.address.isEmpty() || ban.address == address;
        if (nameMatches && addressMatches)
            return &ban;
    }
    return nullptr;
}

void ChatServer::ban(const BanRequest &request)
{
    if (!m_running || m_stopping)
        return;
    BanInfo ban;
    QString username = request.username.trimmed();
    QString address = request.address.trimmed();
    if (request.clientId != 0 && m_connections->contains(request.clientId)) {
        const ClientInfo info = m_connections->info(request.clientId);
        username = info.username;
        address = info.address;
    }
    if (request.byUsername)
        ban.username = username;
    if (request.byAddress)
        ban.address = address;
    if (ban.username.isEmpty() && ban.address.isEmpty())
        return;
    ban.createdMs = QDateTime::currentMSecsSinceEpoch();
    ban.untilMs = request.durationSeconds > 0 ? ban.createdMs + request.durationSeconds * 1000 : 0;
    ban.reason = request.reason;
    ban.createdBy = m_config.operatorName;
    m_bans.append(ban); // effective now; gets its id when stored
    emit banStoreRequested(ban);

    record(ModerationRecord::Action::Ban, banTarget(ban), ban.reason, untilText(ban.untilMs));

    const QString kickReason = ban.reason.isEmpty() ? u"banned"_s : u"banned: "_s + ban.reason;
    const QList<ClientInfo> clients = m_connections->clients();
    for (const ClientInfo &client : clients) {
        if (findBan(UsernameRules::comparisonKey(client.username), client.address))
            m_connections->kick(client.id, kickReason);
    }
    emit bansChanged(m_bans);
}

void ChatServer::onBanStored(const BanInfo &stored, const QString &error)
{
    if (!error.isEmpty()) {
        qCWarning(lcStore).noquote() << "a ban was not stored and ends with this run:" << error;
        return;
    }
    for (BanInfo &ban : m_bans) {
        if (ban.id == 0 && ban.createdMs == stored.createdMs && ban.username == stored.username
            && ban.address == stored.address) {
            ban.id = stored.id;
            break;
        }
    }
    emit bansChanged(m_bans);
}

void ChatServer::unban(qint64 banId)
{
    if (!m_running || banId <= 0)
        return;
    const auto it = std::find_if(m_bans.cbegin(), m_bans.cend(),
                                 [banId](const BanInfo &ban) { return ban.id == banId; });
    if (it == m_bans.cend())
        return;
    const BanInfo ban = *it;
    m_bans.erase(it);
    emit banRemovalRequested(banId);
    record(ModerationRecord::Action::Unban, banTarget(ban), {});
    emit bansChanged(m_bans);
}

void ChatServer::mute(ClientId id, qint64 durationSeconds, const QString &reason)
{
    if (!m_running || m_stopping || !m_connections->contains(id) || durationSeconds <= 0)
        return;
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + durationSeconds * 1000;
    m_mutes.insert(m_connections->usernameKey(id), Mute {until, reason});
    m_connections->setMutedUntil(id, until);
    m_dirtyClients.insert(id);
    QString text
        = u"The operator muted you %1: you can read, but not send."_s.arg(untilText(until));
    if (!reason.isEmpty())
        text += u" Reason: "_s + reason;
    m_connections->sendTo(id, Protocol::errorFrame(u"muted"_s, text));
    record(ModerationRecord::Action::Mute, m_connections->info(id).username, reason,
           untilText(until));
    // Show the end of the mute in the operator's client list when it comes.
    const QString key = m_connections->usernameKey(id);
    QTimer::singleShot(
        std::chrono::milliseconds(durationSeconds * 1000 + 50), this, [this, id, key] {
            const auto it = m_mutes.constFind(key);
            if (it == m_mutes.cend() || it->untilMs > QDateTime::currentMSecsSinceEpoch())
                return; // lifted meanwhile, or muted again for longer
            m_mutes.erase(it);
            if (m_connections && m_connections->contains(id)) {
                m_connections->setMutedUntil(id, 0);
                m_dirtyClients.insert(id);
                if (!m_activityTimer->isActive())
                    m_activityTimer->start();
            }
        });
}

void ChatServer::unmute(ClientId id)
{
    if (!m_running || !m_connections->contains(id))
        return;
    if (m_mutes.remove(m_connections->usernameKey(id)) == 0)
        return;
    m_connections->setMutedUntil(id, 0);
    m_dirtyClients.insert(id);
    record(ModerationRecord::Action::Unmute, m_connections->info(id).username, {});
}

void ChatServer::queryHistory(quint64 requestId, const HistoryQuery &query)
{
    HistoryPage page;
    const bool ok = m_running && m_reader.page(query, &page);
    emit historyPage(requestId, page, ok);
}

void ChatServer::exportHistory(const QString &filePath, bool asJson, const HistoryQuery &filter)
{
    if (!m_running || m_stopping) {
        emit exportFinished(filePath, 0, u"The server is not running."_s);
        return;
    }
    const QString databasePath = m_status.databasePath;
    // The pool is waited for before this object goes away, so calling back into it is safe; a
    // stop cancels the export at its next page instead of waiting for all of it.
    m_exportPool->start([this, filePath, asJson, filter, databasePath] {
        const HistoryExport::Result result = HistoryExport::write(
            databasePath, u"lanchat-export-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16),
            filePath, asJson ? HistoryExport::Format::Json : HistoryExport::Format::Text, filter,
            m_cancelExports);
        QMetaObject::invokeMethod(this, [this, filePath, result] {
            emit exportFinished(filePath, result.count, result.error);
        });
    });
}

void ChatServer::onClientAdded(const ClientInfo &info)
{
    m_dirtyClients.insert(info.id);
    if (!m_activityTimer->isActive())
        m_activityTimer->start();
}

void ChatServer::onClientRemoved(const ClientInfo &info, bool kicked, const QString &reason)
{
    m_dirtyClients.remove(info.id);
    m_activity.removedClients.append(info.id);
    PendingEvent leave;
    leave.event.kind = kicked ? ChatEvent::Kind::Kick : ChatEvent::Kind::Leave;
    leave.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
    leave.event.username = info.username;
    leave.event.text = kicked ? reason : QString();
    leave.userKey = UsernameRules::comparisonKey(info.username);
    enqueue(leave);
}

void ChatServer::enqueue(const PendingEvent &event)
{
    m_pending.append(event);
    const ChatEvent::Kind kind = event.event.kind;
    if (kind != ChatEvent::Kind::Join && kind != ChatEvent::Kind::Leave)
        m_pendingUrgent = true;
    // Everything that arrives while a batch is being committed joins the next batch: one fsync
    // for many messages, and at most one batch in flight keeps the broadcast order = id order.
    if (!m_writeInFlight)
        scheduleFlush();
}

void ChatServer::scheduleFlush()
{
    const int delay = m_pendingUrgent || m_stopping ? 0 : PresenceCoalesceMs;
    if (!m_flushTimer->isActive() || m_flushTimer->remainingTime() > delay)
        m_flushTimer->start(delay);
}

void ChatServer::flush()
{
    if (m_writeInFlight || m_pending.isEmpty())
        return;
    m_flushTimer->stop();
    m_writeInFlight = true;
    m_pendingUrgent = false;
    emit storeRequested(std::exchange(m_pending, {}));
}

void ChatServer::onBatchStored(const QList<StoredEvent> &results, const QList<PendingEvent> &failed,
                               const QString &error, bool full)
{
    m_writeInFlight = false;
    // The whole batch goes out as one write per client (a write costs a notifier round trip in
    // Qt's event loop, whatever its size): everyone gets the common stream, except that each
    // sender in the batch gets its own, with its acknowledgements in place of the common copy.
    QByteArray common;
    QHash<ClientId, QByteArray> personal;
    const auto streamOf = [&](ClientId sender) -> QByteArray & {
        auto it = personal.find(sender);
        if (it == personal.end())
            it = personal.insert(sender, common); // everything before this event, as everyone
        return *it;
    };
    for (const StoredEvent &stored : results) {
        if (stored.duplicate) {
            // A re-sent message we already have: acknowledge it again, store and show nothing.
            streamOf(stored.sender) += ConnectionManager::textFrame(
                Protocol::eventFrame(stored.event, stored.cid, true));
            continue;
        }
        m_lastStoredId = stored.event.id;
        QByteArray frame;
        if (stored.sender != 0) {
            const auto [everyone, ack] = Protocol::eventFrameAndAck(stored.event, stored.cid);
            frame = ConnectionManager::textFrame(everyone);
            streamOf(stored.sender) += ConnectionManager::textFrame(ack);
        } else {
            frame = ConnectionManager::textFrame(Protocol::eventFrame(stored.event));
        }
        common += frame;
        for (auto it = personal.begin(); it != personal.end(); ++it) {
            if (it.key() != stored.sender)
                it.value() += frame;
        }
        m_activity.events.append(stored.event);
    }
    m_connections->deliver(common, personal);
    if (!failed.isEmpty()) {
        refuseUnstored(failed, error, full);
    } else if (!m_storageProblem.isEmpty()) {
        m_storageProblem.clear();
        qCWarning(lcStore) << "the history can be written again";
        emit storageProblem({});
    }
    m_status.lastEventId = m_lastStoredId;
    if (!m_activityTimer->isActive())
        m_activityTimer->start();
    if (!m_pending.isEmpty())
        scheduleFlush();
    else
        maybeFinishStop();
}

// Nothing of a failed batch was stored, so nothing of it is broadcast or acknowledged: each
// sender hears why, the operator once per change (ServerController, the log), and the next
// batch tries again, so chat resumes by itself once there is room.
void ChatServer::refuseUnstored(const QList<PendingEvent> &failed, const QString &error, bool full)
{
    const QString clientText = full ? u"The chat history is full, so your message was not stored "
                                      u"or delivered. The operator has been told."_s
                                    : u"The server cannot write the chat history, so your message "
                                      u"was not stored or delivered. The operator has been told."_s;
    for (const PendingEvent &pending : failed) {
        qCDebug(lcStore).noquote() << "not stored:" << LanChat::kindName(pending.event.kind)
                                   << "from" << pending.event.username;
        if (pending.sender != 0)
            m_connections->sendTo(
                pending.sender, Protocol::errorFrame(u"storage_failed"_s, clientText, pending.cid));
    }
    QString problem;
    if (full && m_config.maxHistoryBytes > 0)
        problem = u"The history database %1 is full (its limit is %2 MiB, or the disk is full): "
                  u"new messages are refused until the limit is raised or space is freed."_s
                      .arg(m_status.databasePath)
                      .arg(double(m_config.maxHistoryBytes) / (1024 * 1024));
    else if (full)
        problem = u"The disk holding the history database %1 is full: new messages are refused "
                  u"until space is freed."_s.arg(m_status.databasePath);
    else
        problem = u"The history database %1 cannot be written (%2): new messages are refused "
                  u"until it can."_s.arg(m_status.databasePath, error);
    if (problem == m_storageProblem)
        return;
    m_storageProblem = problem;
    qCWarning(lcStore).noquote() << problem;
    emit storageProblem(problem);
}

void ChatServer::publishActivity()
{
    for (const ClientId id : std::as_const(m_dirtyClients)) {
        if (m_connections->contains(id))
            m_activity.updatedClients.append(m_connections->info(id));
    }
    m_dirtyClients.clear();
    m_activity.clientCount = m_connections->count();
    emit activity(std::exchange(m_activity, {}));
}

void ChatServer::stop()
{
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    m_cancelExports.store(true);
    qCInfo(lcServer) << "stopping";
    m_listener->close();
    // Chat and echo connections alike; closeAll iterates a copy of the ids, since a socket may
    // report its end from inside its own close().
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s,
                            CloseDeadlineMs);
}

void ChatServer::maybeFinishStop()
{
    if (!m_stopping || !m_clientsClosed || m_writeInFlight || !m_pending.isEmpty() || !m_running)
        return;
    m_running = false;
    // A running export was cancelled by the stop: it ends at its current page. Its
    // exportFinished() (queued to this thread) goes out before stopped().
    m_cancelExports.store(true);
    m_exportPool->waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    m_activityTimer->stop();
    publishActivity();
    delete m_http; // with the listener and any HTTP connections
    m_http = nullptr;
    m_listener = nullptr;
    shutDownStorage();
    qCInfo(lcServer) << "stopped";
    emit stopped();
}

void ChatServer::stopNow()
{
    if (!m_running)
        return;
    m_stopping = true;
    m_cancelExports.store(true);
    if (m_listener)
        m_listener->close();
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s, 0);
    // Wait for the batch in flight, then store whatever is left, in this thread's time.
    while (m_writeInFlight)
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents
                                        | QEventLoop::WaitForMoreEvents);
    QList<PendingEvent> rest = std::exchange(m_pending, {});
    if (!rest.isEmpty()) {
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, rest] { writer->store(rest); },
            Qt::BlockingQueuedConnection);
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
    m_clientsClosed = true;
    m_pending.clear();
    m_writeInFlight = false;
    maybeFinishStop();
}

void ChatServer::shutDownStorage()
{
    m_reader.close();
    if (!m_databaseThread)
        return;
    if (m_writer) {
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer] { writer->close(); }, Qt::BlockingQueuedConnection);
        m_writer = nullptr; // deleted in its thread when the thread finishes
    }
    m_databaseThread->quit();
    m_databaseThread->wait();
    delete m_databaseThread;
    m_databaseThread = nullptr;
}
