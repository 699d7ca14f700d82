#include "servercontroller.h"

#include "accesstoken.h"
#include "chatserver.h"
#include "roomadministration.h"
#include "sockettransport.h"

#include <QThread>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

ServerController::ServerController(QObject *parent)
    : QObject(parent), m_operatorKey(AccessToken::generate())
{
    LanChat::registerMetaTypes();
}

ServerController::~ServerController()
{
    if (m_server) {
        QMetaObject::invokeMethod(m_server, &ChatServer::stopNow, Qt::BlockingQueuedConnection);
        finishThread();
    }
}

void ServerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ServerController::start(const ServerConfig &config)
{
    if (m_state != State::Stopped)
        return;
    setState(State::Starting);
    m_thread = new QThread(this);
    m_thread->setObjectName(u"lanchat-server"_s);
    // The server thread holds every client socket: with Qt's poll()-based dispatchers each wake-up
    // of its loop would cost one entry per open connection (docs/ARCHITECTURE.md, "Threads").
    // LANCHAT_EVENT_DISPATCHER=qt keeps Qt's default, for comparison and diagnosis.
    if (qEnvironmentVariable("LANCHAT_EVENT_DISPATCHER") != u"qt"_s) {
        if (QAbstractEventDispatcher *dispatcher = SocketTransport::createEventDispatcher())
            m_thread->setEventDispatcher(dispatcher);
    }
    ServerConfig withKey = config;
    withKey.operatorKey = m_operatorKey;
    m_server = new ChatServer(withKey);
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_server, &ChatServer::start);
    // Deleted in its own thread, which runs deferred deletes as it finishes.
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_server, &ChatServer::started, this, &ServerController::onServerStarted);
    connect(m_server, &ChatServer::startFailed, this, &ServerController::onServerStartFailed);
    connect(m_server, &ChatServer::failed, this, &ServerController::failed);
    connect(m_server, &ChatServer::activity, this, &ServerController::activity);
    connect(m_server, &ChatServer::bansChanged, this, &ServerController::bansChanged);
    connect(m_server, &ChatServer::registrationsChanged, this,
            &ServerController::registrationsChanged);
    connect(m_server, &ChatServer::historyPage, this, &ServerController::historyPage);
    connect(m_server, &ChatServer::exportFinished, this, &ServerController::exportFinished);
    connect(m_server, &ChatServer::storageProblem, this, &ServerController::storageProblem);
    connect(m_server, &ChatServer::roomsChanged, this, &ServerController::roomsChanged);
    connect(m_server, &ChatServer::roomRefused, this, &ServerController::roomRefused);
    connect(m_server, &ChatServer::stopped, this, [this] {
        m_stopWhenStarted = false;
        finishThread();
        setState(State::Stopped);
        emit stopped();
        if (m_restartConfig)
            start(*std::exchange(m_restartConfig, std::nullopt));
    });
    m_thread->start();
}

void ServerController::onServerStarted(const ServerStatus &status)
{
    m_status = status;
    setState(State::Running);
    emit started(status);
    // A stop or restart asked for while starting, too late to keep the server from listening.
    if (std::exchange(m_stopWhenStarted, false) || m_restartConfig)
        stop();
}

void ServerController::onServerStartFailed(const QString &error)
{
    m_stopWhenStarted = false;
    finishThread();
    setState(State::Stopped);
    m_restartConfig.reset();
    emit startFailed(error);
}

void ServerController::stop()
{
    if (m_state == State::Starting) {
        // The server thread may be busy opening the history: ask it through a flag.
        m_stopWhenStarted = true;
        m_server->cancelStart();
        setState(State::Stopping);
        return;
    }
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(m_server, &ChatServer::stop, Qt::QueuedConnection);
}

void ServerController::restart(const ServerConfig &config)
{
    switch (m_state) {
    case State::Stopped:
        start(config);
        break;
    case State::Running:
        m_restartConfig = config;
        stop();
        break;
    case State::Starting:
    case State::Stopping:
        m_restartConfig = config; // picked up when the current transition ends
        break;
    }
}

// Runs the call in the server thread, if a server is running; commands are dropped otherwise.
template<typename Function>
void ServerController::post(Function &&function)
{
    if (m_state == State::Running)
        QMetaObject::invokeMethod(m_server, [server = m_server, function] { function(server); });
}

void ServerController::announce(const QString &text)
{
    post([text](ChatServer *server) { server->announce(text); });
}

void ServerController::postMessage(const QString &name, const QString &text)
{
    post([name, text](ChatServer *server) { server->postMessage(name, text); });
}

void ServerController::kick(ClientId id, const QString &reason)
{
    post([id, reason](ChatServer *server) { server->kick(id, reason); });
}

void ServerController::ban(const BanRequest &request)
{
    post([request](ChatServer *server) { server->ban(request); });
}

void ServerController::releaseRegistration(const QString &userKey)
{
    post([userKey](ChatServer *server) { server->releaseRegistration(userKey); });
}

void ServerController::createRoom(const QString &room)
{
    post([room](ChatServer *server) {
        if (RoomAdministration *rooms = server->roomAdministration())
            rooms->create(room);
    });
}

void ServerController::deleteRoom(const QString &room)
{
    post([room](ChatServer *server) {
        if (RoomAdministration *rooms = server->roomAdministration())
            rooms->remove(room);
    });
}

void ServerController::setRoomLocked(const QString &room, bool locked)
{
    post([room, locked](ChatServer *server) {
        if (RoomAdministration *rooms = server->roomAdministration())
            rooms->setLocked(room, locked);
    });
}

void ServerController::setRoomTopic(const QString &room, const QString &topic)
{
    post([room, topic](ChatServer *server) {
        if (RoomAdministration *rooms = server->roomAdministration())
            rooms->setTopic(room, topic);
    });
}

void ServerController::kickFromRoom(const QString &room, const QString &username,
                                    const QString &reason)
{
    post([room, username, reason](ChatServer *server) {
        if (RoomAdministration *rooms = server->roomAdministration())
            rooms->kick(room, username, reason);
    });
}

void ServerController::unban(qint64 banId)
{
    post([banId](ChatServer *server) { server->unban(banId); });
}

void ServerController::mute(ClientId id, qint64 durationSeconds, const QString &reason)
{
    post([id, durationSeconds, reason](ChatServer *server) {
        server->mute(id, durationSeconds, reason);
    });
}

void ServerController::unmute(ClientId id)
{
    post([id](ChatServer *server) { server->unmute(id); });
}

void ServerController::queryHistory(quint64 requestId, const HistoryQuery &query)
{
    post([requestId, query](ChatServer *server) { server->queryHistory(requestId, query); });
}

void ServerController::exportHistory(const QString &filePath, bool asJson,
                                     const HistoryQuery &filter)
{
    if (m_state != State::Running) {
        emit exportFinished(filePath, 0, tr("The server is not running."));
        return;
    }
    post([filePath, asJson, filter](ChatServer *server) {
        server->exportHistory(filePath, asJson, filter);
    });
}

// The server has finished its work in its thread: end the thread (which deletes the server).
void ServerController::finishThread()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_server = nullptr;
    delete m_thread;
    m_thread = nullptr;
}

#include "moc_servercontroller.cpp"
