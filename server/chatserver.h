// Lives in the server thread (ServerController creates it, moves it there and calls start()
// through a queued call). Creates every network object in that thread and a database thread of
// its own for the HistoryWriter. Talks to the outside only through queued signals and slots
// carrying value types.
#pragma once

#include "chattypes.h"
#include "historystore.h"

#include <QObject>
#include <QSet>

class ConnectionManager;
class HistoryWriter;
class HttpApi;
class PortMultiplexer;
class QHttpServer;
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

    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

public slots:
    void start();
    // Graceful: stop listening, close every client with 1001, store the pending events, close
    // the database, then emit stopped().
    void stop();
    // Immediate version of stop() for destructors: aborts clients after sending their close
    // frames and stores the pending events before it returns.
    void stopNow();
    void announce(const QString &text);
    void kick(ClientId id, const QString &reason);

signals:
    void started(const ServerStatus &status);
    void startFailed(const QString &error);
    void stopped();
    void activity(const ServerActivity &activity);
    // Queued to the HistoryWriter in the database thread.
    void storeRequested(const QList<PendingEvent> &batch);

private:
    void admit(QWebSocket *socket);
    void admitChatClient(QWebSocket *socket);
    void admitEchoClient(QWebSocket *socket);
    void refuse(QWebSocket *socket, quint16 closeCode, const QString &code, const QString &message);
    void onText(ClientId id, const QString &text);
    void onClientAdded(const ClientInfo &info);
    void onClientRemoved(const ClientInfo &info, bool kicked, const QString &reason);
    void enqueue(const PendingEvent &event);
    void flush();
    void onBatchStored(const QList<StoredEvent> &results, const QList<PendingEvent> &failed,
                       const QString &error);
    void publishActivity();
    void maybeFinishStop();
    void shutDownStorage();

    ServerConfig m_config;
    ServerStatus m_status;
    bool m_running = false;
    bool m_stopping = false;
    bool m_clientsClosed = false;

    QThread *m_databaseThread = nullptr;
    HistoryWriter *m_writer = nullptr;
    HistoryStore m_reader;
    ConnectionManager *m_connections = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    QHttpServer *m_http = nullptr;
    HttpApi *m_httpApi = nullptr;
    PortMultiplexer *m_listener = nullptr;
    QSet<QWebSocket *> m_echoSockets;

    QList<PendingEvent> m_pending;
    bool m_writeInFlight = false;
    QTimer *m_flushTimer = nullptr;
    qint64 m_lastStoredId = 0;

    ServerActivity m_activity;
    QSet<ClientId> m_dirtyClients;
    QTimer *m_activityTimer = nullptr;
};
