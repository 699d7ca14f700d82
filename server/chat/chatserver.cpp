#include "chatserver.h"

#include "accesstoken.h"
#include "activityfeed.h"
#include "admissionstate.h"
#include "connectionmanager.h"
#include "conversations.h"
#include "directdelivery.h"
#include "historyexporter.h"
#include "historywriter.h"
#include "hostpolicy.h"
#include "httpapi.h"
#include "logging.h"
#include "messageintake.h"
#include "moderationactions.h"
#include "nameregistry.h"
#include "pendingevents.h"
#include "portmultiplexer.h"
#include "protocol.h"
#include "registrationtable.h"
#include "roomadministration.h"
#include "tlsidentity.h"
#include "usernamerules.h"
#include "websocketupgrades.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_reader(u"lanchat-reader-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16)),
      m_moderation(config.operatorName),
      m_sessions(config.sessionGraceMs),
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
    // Opening a history that needs migrating checks every page first: a stop may have come.
    if (startCancelled())
        return;
    // Otherwise the check runs now, while the server starts and serves: first in the database
    // thread's queue, so every write waits for its verdict.
    connect(m_writer, &HistoryWriter::integrityChecked, this, &ChatServer::onIntegrityChecked);
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::checkIntegrity, Qt::QueuedConnection);
    m_lastStoredId = m_reader.lastId();
    QList<BanInfo> bans;
    m_reader.activeBans(QDateTime::currentMSecsSinceEpoch(), &bans);
    m_moderation.setBans(bans);
    m_reader.recentModeration(500, &m_status.recentModeration);
    QList<Registration> registrations;
    if (!RegistrationTable::load(m_reader.connectionName(), &registrations, &error)) {
        // Without them, anyone could take a registered name: no start.
        shutDownStorage();
        emit startFailed(error);
        return;
    }
    m_exports = new HistoryExporter(databasePath, this);
    connect(m_exports, &HistoryExporter::finished, this, &ChatServer::exportFinished);

    if (m_config.token.isEmpty())
        m_config.token = AccessToken::generate();

    m_connections = new ConnectionManager(this);
    m_activity = new ActivityFeed(m_connections, this);
    connect(m_activity, &ActivityFeed::activity, this, &ChatServer::activity);
    m_moderationActions
        = new ModerationActions(m_moderation, m_blocker, m_connections, m_activity, this);
    connect(m_moderationActions, &ModerationActions::bansChanged, this, &ChatServer::bansChanged);
    connect(m_moderationActions, &ModerationActions::banStoreRequested, m_writer,
            &HistoryWriter::storeBan);
    connect(m_moderationActions, &ModerationActions::banRemovalRequested, m_writer,
            &HistoryWriter::removeBan);
    connect(m_moderationActions, &ModerationActions::moderationStoreRequested, m_writer,
            &HistoryWriter::storeModeration);
    connect(m_writer, &HistoryWriter::banStored, m_moderationActions,
            &ModerationActions::onBanStored);
    m_names = new NameRegistry(m_writer, m_connections, m_moderationActions, this);
    connect(m_names, &NameRegistry::registrationsChanged, this,
            [this](const QList<RegisteredName> &names) {
                m_status.registrations = names;
                emit registrationsChanged(names);
            });
    connect(m_names, &NameRegistry::admissionReady, this,
            [this](QWebSocket *socket, QTcpSocket *transport, const AdmissionDecision &admitted) {
                if (m_stopping)
                    refuse(socket, AdmissionDecision::refuse(Protocol::Error::InternalError,
                                                             u"The server is shutting down."_s));
                else
                    admitChatClient(socket, transport, admitted);
            });
    connect(m_names, &NameRegistry::admissionRefused, this, &ChatServer::refuse);
    m_names->setAll(registrations); // nobody is online yet: for the status
    m_admissionState = std::make_unique<AdmissionState>(m_blocker, m_moderation, *m_connections,
                                                        m_names->registrations());
    m_admission = std::make_unique<Admission>(
        Admission::Policy {m_config.token, m_config.operatorKey, m_config.allowedOrigins,
                           m_config.maxConnections, m_config.maxConnectionsPerAddress},
        *m_admissionState);
    m_intake
        = new MessageIntake(m_config, m_moderation, m_connections, m_commits, m_activity, this);
    m_conversations = new Conversations(m_config, m_connections, m_commits,
                                        m_names->registrations(), &m_reader, this);
    if (!m_conversations->load(&error)) {
        shutDownStorage();
        emit startFailed(error);
        return;
    }
    m_intake->setConversations(m_conversations);
    m_roomAdmin = new RoomAdministration(m_config, m_connections, m_commits, m_conversations,
                                         m_moderationActions, this);
    if (!m_roomAdmin->load(&m_reader, m_writer, &error)) {
        shutDownStorage();
        emit startFailed(error);
        return;
    }
    connect(m_roomAdmin, &RoomAdministration::roomsChanged, this, &ChatServer::roomsChanged);
    connect(m_roomAdmin, &RoomAdministration::roomRefused, this, &ChatServer::roomRefused);
    connect(m_conversations->directs(), &DirectDelivery::deliveredChanged, m_writer,
            &HistoryWriter::storeDirectDelivered);
    connect(m_connections, &ConnectionManager::clientAdded, m_activity,
            [this](const ClientInfo &info) {
                m_activity->noteClient(info.id);
                m_activity->schedule();
                m_roomAdmin->scheduleSummary(); // online members
            });
    connect(m_connections, &ConnectionManager::clientRemoved, this, &ChatServer::onClientRemoved);
    connect(m_connections, &ConnectionManager::connectionClosed, this,
            [this](ClientId id) { m_sessions.close(id, QDateTime::currentMSecsSinceEpoch()); });
    // Queued: the last socket may report its end from inside its own abort(), and finishing the
    // stop deletes the HTTP server, whose multiplexer owns that very socket.
    connect(
        m_connections, &ConnectionManager::allClosed, this,
        [this] {
            m_clientsClosed = true;
            maybeFinishStop();
        },
        Qt::QueuedConnection);

    m_upgrades = new WebSocketUpgrades(m_config.handshakeTimeoutMs, this);
    connect(m_upgrades, &WebSocketUpgrades::ready, this, &ChatServer::admit);

    m_hosts = std::make_unique<HostPolicy>(m_config.allowedHosts);
    m_httpApi
        = new HttpApi(m_config.token, &m_reader, m_connections, &m_blocker, m_hosts.get(), this);
    connect(m_httpApi, &HttpApi::addressBlocked, m_moderationActions,
            &ModerationActions::recordBlock);
    m_status.serverName = m_config.serverName.trimmed().isEmpty() ? LanChat::defaultServerName()
                                                                  : m_config.serverName.trimmed();
    m_httpApi->setIdentity(m_status.serverName, identity.isValid());
    m_httpApi->setOperatorKey(m_config.operatorKey);
    m_httpApi->setSessions(&m_sessions);
    m_httpApi->setRooms(&m_conversations->rooms());

    m_connections->setLimits(m_config.maxPendingOutputBytes, m_config.keepAliveSeconds);

    m_listener = new PortMultiplexer(this);
    m_listener->setHttpService(m_httpApi);
    m_listener->setLimits(m_config);
    if (identity.isValid())
        m_listener->setTlsConfiguration(identity.serverConfiguration());
    connect(m_listener, &PortMultiplexer::webSocketUpgrade, m_upgrades, &WebSocketUpgrades::handle);
    if (!m_listener->open(m_config.bindAddress, m_config.port)) {
        error = u"Cannot listen on %1 port %2: %3"_s.arg(m_config.bindAddress.toString())
                    .arg(m_config.port)
                    .arg(m_listener->errorString());
        delete m_listener;
        m_listener = nullptr;
        delete m_httpApi;
        m_httpApi = nullptr;
        delete m_upgrades;
        m_upgrades = nullptr;
        delete m_connections;
        m_connections = nullptr;
        shutDownStorage();
        emit startFailed(error);
        return;
    }

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

