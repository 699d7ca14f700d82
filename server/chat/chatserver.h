// Lives in the server thread (ServerController creates it, moves it there and calls start()
// through a queued call). Creates every network object in that thread and a database thread of
// its own for the HistoryWriter. Talks to the outside only through queued signals and slots
// carrying value types.
//
// The orchestrator: it carries out decisions and wires the jobs together; the rules live in
// classes of their own: Admission (who may join), Moderation (bans, mutes, the log's records),
// FloodControl, the CommitPipeline (group commit, ack after commit, the fan-out's frames),
// ConnectionManager (the connections and their sends), NameRegistry (the registered names),
// Conversations (rooms, DMs, typing) and HistoryExport.
#pragma once

#include "addressblocker.h"
#include "admission.h"
#include "chattypes.h"
#include "commitpipeline.h"
#include "historystore.h"
#include "moderation.h"
#include "sessions.h"

#include <QObject>

#include <atomic>
#include <memory>

class ActivityFeed;
class ConnectionManager;
class Conversations;
class HistoryExporter;
class HistoryWriter;
class HostPolicy;
class HttpApi;
class MessageIntake;
class NameRegistry;
class ModerationActions;
class PortMultiplexer;
class RoomAdministration;
class QTcpSocket;
class QThread;
class QWebSocket;
class WebSocketUpgrades;

class ChatServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatServer)

public:
    static constexpr int CloseDeadlineMs = 3000;
    static constexpr int PresenceCoalesceMs = CommitPipeline::PresenceCoalesceMs;

    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    // Any thread (it only sets a flag): asks a start() that is under way, e.g. checking a large
    // history, to end before anything listens; start() then emits stopped() instead of
    // started(). Too late for that, it changes nothing: stop the started server instead.
    void cancelStart() { m_startCancelled.store(true); }
    // The operator's changes of rooms, in this thread while the server runs and is not stopping;
    // nullptr otherwise. Refusals come back as roomRefused.
    RoomAdministration *roomAdministration() const
    {
        return m_running && !m_stopping ? m_roomAdmin : nullptr;
    }

public slots:
    void start();
    // Graceful: stop listening, close every client with 1001, store the pending events, close
    // the database, then emit stopped().
    void stop();
    // Immediate version of stop() for destructors: aborts clients after sending their close
    // frames and stores the pending events before it returns.
    void stopNow();
    void announce(const QString &text);
    // A chat message written by the operator under a name of their choice (marked "operator").
    void postMessage(const QString &name, const QString &text);
    void kick(ClientId id, const QString &reason);
    void ban(const BanRequest &request);
    void unban(qint64 banId);
    void mute(ClientId id, qint64 durationSeconds, const QString &reason);
    void unmute(ClientId id);
    // Reads a page with the read connection and answers with historyPage(requestId, …).
    void queryHistory(quint64 requestId, const HistoryQuery &query);
    // Writes every event matching the query to a file, in a worker thread, page by page
    // (HistoryExport); answers with exportFinished. Stopping the server cancels it: the file is
    // not written, and exportFinished says why before stopped().
    void exportHistory(const QString &filePath, bool asJson, const HistoryQuery &filter);
    // Frees a registered name (its comparison key) for a person who lost their identity: a
    // moderation-log action `release`. Closes nothing: an owner online stays, and the name's next
    // connect with an identity registers it again.
    void releaseRegistration(const QString &userKey);

signals:
    void started(const ServerStatus &status);
    void startFailed(const QString &error);
    // The running server stops itself: its history turned out to be damaged (the check of every
    // page runs after the start, before the first write). error says why; stopped() follows.
    void failed(const QString &error);
    void stopped();
    void activity(const ServerActivity &activity);
    void bansChanged(const QList<BanInfo> &bans);
    // The registered names, after each registration, release and change of who is online.
    void registrationsChanged(const QList<RegisteredName> &names);
    void historyPage(quint64 requestId, const HistoryPage &page, bool ok);
    void exportFinished(const QString &filePath, qint64 count, const QString &error);
    // The history could not be written (problem says why, for the operator), or can be again
    // (problem empty). Emitted on each change, not for every failed batch.
    void storageProblem(const QString &problem);
    // The live rooms and the DM counts, for the console (at most every 250 ms while they change).
    void roomsChanged(const QList<RoomSummary> &rooms, const DirectStats &directs);
    // An operator's change of a room was not done (why, in English).
    void roomRefused(const QString &message);

private:
    void admit(QWebSocket *socket, QTcpSocket *transport, bool hostAllowed);
    void admitChatClient(QWebSocket *socket, QTcpSocket *transport,
                         const AdmissionDecision &admitted);
    // Logs the refusal, sends its error frame and closes with its close code.
    void refuse(QWebSocket *socket, const AdmissionDecision &refusal);
    void onClientRemoved(const ClientInfo &info, bool kicked, const QString &reason,
                         bool lastOfUser);
    void enqueue(const PendingEvent &event) { m_commits->enqueue(event); }
    void onCommitted(const CommitPipeline::Commit &commit);
    void onIntegrityChecked(const QString &damage, qint64 elapsedMs);
    void maybeFinishStop();
    void shutDownStorage();

    bool startCancelled();

    ServerConfig m_config;
    ServerStatus m_status;
    std::atomic<bool> m_startCancelled {false};
    bool m_running = false;
    bool m_stopping = false;
    bool m_clientsClosed = false;

    QThread *m_databaseThread = nullptr;
    HistoryWriter *m_writer = nullptr;
    HistoryStore m_reader;
    ConnectionManager *m_connections = nullptr;
    WebSocketUpgrades *m_upgrades = nullptr;
    HttpApi *m_httpApi = nullptr;
    PortMultiplexer *m_listener = nullptr; // with every HTTP connection and every TCP socket
    std::unique_ptr<HostPolicy> m_hosts;

    CommitPipeline *m_commits = nullptr;
    qint64 m_lastStoredId = 0;

    Moderation m_moderation;
    Sessions m_sessions;
    AddressBlocker m_blocker; // wrong tokens over WebSocket and HTTP, one window per address
    std::unique_ptr<Admission::State> m_admissionState; // answers from the three above
    std::unique_ptr<Admission> m_admission;
    HistoryExporter *m_exports = nullptr;

    ActivityFeed *m_activity = nullptr;
    ModerationActions *m_moderationActions = nullptr;
    MessageIntake *m_intake = nullptr;
    NameRegistry *m_names = nullptr; // the registered names, and admissions held for them
    Conversations *m_conversations = nullptr; // rooms, DMs and typing
    RoomAdministration *m_roomAdmin = nullptr; // the operator's changes of rooms
};
