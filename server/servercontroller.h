// Lives in the GUI (or main) thread. The facade through which the application runs a ChatServer:
// it owns the server thread, forwards commands as queued calls and re-emits the server's signals
// in its own thread. Only value types pass through it.
#pragma once

#include "chattypes.h"

#include <QObject>
#include <QPointer>

#include <optional>

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
    // What the host's own chat client presents in the token's place to be admitted as the
    // operator: random, made once per controller, given to every server it starts, never
    // stored nor shown (docs/PROTOCOL.md, "Operator").
    QString operatorKey() const { return m_operatorKey; }

public slots:
    void start(const ServerConfig &config);
    // Also while starting: the start then ends before the server listens (or, if it had got that
    // far, the server stops as soon as it has started).
    void stop();
    // Stops a running server and starts it again with the configuration (or just starts it).
    void restart(const ServerConfig &config);
    void announce(const QString &text);
    void postMessage(const QString &name, const QString &text);
    void kick(ClientId id, const QString &reason);
    void ban(const BanRequest &request);
    void unban(qint64 banId);
    // Frees a registered name (its comparison key): ChatServer::releaseRegistration.
    void releaseRegistration(const QString &userKey);
    // The operator's changes of rooms (RoomAdministration, in the server thread); refusals come
    // back as roomRefused, the new state as roomsChanged.
    void createRoom(const QString &room);
    void deleteRoom(const QString &room);
    void setRoomLocked(const QString &room, bool locked);
    void setRoomTopic(const QString &room, const QString &topic);
    void kickFromRoom(const QString &room, const QString &username, const QString &reason);
    void mute(ClientId id, qint64 durationSeconds, const QString &reason);
    void unmute(ClientId id);
    // Answered by historyPage with the same requestId (ignored while not running).
    void queryHistory(quint64 requestId, const HistoryQuery &query);
    void exportHistory(const QString &filePath, bool asJson, const HistoryQuery &filter);

signals:
    void stateChanged(ServerController::State state);
    void started(const ServerStatus &status);
    void startFailed(const QString &error);
    // The running server stopped itself (ChatServer::failed: a damaged history); stopped()
    // follows.
    void failed(const QString &error);
    void stopped();
    void activity(const ServerActivity &activity);
    void bansChanged(const QList<BanInfo> &bans);
    void registrationsChanged(const QList<RegisteredName> &names);
    void historyPage(quint64 requestId, const HistoryPage &page, bool ok);
    void exportFinished(const QString &filePath, qint64 count, const QString &error);
    // The running server cannot store messages (problem says why), or can again (empty).
    void storageProblem(const QString &problem);
    // The live rooms and the DM counts (never their text), while they change.
    void roomsChanged(const QList<RoomSummary> &rooms, const DirectStats &directs);
    void roomRefused(const QString &message);

private:
    void setState(State state);
    void onServerStarted(const ServerStatus &status);
    void onServerStartFailed(const QString &error);
    void finishThread();
    template<typename Function>
    void post(Function &&function);

    const QString m_operatorKey;
    State m_state = State::Stopped;
    ServerStatus m_status;
    QThread *m_thread = nullptr;
    ChatServer *m_server = nullptr;
    std::optional<ServerConfig> m_restartConfig;
    bool m_stopWhenStarted = false;
};
