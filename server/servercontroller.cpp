#include "servercontroller.h"

#include "chatserver.h"

#include <QThread>

using namespace Qt::StringLiterals;

ServerController::ServerController(QObject *parent) : QObject(parent)
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
    m_server = new ChatServer(config);
    m_server->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_server, &ChatServer::start);
    // Deleted in its own thread, which runs deferred deletes as it finishes.
    connect(m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_server, &ChatServer::started, this, &ServerController::onServerStarted);
    connect(m_server, &ChatServer::startFailed, this, &ServerController::onServerStartFailed);
    connect(m_server, &ChatServer::activity, this, &ServerController::activity);
    connect(m_server, &ChatServer::stopped, this, [this] {
        finishThread();
        setState(State::Stopped);
        emit stopped();
    });
    m_thread->start();
}

void ServerController::onServerStarted(const ServerStatus &status)
{
    m_status = status;
    setState(State::Running);
    emit started(status);
}

void ServerController::onServerStartFailed(const QString &error)
{
    finishThread();
    setState(State::Stopped);
    emit startFailed(error);
}

void ServerController::stop()
{
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(m_server, &ChatServer::stop, Qt::QueuedConnection);
}

void ServerController::announce(const QString &text)
{
    if (m_state == State::Running)
        QMetaObject::invokeMethod(m_server, [server = m_server, text] { server->announce(text); });
}

void ServerController::kick(ClientId id, const QString &reason)
{
    if (m_state == State::Running)
        QMetaObject::invokeMethod(m_server,
                                  [server = m_server, id, reason] { server->kick(id, reason); });
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
