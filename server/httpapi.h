// Lives in the server thread. The HTTP routes of docs/PROTOCOL.md ("HTTP API") on a QHttpServer.
// History reads use the server thread's read-only connection: keyset pages cost well under a
// millisecond, while every write (and its fsync) happens in the database thread.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class ConnectionManager;
class HistoryStore;
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

class HttpApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpApi)

public:
    HttpApi(const QString &token, HistoryStore *history, const ConnectionManager *connections,
            QObject *parent = nullptr);
    ~HttpApi() override;

    void install(QHttpServer *server);
    // What GET /api/health reports besides the counters: the server's name and whether it
    // speaks TLS.
    void setIdentity(const QString &serverName, bool tls);

private:
    QHttpServerResponse health(const QHttpServerRequest &request) const;
    QHttpServerResponse users(const QHttpServerRequest &request) const;
    QHttpServerResponse history(const QHttpServerRequest &request) const;
    bool isAuthorized(const QHttpServerRequest &request) const;

    QString m_token;
    QString m_serverName;
    bool m_tls = false;
    HistoryStore *m_history;
    const ConnectionManager *m_connections;
    QElapsedTimer m_uptime;
};
