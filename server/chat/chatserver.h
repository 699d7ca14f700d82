// Lives in the server thread (ServerController creates it, moves it there and calls start()
// through a queued call). Creates every network object in that thread and a database thread of
// its own for the HistoryWriter. Talks to the outside only through queued signals and slots
// carrying value types.
//
// The orchestrator: it admits connections and wires the jobs together; the rules live in
// classes of their own: Moderation (bans, mutes, the log's records), FloodControl, the
// CommitPipeline (group commit, ack after commit, the fan-out's frames), ConnectionManager (the
// connections and their sends) and HistoryExport.
#pragma once

#include "addressblocker.h"
#include "chattypes.h"
#include "commitpipeline.h"
#include "floodcontrol.h"
#include "historystore.h"
#include "moderation.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <atomic>
#include <memory>

class ConnectionManager;
class HistoryExporter;
class HistoryWriter;
class HostPolicy;
class HttpApi;
class PortMultiplexer;
class QTcpSocket;
class QThread;
class QTimer;
class QWebSocket;
class QWebSocketServer;

class ChatServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatServer)

public:
    static constexpr int ActivityIntervalMs = 16; // one GUI update per frame at most
    static constexpr int CloseDeadlineMs = 3000;
    static constexpr int PresenceCoalesceMs = CommitPipeline::PresenceCoalesceMs;

    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    // Any thread (it only sets a flag): asks a start() that is under way, e.g. checking a large
    // history, to end before anything listens; start() then emits stopped() instead of
    // started(). Too late for that, it changes nothing: stop the started server instead.
    void cancelStart() { m_startCancelled.store(true); }

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

signals:
    void started(const ServerStatus &status);
    void startFailed(const QString &error);
    void stopped();
    void activity(const ServerActivity &activity);
    void bansChanged(const QList<BanInfo> &bans);
    void historyPage(quint64 requestId, const HistoryPage &page, bool ok);
    void exportFinished(const QString &filePath, qint64 count, const QString &error);
    // The history could not be written (problem says why, for the operator), or can be again
    // (problem empty). Emitted on each change, not for every failed batch.
    void storageProblem(const QString &problem);
    // Queued to the HistoryWriter in the database thread.
    void storeRequested(const QList<PendingEvent> &batch);
    void banStoreRequested(const BanInfo &ban);
    void banRemovalRequested(qint64 banId);
    void moderationStoreRequested(const ModerationRecord &record);

private:
    void admit(QWebSocket *socket);
    // An operator is the host's own chat client (it presented the operator key).
    enum class ClientRole : quint8 { Participant, Operator };
    void admitChatClient(QWebSocket *socket, QTcpSocket *transport, ClientRole role);
    void admitEchoClient(QWebSocket *socket, QTcpSocket *transport);
    // Refuses the socket when the connection caps (chat and echo together) are reached.
    bool refuseOverCapacity(QWebSocket *socket);
    void startFloodControl(ClientId id);
    void refuse(QWebSocket *socket, quint16 closeCode, const QString &code, const QString &message);
    bool isOriginAllowed(const QWebSocket *socket) const;
    void noteAuthFailure(const QString &address);
    void recordBlock(const QString &address, qint64 untilMs);
    void applyConnectionLimits();
    bool allowFrame(ClientId id, const QString &cid);
    void onText(ClientId id, const QString &text);
    void onEchoText(ClientId id, const QString &text);
    void onBinary(ClientId id);
    void onClientAdded(const ClientInfo &info);
    void onClientRemoved(const ClientInfo &info, bool kicked, const QString &reason);
    void enqueue(const PendingEvent &event) { m_commits->enqueue(event); }
    void onCommitted(const CommitPipeline::Commit &commit);
    void publishActivity();
    void scheduleActivity();
    void record(ModerationRecord::Action action, const QString &target, const QString &reason,
                const QString &detail = {}, const QString &actor = {});
    // Logs the record, has it stored and shows it to the operator.
    void publish(const ModerationRecord &record);
    const BanInfo *findBan(const QString &usernameKey, const QString &address);
    void onBanStored(const BanInfo &ban, const QString &error);
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
    QWebSocketServer *m_webSockets = nullptr;
    HttpApi *m_httpApi = nullptr;
    PortMultiplexer *m_listener = nullptr; // with every HTTP connection and every TCP socket
    // The TCP socket under each WebSocket-to-be (QWebSocket does not expose it) and whether its
    // Host named this server, by peer address and port, until admitted or refused.
    struct Transport
    {
        QPointer<QTcpSocket> socket;
        bool hostAllowed = false;
    };
    QHash<QString, Transport> m_transports;
    std::unique_ptr<HostPolicy> m_hosts;

    CommitPipeline *m_commits = nullptr;
    qint64 m_lastStoredId = 0;

    Moderation m_moderation;
    FloodControl m_flood;
    AddressBlocker m_blocker; // wrong tokens over WebSocket and HTTP, one window per address
    HistoryExporter *m_exports = nullptr;

    ServerActivity m_activity;
    QSet<ClientId> m_dirtyClients;
    QTimer *m_activityTimer = nullptr;
};