void ChatServer::admit(QWebSocket *socket, QTcpSocket *transport, bool hostAllowed)
{
    // Qt's defaults are about 2 GiB; a bigger frame is closed with 1009 and never parsed.
    socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxFrameBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxFrameBytes));
    if (m_stopping) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(CloseDeadlineMs, socket, &QWebSocket::abort);
        return;
    }
    if (!transport) { // cannot happen: every WebSocket came through the multiplexer
        qCCritical(lcConnections) << "no transport for an upgraded connection";
        refuse(socket, AdmissionDecision::refuse(Protocol::Error::InternalError,
                                                 u"The server could not take this connection."_s));
        return;
    }
    AdmissionRequest request;
    request.address = ConnectionManager::addressText(socket->peerAddress());
    request.url = socket->requestUrl();
    request.origin = socket->origin();
    request.hostAllowed = hostAllowed;
    const AdmissionDecision decision
        = m_admission->decide(request, QDateTime::currentMSecsSinceEpoch());
    if (!decision.isAdmitted()) {
        if (decision.wrongToken)
            m_moderationActions->noteWrongToken(request.address);
        refuse(socket, decision);
        return;
    }
    switch (decision.role) {
    case AdmissionDecision::Role::Echo:
        // Not a chat client, but under the same caps, flood control, output cap and keepalive.
        m_intake->startFloodControl(m_connections->addEchoClient(socket, transport));
        return;
    case AdmissionDecision::Role::Chat:
    case AdmissionDecision::Role::Operator:
        if (m_names->mustWait(decision))
            m_names->hold(socket, transport, decision);
        else
            admitChatClient(socket, transport, decision);
        return;
    }
}

