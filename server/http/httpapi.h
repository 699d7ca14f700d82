// Lives in the server thread. The HTTP side of docs/PROTOCOL.md: the /api routes, the answer to
// a plain GET on the WebSocket paths, the browser client (WebAssets), and the check that a
// request is addressed to this server. Tokens presented over HTTP count into the same per-address
// window as the WebSocket ones (AddressBlocker). History reads use the server thread's read-only
// connection: keyset pages cost well under a millisecond, while every write (and its fsync)
// happens in the database thread.
#pragma once

#include "httpservice.h"
#include "sessions.h"
#include "webassets.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class AddressBlocker;
class ConnectionManager;
class HistoryStore;
class HostPolicy;
class RoomDirectory;

class HttpApi final : public QObject, public HttpService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpApi)

public:
    // The WebSocket endpoints (docs/PROTOCOL.md): chat, and the echo service.
    static inline const QString ChatPath = QStringLiteral("/ws");
    static inline const QString EchoPath = QStringLiteral("/ws/echo");

    HttpApi(const QString &token, HistoryStore *history, const ConnectionManager *connections,
            AddressBlocker *blocker, HostPolicy *hosts, QObject *parent = nullptr);
    ~HttpApi() override;

    bool acceptsAuthority(const HttpRequest &request) override;
    bool isWebSocketPath(const QString &path) const override;
    HttpResponse respond(const HttpRequest &request) override;
    // What GET /api/health reports besides the counters: the server's name and whether it
    // speaks TLS.
    void setIdentity(const QString &serverName, bool tls);
    // What the host's own chat client presents in the token's place (ServerConfig::operatorKey).
    void setOperatorKey(const QString &key) { m_operatorKey = key; }
    // The chat connections' sessions (docs/PROTOCOL.md, "Sessions"): "Authorization: Bearer
    // SESSION" is accepted wherever the token is, and tells who the caller is.
    void setSessions(const Sessions *sessions) { m_sessions = sessions; }
    // The rooms GET /api/rooms lists.
    void setRooms(const RoomDirectory *rooms) { m_rooms = rooms; }

    enum class Credentials : quint8 { Missing, Wrong, Valid };
    // Who sent a request: the token (anyone who has it) or a session (a user).
    struct Caller
    {
        Credentials credentials = Credentials::Missing;
        std::optional<Sessions::Holder> user; // set for a valid session
    };
    Caller authenticate(const HttpRequest &request) const;

signals:
    // Wrong tokens over HTTP made the address blocked until then (milliseconds since the epoch).
    void addressBlocked(const QString &address, qint64 untilMs);

private:
    HttpResponse api(const HttpRequest &request);
    HttpResponse health() const;
    HttpResponse users() const;
    HttpResponse rooms() const;
    // A DM's page needs the caller's session (its user is one side).
    HttpResponse history(const HttpRequest &request, const Caller &caller) const;
    bool isAccepted(const QString &presented) const;
    HttpResponse unauthorized(Credentials credentials, const QString &address);

    QString m_token;
    QString m_operatorKey;
    const Sessions *m_sessions = nullptr;
    const RoomDirectory *m_rooms = nullptr;
    QString m_serverName;
    bool m_tls = false;
    HistoryStore *m_history;
    const ConnectionManager *m_connections;
    AddressBlocker *m_blocker;
    HostPolicy *m_hosts;
    WebAssets m_assets;
    QElapsedTimer m_uptime;
};
