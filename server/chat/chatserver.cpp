#include "chatserver.h"

#include "accesstoken.h"
#include "connectionmanager.h"
#include "descriptorlimit.h"
#include "historyexporter.h"
#include "historywriter.h"
#include "hostpolicy.h"
#include "httpapi.h"
#include "logging.h"
#include "portmultiplexer.h"
#include "protocol.h"
#include "tlsidentity.h"
#include "usernamerules.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace {
const auto untilText = &Moderation::untilText;

QString transportKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
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
      m_reader(u"lanchat-reader-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16)),
      m_moderation(config.operatorName),
      m_flood(config.messageRate, config.messageBurst),
      m_blocker(config.authFailureLimit, config.authFailureWindowSeconds, config.authBlockSeconds)
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
    m_commits = new CommitPipeline(this);
    m_commits->setStorage(databasePath, m_config.maxHistoryBytes);
    connect(m_commits, &CommitPipeline::storeRequested, m_writer, &HistoryWriter::store);
    connect(m_writer, &HistoryWriter::batchStored, m_commits, &CommitPipeline::onBatchStored);
    connect(m_commits, &CommitPipeline::committed, this, &ChatServer::onCommitted);
    connect(m_commits, &CommitPipeline::drained, this, &ChatServer::maybeFinishStop);
    connect(m_commits, &CommitPipeline::storageProblem, this, &ChatServer::storageProblem);
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
    QList<BanInfo> bans;
    m_reader.activeBans(QDateTime::currentMSecsSinceEpoch(), &bans);
    m_moderation.setBans(bans);
    m_reader.recentModeration(500, &m_status.recentModeration);
    m_exports = new HistoryExporter(databasePath, this);
    connect(m_exports, &HistoryExporter::finished, this, &ChatServer::exportFinished);

    if (m_config.token.isEmpty())
        m_config.token = AccessToken::generate();

    m_connections = new ConnectionManager(this);
    connect(m_connections, &ConnectionManager::textReceived, this, &ChatServer::onText);
    connect(m_connections, &ConnectionManager::echoTextReceived, this, &ChatServer::onEchoText);
    connect(m_connections, &ConnectionManager::binaryReceived, this, &ChatServer::onBinary);
    connect(m_connections, &ConnectionManager::connectionClosed, this,
            [this](ClientId id) { m_flood.forget(id); });
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

    m_hosts = std::make_unique<HostPolicy>(m_config.allowedHosts);
    m_httpApi
        = new HttpApi(m_config.token, &m_reader, m_connections, &m_blocker, m_hosts.get(), this);
    m_httpApi->setOperatorKey(m_config.operatorKey);
    connect(m_httpApi, &HttpApi::addressBlocked, this, &ChatServer::recordBlock);
    m_status.serverName = m_config.serverName.trimmed().isEmpty() ? LanChat::defaultServerName()
                                                                  : m_config.serverName.trimmed();
    m_httpApi->setIdentity(m_status.serverName, identity.isValid());

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

    m_listener = new PortMultiplexer(this);
    m_listener->setHttpService(m_httpApi);
    applyConnectionLimits();
    if (identity.isValid())
        m_listener->setTlsConfiguration(identity.serverConfiguration());
    connect(m_listener, &PortMultiplexer::webSocketUpgrade, this,
            [this](QTcpSocket *socket, bool hostAllowed) {
                const QString key = transportKey(socket->peerAddress(), socket->peerPort());
                // Entries normally leave in admit(); a handshake that Qt refuses never gets there.
                if (m_transports.size() > 1024)
                    m_transports.removeIf([](const auto &entry) { return !entry.value().socket; });
                m_transports.insert(key, Transport {socket, hostAllowed});
                m_webSockets->handleConnection(socket);
            });
    if (!m_listener->open(m_config.bindAddress, m_config.port)) {
        error = u"Cannot listen on %1 port %2: %3"_s.arg(m_config.bindAddress.toString())
                    .arg(m_config.port)
                    .arg(m_listener->errorString());
        delete m_listener;
        m_listener = nullptr;
        delete m_httpApi;
        m_httpApi = nullptr;
        delete m_webSockets;
        m_webSockets = nullptr;
        delete m_connections;
        m_connections = nullptr;
        shutDownStorage();
        emit startFailed(error);
        return;
    }

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
    m_status.bans = m_moderation.bans();
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
    // Every socket here came through the multiplexer; its entry is taken whatever comes next.
    const Transport transport
        = m_transports.take(transportKey(socket->peerAddress(), socket->peerPort()));
    if (!transport.socket) { // cannot happen: every WebSocket came through the multiplexer
        qCCritical(lcConnections) << "no transport for an upgraded connection";
        refuse(socket, QWebSocketProtocol::CloseCodeBadOperation, Protocol::Error::InternalError,
               u"The server could not take this connection."_s);
        return;
    }
    const QString address = ConnectionManager::addressText(socket->peerAddress());
    if (!transport.hostAllowed) {
        // DNS rebinding: a page on another name that now points here.
        qCWarning(lcConnections).noquote()
            << "refused a WebSocket connection from" << address << "addressed to the host"
            << LanChat::escapeForLog(socket->requestUrl().host());
        refuse(socket, QWebSocketProtocol::CloseCodePolicyViolated, Protocol::Error::HostNotAllowed,
               u"This server does not answer to that host name."_s);
        return;
    }
    if (!isOriginAllowed(socket)) {
        qCWarning(lcConnections).noquote()
            << "refused a browser connection from" << address
            << "with the foreign origin"
            // Qt read the field as Latin-1: log its bytes.
            << LanChat::escapeForLog(QByteArrayView(socket->origin().toLatin1()));
        refuse(socket, QWebSocketProtocol::CloseCodePolicyViolated,
               Protocol::Error::OriginNotAllowed,
               u"This page's origin may not connect to this chat."_s);
        return;
    }
    if (m_blocker.blockedUntil(address, QDateTime::currentMSecsSinceEpoch()) > 0) {
        refuse(socket, Protocol::CloseAddressBlocked, Protocol::Error::AddressBlocked,
               u"Too many wrong tokens came from your address; try again later."_s);
        return;
    }
    const QUrlQuery query(socket->requestUrl());
    const QString presented = query.queryItemValue(u"token"_s, QUrl::FullyDecoded);
    // The host's own chat client presents the operator key in the token's place.
    const bool asOperator
        = !m_config.operatorKey.isEmpty() && AccessToken::matches(presented, m_config.operatorKey);
    if (!asOperator && !AccessToken::matches(presented, m_config.token)) {
        noteAuthFailure(address);
        qCWarning(lcConnections).noquote()
            << "refused a connection with a wrong or missing token from" << address << "to"
            << LanChat::escapeForLog(redactedUrl(socket->requestUrl()));
        refuse(socket, QWebSocketProtocol::CloseCodePolicyViolated, Protocol::Error::InvalidToken,
               u"invalid token"_s);
        return;
    }
    if (socket->requestUrl().path() == HttpApi::EchoPath)
        admitEchoClient(socket, transport.socket);
    else
        admitChatClient(socket, transport.socket,
                        asOperator ? ClientRole::Operator : ClientRole::Participant);
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

void ChatServer::admitChatClient(QWebSocket *socket, QTcpSocket *transport, ClientRole role)
{
    const bool isOperator = role == ClientRole::Operator;
    const QUrlQuery query(socket->requestUrl());
    // Still percent-encoded: UsernameRules decodes the bytes strictly, where a decoded value
    // would already have turned invalid UTF-8 into U+FFFD.
    const UsernameRules::Verdict verdict
        = UsernameRules::checkQueryValue(query.queryItemValue(u"username"_s, QUrl::FullyEncoded));
    if (!verdict.isValid()) {
        refuse(socket, Protocol::CloseInvalidUsername, Protocol::Error::InvalidUsername,
               verdict.problem);
        return;
    }
    const BanInfo *ban
        = isOperator ? nullptr // the operator cannot lock itself out
                     : findBan(verdict.key, ConnectionManager::addressText(socket->peerAddress()));
    if (ban) {
        QString text = ban->isPermanent() ? u"You are banned from this chat."_s
                                          : u"You are banned from this chat until %1."_s.arg(
                                              QDateTime::fromMSecsSinceEpoch(ban->untilMs, Qt::UTC)
                                                  .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
        if (!ban->reason.isEmpty())
            text += u" Reason: "_s + ban->reason;
        qCInfo(lcConnections).noquote()
            << "refused banned" << LanChat::escapeForLog(verdict.username) << "from"
            << ConnectionManager::addressText(socket->peerAddress());
        refuse(socket, Protocol::CloseBanned, Protocol::Error::Banned, text);
        return;
    }
    if (m_connections->isUsernameTaken(verdict.username)) {
        refuse(socket, Protocol::CloseUsernameTaken, Protocol::Error::UsernameTaken,
               u"The username \"%1\" is already taken by someone online."_s.arg(verdict.username));
        return;
    }
    if (refuseOverCapacity(socket))
        return;
    const ClientId id
        = m_connections->addClient(socket, transport, verdict.username, verdict.key, isOperator);
    startFloodControl(id);
    // The join first: whatever happens to the client while its welcome is written (a drop) is
    // stored and broadcast after it, never a leave before the join.
    PendingEvent join;
    join.event.kind = ChatEvent::Kind::Join;
    join.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
    join.event.username = verdict.username;
    join.event.fromOperator = isOperator;
    join.userKey = verdict.key;
    enqueue(join);
    m_connections->sendWelcome(
        id, Protocol::welcomeFrame(verdict.username, m_connections->usersJson(), m_lastStoredId,
                                   m_config.maxTextLength, m_config.maxFrameBytes,
                                   m_connections->operatorNames()));
}

// Echo connections are not chat clients, but nothing else about them differs: they count
// against the same connection caps and get the same flood control, output cap and keepalive.
void ChatServer::admitEchoClient(QWebSocket *socket, QTcpSocket *transport)
{
    if (refuseOverCapacity(socket))
        return;
    startFloodControl(m_connections->addEchoClient(socket, transport));
}

bool ChatServer::refuseOverCapacity(QWebSocket *socket)
{
    if (m_connections->connectionCount() >= m_config.maxConnections) {
        refuse(socket, Protocol::CloseTooManyConnections, Protocol::Error::ServerFull,
               u"The chat server is full (%1 connections); try again later."_s.arg(
                   m_config.maxConnections));
        return true;
    }
    const QString address = ConnectionManager::addressText(socket->peerAddress());
    if (m_connections->countFrom(address) >= m_config.maxConnectionsPerAddress) {
        refuse(socket, Protocol::CloseTooManyConnections, Protocol::Error::TooManyConnections,
               u"Your address already has %1 connections to this chat."_s.arg(
                   m_config.maxConnectionsPerAddress));
        return true;
    }
    return false;
}

void ChatServer::startFloodControl(ClientId id)
{
    m_flood.start(id, QDateTime::currentMSecsSinceEpoch());
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
        id, Protocol::errorFrame(Protocol::Error::InvalidJson,
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
    const Moderation::SendCheck mute = m_moderation.checkSend(m_connections->usernameKey(id), now);
    if (mute.muted) {
        m_connections->sendTo(
            id, Protocol::errorFrame(Protocol::Error::Muted, mute.refusal, frame.cid));
        return;
    }
    if (mute.lifted)
        m_connections->setMutedUntil(id, 0);
    m_connections->noteMessage(id, now);
    m_dirtyClients.insert(id);

    PendingEvent pending;
    pending.event.kind = ChatEvent::Kind::Message;
    pending.event.timestampMs = now;
    const ClientInfo sender = m_connections->info(id);
    pending.event.username = sender.username;
    pending.event.fromOperator = sender.isOperator;
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

// Flood control: frames beyond the rate get `rate_limited` and go no further; a flooding client
// is disconnected.
bool ChatServer::allowFrame(ClientId id, const QString &cid)
{
    switch (m_flood.check(id, QDateTime::currentMSecsSinceEpoch())) {
    case FloodControl::Verdict::Allow:
        return true;
    case FloodControl::Verdict::Disconnect:
        m_connections->drop(id, Protocol::CloseFlooding, u"flooding"_s);
        return false;
    case FloodControl::Verdict::Refuse:
        break;
    }
    m_connections->sendTo(
        id, Protocol::errorFrame(Protocol::Error::RateLimited, m_flood.refusalText(), cid));
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

void ChatServer::noteAuthFailure(const QString &address)
{
    if (const qint64 until = m_blocker.noteFailure(address, QDateTime::currentMSecsSinceEpoch());
        until > 0)
        recordBlock(address, until);
}

void ChatServer::recordBlock(const QString &address, qint64 untilMs)
{
    record(ModerationRecord::Action::Block, address,
           u"%1 wrong tokens within %2 s"_s.arg(m_blocker.limit()).arg(m_blocker.windowSeconds()),
           untilText(untilMs), u"server"_s);
}

// Every connection counts (chat, echo, HTTP, handshakes under way), below what the descriptor
// limit allows, keeping descriptors for the database and the rest of the process.
void ChatServer::applyConnectionLimits()
{
    const DescriptorLimit::Raise descriptors = DescriptorLimit::raiseToHardLimit();
    const int budget = DescriptorLimit::connectionBudget(descriptors.now);
    int total = m_config.maxSockets > 0 ? m_config.maxSockets : budget;
    const int perAddress = m_config.maxConnectionsPerAddress + ServerConfig::OtherSocketsPerAddress;
    if (m_config.maxSockets > budget)
        qCWarning(lcServer).noquote()
            << "--max-sockets" << m_config.maxSockets << "is above the" << budget
            << "connections the descriptor limit leaves room for; when descriptors run out, "
               "accepting pauses until some close";
    if (descriptors.now != descriptors.before)
        qCInfo(lcServer).noquote()
            << "descriptor limit raised from" << descriptors.before << "to" << descriptors.now;
    qCInfo(lcServer).noquote() << "descriptor limit" << descriptors.now << "(hard limit"
                               << descriptors.hard << "): at most" << total
                               << "connections at once," << perAddress << "from one address";
    HttpConnection::Limits limits;
    limits.requestTimeoutMs = m_config.handshakeTimeoutMs;
    limits.idleTimeoutMs = m_config.httpIdleSeconds * 1000;
    limits.maxBodyBytes = m_config.maxHttpBodyBytes;
    m_listener->setLimits(limits, total, perAddress);
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
    publish(m_moderation.record(action, target, reason, QDateTime::currentMSecsSinceEpoch(), detail,
                                actor));
}

void ChatServer::publish(const ModerationRecord &entry)
{
    qCInfo(lcServer).noquote() << "moderation:" << LanChat::actionName(entry.action)
                               << LanChat::escapeForLog(entry.target) << entry.detail;
    emit moderationStoreRequested(entry);
    m_activity.moderation.append(entry);
    scheduleActivity();
}

const BanInfo *ChatServer::findBan(const QString &usernameKey, const QString &address)
{
    return m_moderation.findBan(usernameKey, address, QDateTime::currentMSecsSinceEpoch());
}

void ChatServer::ban(const BanRequest &request)
{
    if (!m_running || m_stopping)
        return;
    ClientInfo target;
    const bool online = request.clientId != 0 && m_connections->contains(request.clientId);
    if (online)
        target = m_connections->info(request.clientId);
    const auto decision
        = m_moderation.ban(request, online ? &target : nullptr, m_connections->clients(),
                           QDateTime::currentMSecsSinceEpoch());
    if (!decision)
        return;
    emit banStoreRequested(decision->ban);
    publish(decision->record);
    for (const ClientId id : decision->toKick)
        m_connections->kick(id, decision->kickReason);
    emit bansChanged(m_moderation.bans());
}

void ChatServer::onBanStored(const BanInfo &stored, const QString &error)
{
    if (!error.isEmpty()) {
        qCWarning(lcStore).noquote() << "a ban was not stored and ends with this run:" << error;
        return;
    }
    m_moderation.noteBanStored(stored);
    emit bansChanged(m_moderation.bans());
}

void ChatServer::unban(qint64 banId)
{
    if (!m_running)
        return;
    const auto entry = m_moderation.unban(banId, QDateTime::currentMSecsSinceEpoch());
    if (!entry)
        return;
    emit banRemovalRequested(banId);
    publish(*entry);
    emit bansChanged(m_moderation.bans());
}

void ChatServer::mute(ClientId id, qint64 durationSeconds, const QString &reason)
{
    if (!m_running || m_stopping || !m_connections->contains(id) || durationSeconds <= 0)
        return;
    const QString key = m_connections->usernameKey(id);
    const Moderation::MuteDecision decision = m_moderation.mute(
        m_connections->info(id), key, durationSeconds, reason, QDateTime::currentMSecsSinceEpoch());
    m_connections->setMutedUntil(id, decision.untilMs);
    m_dirtyClients.insert(id);
    m_connections->sendTo(id, Protocol::errorFrame(Protocol::Error::Muted, decision.notice));
    publish(decision.record);
    // Show the end of the mute in the operator's client list when it comes.
    QTimer::singleShot(
        std::chrono::milliseconds(durationSeconds * 1000 + 50), this, [this, id, key] {
            if (!m_moderation.liftExpiredMute(key, QDateTime::currentMSecsSinceEpoch()))
                return;
            if (m_connections && m_connections->contains(id)) {
                m_connections->setMutedUntil(id, 0);
                m_dirtyClients.insert(id);
                scheduleActivity();
            }
        });
}

void ChatServer::unmute(ClientId id)
{
    if (!m_running || !m_connections->contains(id))
        return;
    const auto entry = m_moderation.unmute(m_connections->info(id), m_connections->usernameKey(id),
                                           QDateTime::currentMSecsSinceEpoch());
    if (!entry)
        return;
    m_connections->setMutedUntil(id, 0);
    m_dirtyClients.insert(id);
    publish(*entry);
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
    m_exports->start(filePath, asJson ? HistoryExport::Format::Json : HistoryExport::Format::Text,
                     filter);
}

void ChatServer::onClientAdded(const ClientInfo &info)
{
    m_dirtyClients.insert(info.id);
    scheduleActivity();
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

void ChatServer::onCommitted(const CommitPipeline::Commit &commit)
{
    if (!commit.events.isEmpty())
        m_lastStoredId = commit.events.constLast().id;
    m_activity.events.append(commit.events);
    m_connections->deliver(commit.common, commit.personal);
    for (const CommitPipeline::Refusal &refusal : commit.refusals)
        m_connections->sendTo(refusal.client, refusal.frame);
    m_status.lastEventId = m_lastStoredId;
    scheduleActivity();
}

void ChatServer::scheduleActivity()
{
    if (!m_activityTimer->isActive())
        m_activityTimer->start();
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
    m_commits->setStopping(true);
    m_exports->cancel();
    qCInfo(lcServer) << "stopping";
    m_listener->closeListener();
    // Chat and echo connections alike; closeAll iterates a copy of the ids, since a socket may
    // report its end from inside its own close().
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s,
                            CloseDeadlineMs);
}

void ChatServer::maybeFinishStop()
{
    if (!m_stopping || !m_clientsClosed || !m_commits->isIdle() || !m_running)
        return;
    m_running = false;
    // A running export was cancelled by the stop: it ends at its current page. Its
    // exportFinished() (queued to this thread) goes out before stopped().
    m_exports->finish();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    m_activityTimer->stop();
    publishActivity();
    delete m_listener; // with every HTTP connection and TCP socket
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
    m_commits->setStopping(true);
    m_exports->cancel();
    if (m_listener)
        m_listener->closeListener();
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s, 0);
    // Wait for the batch in flight, then store whatever is left, in this thread's time.
    while (m_commits->isWriting())
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents
                                        | QEventLoop::WaitForMoreEvents);
    const QList<PendingEvent> rest = m_commits->takePending();
    if (!rest.isEmpty()) {
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, rest] { writer->store(rest); },
            Qt::BlockingQueuedConnection);
        QCoreApplication::sendPostedEvents(m_commits, QEvent::MetaCall);
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
    m_clientsClosed = true;
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