void ChatServer::refuse(QWebSocket *socket, const AdmissionDecision &refusal)
{
    if (refusal.logAsWarning)
        qCWarning(lcConnections).noquote() << refusal.logNote;
    else if (!refusal.logNote.isEmpty())
        qCInfo(lcConnections).noquote() << refusal.logNote;
    const QByteArray frame
        = refusal.sanction
              ? Protocol::errorFrame(refusal.errorCode, refusal.message, *refusal.sanction)
              : Protocol::errorFrame(refusal.errorCode, refusal.message);
    socket->sendTextMessage(QString::fromUtf8(frame));
    socket->close(QWebSocketProtocol::CloseCode(refusal.closeCode), refusal.message.left(120));
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(CloseDeadlineMs, socket, &QWebSocket::abort);
    socket->setParent(this);
}

void ChatServer::admitChatClient(QWebSocket *socket, QTcpSocket *transport,
                                 const AdmissionDecision &admitted)
{
    const bool isOperator = admitted.role == AdmissionDecision::Role::Operator;
    const bool firstOfUser = m_connections->connectionsOf(admitted.usernameKey).isEmpty();
    const ClientId id = m_connections->addClient(socket, transport, admitted.username,
                                                 admitted.usernameKey, isOperator);
    m_intake->startFloodControl(id);
    m_conversations->connected(id, admitted.usernameKey);
    // A user's further connections go by the name the user is online under.
    const QString username = m_connections->info(id).username;
    // The join first: whatever happens to the client while its welcome is written (a drop) is
    // stored and broadcast after it, never a leave before the join. One join per user: a
    // registered user's second device is no new person in the chat.
    if (firstOfUser)
        enqueue(PendingEvents::join(username, admitted.usernameKey, isOperator,
                                    QDateTime::currentMSecsSinceEpoch()));
    if (admitted.registered)
        m_names->noteSeen(admitted.usernameKey);
    const QString session
        = m_sessions.open(id, {username, admitted.usernameKey, admitted.registered});
    m_connections->sendWelcome(
        id,
        m_conversations->welcome(
            Protocol::welcomeFrame(username, m_connections->usersJson(), m_lastStoredId,
                                   m_config.maxTextLength, m_config.maxFrameBytes,
                                   m_connections->operatorNames(), session, admitted.registered),
            admitted.usernameKey));
    m_conversations->welcomed(id, admitted.usernameKey);
    m_moderationActions->noteJoined(id); // a mute follows the name: told again
}

void ChatServer::releaseRegistration(const QString &userKey)
{
    if (m_running)
        m_names->release(userKey);
}

void ChatServer::announce(const QString &text)
{
    if (!m_running || m_stopping || text.trimmed().isEmpty())
        return;
    enqueue(PendingEvents::announcement(m_config.operatorName, text.left(m_config.maxTextLength),
                                        QDateTime::currentMSecsSinceEpoch()));
}

