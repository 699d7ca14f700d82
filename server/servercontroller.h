// Lives in the GUI (or main) thread. The facade through which the application runs a ChatServer:
// it owns the server thread, forwards commands as queued calls and re-emits the server's signals
// in its own thread. Only value types pass through it.
#pragma once

#include "chattypes.h"

#include <QObject>
#include <QPointer>

class ChatServer;
class QThread;

class ServerController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerController)

public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    explicit ServerController(QObject *parent = nullptr);
    // Stops a running server synchronously (clients are closed with 1001, pending events stored).
    ~ServerController() override;

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    ServerStatus status() const { return m_status; }

public slots:
    void start(const ServerConfig &config);
    void stop();
    void announce(const QString &text);
    void kick(ClientId id, const QString &reason);

signals:
    void stateChanged(ServerController::State state);
    void started(const ServerStatus &status);
    void startFailed(const QString &error);
    void stopped();
    void activity(const ServerActivity &activity);

private:
    void setState(State state);
    void onServerStarted(const ServerStatus &status);
    void onServerStartFailed(const QString &error);
    void finishThread();

    State m_state = State::Stopped;
    ServerStatus m_status;
    QThread *m_thread = nullptr;
    ChatServer *m_server = nullptr;
};