void ChatServer::postMessage(const QString &name, const QString &text)
{
    if (!m_running || m_stopping || text.trimmed().isEmpty()
        || text.size() > m_config.maxTextLength)
        return;
    const QString author = name.trimmed().isEmpty() ? m_config.operatorName : name.trimmed();
    enqueue(PendingEvents::operatorMessage(author, text, QDateTime::currentMSecsSinceEpoch()));
}

void ChatServer::kick(ClientId id, const QString &reason)
{
    if (m_running && !m_stopping)
        m_moderationActions->kick(id, reason);
}

void ChatServer::ban(const BanRequest &request)
{
    if (m_running && !m_stopping)
        m_moderationActions->ban(request);
}

void ChatServer::unban(qint64 banId)
{
    if (m_running)
        m_moderationActions->unban(banId);
}

void ChatServer::mute(ClientId id, qint64 durationSeconds, const QString &reason)
{
    if (m_running && !m_stopping)
        m_moderationActions->mute(id, durationSeconds, reason);
}

void ChatServer::unmute(ClientId id)
{
    if (m_running)
        m_moderationActions->unmute(id);
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

void ChatServer::onClientRemoved(const ClientInfo &info, bool kicked, const QString &reason,
                                 bool lastOfUser)
{
    m_activity->noteRemoved(info.id);
    m_conversations->disconnected(info, UsernameRules::comparisonKey(info.username), lastOfUser);
    m_roomAdmin->scheduleSummary();
    if (!lastOfUser) // the user is still online on another connection
        return;
    enqueue(PendingEvents::departure(info.username, kicked, reason,
                                     QDateTime::currentMSecsSinceEpoch()));
    m_names->noteSeen(UsernameRules::comparisonKey(info.username));
}

void ChatServer::onCommitted(const CommitPipeline::Commit &commit)
{
    if (!commit.events.isEmpty())
        m_lastStoredId = commit.events.constLast().id;
    m_conversations->beforeDelivery(commit);
    // Most batches are general's alone: one shared stream for everyone, as before rooms.
    if (commit.streams.isEmpty())
        m_connections->deliver(commit.common, commit.personal);
    else
        m_connections->deliver(commit.common, m_conversations->compose(commit));
    m_conversations->afterDelivery(commit);
    for (const CommitPipeline::Refusal &refusal : commit.refusals)
        m_connections->sendTo(refusal.client, refusal.frame);
    m_status.lastEventId = m_lastStoredId;
    m_activity->addEvents(commit.events);
    m_roomAdmin->noteCommitted(commit.events);
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
    if (m_names)
        m_names->closeHeld(CloseDeadlineMs);
    // Chat and echo connections alike; closeAll iterates a copy of the ids, since a socket may
    // report its end from inside its own close().
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s,
                            CloseDeadlineMs);
}

void ChatServer::onIntegrityChecked(const QString &damage, qint64 elapsedMs)
{
    if (damage.isEmpty()) {
        qCInfo(lcStore) << "history checked in" << elapsedMs << "ms";
        return;
    }
    if (!m_running)
        return; // the start failed or was cancelled meanwhile
    // Nothing was written to it (the writer refuses from now on): the same refusal as a file
    // damaged where the open sees it, after the fact.
    qCCritical(lcStore).noquote() << damage;
    emit failed(damage);
    stop();
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
    m_activity->flush();
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
    if (m_names)
        m_names->closeHeld(CloseDeadlineMs);
    m_connections->closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s, 0);
    // Wait for the batch in flight, then store whatever is left, in this thread's time. An event
    // loop, not processEvents(WaitForMoreEvents) in a loop: the commit may be delivered at the
    // start of a pass that then blocks with nothing left to wake it (issue 23's CI hang).
    if (m_commits->isWriting()) {
        QEventLoop batchInFlight;
        connect(m_commits, &CommitPipeline::committed, &batchInFlight, &QEventLoop::quit);
        batchInFlight.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!m_running)
        return; // the commit finished the stop, all clients being gone
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

#include "moc_chatserver.cpp"
