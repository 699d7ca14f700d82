#include "httpapi.h"

#include "accesstoken.h"
#include "addressblocker.h"
#include "connectionmanager.h"
#include "historyparameters.h"
#include "historystore.h"
#include "hostpolicy.h"
#include "logging.h"
#include "protocol.h"
#include "requesttarget.h"
#include "roomdirectory.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

// Every path answers GET and HEAD (HEAD: the same fields, no content).
const QByteArray Allowed = "GET, HEAD"_ba;

HttpResponse methodNotAllowed()
{
    HttpResponse response = HttpResponse::jsonError(
        405, Protocol::Error::MethodNotAllowed,
        u"This path only answers %1."_s.arg(QString::fromLatin1(Allowed)));
    response.setHeader("Allow"_ba, Allowed);
    return response;
}

} // namespace

HttpApi::HttpApi(const QString &token, HistoryStore *history, const ConnectionManager *connections,
                 AddressBlocker *blocker, HostPolicy *hosts, QObject *parent)
    : QObject(parent),
      m_token(token),
      m_history(history),
      m_connections(connections),
      m_blocker(blocker),
      m_hosts(hosts)
{
    m_uptime.start();
}

HttpApi::~HttpApi() = default;

bool HttpApi::acceptsAuthority(const HttpRequest &request)
{
    // HTTP/1.0 may leave Host out: nothing then names another server.
    if (request.head.authority.isEmpty())
        return request.head.minorVersion == 0;
    QByteArray host;
    int port = -1;
    return RequestTarget::splitAuthority(request.head.authority, &host, &port)
           && m_hosts->allows(QString::fromLatin1(host), request.localAddress);
}

void HttpApi::setIdentity(const QString &serverName, bool tls)
{
    m_serverName = serverName;
    m_tls = tls;
}

bool HttpApi::isWebSocketPath(const QString &path) const
{
    return path == ChatPath || path == EchoPath;
}

HttpResponse HttpApi::respond(const HttpRequest &request)
{
    if (request.path() == "*"_L1) { // OPTIONS *
        HttpResponse response(405, "text/plain; charset=utf-8"_ba, "GET and HEAD only.\n"_ba);
        response.setHeader("Allow"_ba, Allowed);
        return response;
    }
    if (!WebAssets::isApiPath(request.path()))
        return m_assets.serve(request);
    HttpResponse response = api(request);
    // The history is private and the token may be in the URL: nothing keeps an answer, and no
    // browser reads one as anything but JSON.
    response.setHeader("Cache-Control"_ba, "no-store"_ba);
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    return response;
}

HttpResponse HttpApi::api(const HttpRequest &request)
{
    const QString &path = request.path();
    if (isWebSocketPath(path)) {
        if (!request.isGetOrHead())
            return methodNotAllowed();
        HttpResponse response = HttpResponse::jsonError(
            426, Protocol::Error::UpgradeRequired,
            u"This path is a WebSocket endpoint; connect with a WebSocket client."_s);
        response.setHeader("Upgrade"_ba, "websocket"_ba); // RFC 9110 15.5.22
        return response;
    }
    const bool known = path == "/api/health"_L1 || path == "/api/users"_L1
                       || path == "/api/history"_L1 || path == "/api/rooms"_L1;
    if (!known) {
        qCDebug(lcHttp).noquote() << "404 for" << LanChat::escapeForLog(path);
        return HttpResponse::jsonError(404, Protocol::Error::NotFound,
                                       u"There is nothing at %1."_s.arg(path));
    }
    const QString address = ConnectionManager::addressText(request.peerAddress);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const qint64 until = m_blocker->blockedUntil(address, now); until > 0) {
        const qint64 seconds = (until - now + 999) / 1000;
        HttpResponse response = HttpResponse::jsonError(
            429, Protocol::Error::AddressBlocked,
            u"Too many wrong tokens came from your address; try again in %1 s."_s.arg(seconds));
        response.setHeader("Retry-After"_ba, QByteArray::number(seconds));
        return response;
    }
    if (!request.isGetOrHead())
        return methodNotAllowed();
    if (path == "/api/health"_L1)
        return health();
    // The caller's user (a session's) is for the routes that answer per user.
    const Caller caller = authenticate(request);
    if (caller.credentials != Credentials::Valid)
        return unauthorized(caller.credentials, address);
    if (path == "/api/users"_L1)
        return users();
    return path == "/api/rooms"_L1 ? rooms() : history(request, caller);
}

// RFC 6750: "Authorization: Bearer <token or session>" (the scheme in any case), or ?token=
// (never a session: it would end up in logs and browser histories).
HttpApi::Caller HttpApi::authenticate(const HttpRequest &request) const
{
    Caller caller;
    const QByteArray authorization = request.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space > 0 && authorization.left(space).compare("bearer", Qt::CaseInsensitive) == 0) {
        const QString presented = QString::fromUtf8(authorization.mid(space + 1).trimmed());
        if (presented.isEmpty())
            return caller;
        if (isAccepted(presented)) {
            caller.credentials = Credentials::Valid;
            return caller;
        }
        if (m_sessions)
            caller.user = m_sessions->find(presented, QDateTime::currentMSecsSinceEpoch());
        caller.credentials = caller.user ? Credentials::Valid : Credentials::Wrong;
        return caller;
    }
    const QUrlQuery query = request.query();
    if (!query.hasQueryItem(Protocol::Query::Token))
        return caller;
    caller.credentials
        = isAccepted(query.queryItemValue(Protocol::Query::Token, QUrl::FullyDecoded))
              ? Credentials::Valid
              : Credentials::Wrong;
    return caller;
}

bool HttpApi::isAccepted(const QString &presented) const
{
    return AccessToken::matches(presented, m_token)
           || (!m_operatorKey.isEmpty() && AccessToken::matches(presented, m_operatorKey));
}

// A request without a token is no guess: only wrong tokens count towards blocking the address.
HttpResponse HttpApi::unauthorized(Credentials given, const QString &address)
{
    QByteArray challenge = "Bearer realm=\"LanChat\""_ba;
    if (given == Credentials::Wrong) {
        challenge += ", error=\"invalid_token\"";
        qCWarning(lcConnections).noquote()
            << "refused an HTTP request with a wrong token from" << LanChat::escapeForLog(address);
        if (const qint64 until
            = m_blocker->noteFailure(address, QDateTime::currentMSecsSinceEpoch());
            until > 0)
            emit addressBlocked(address, until);
    }
    HttpResponse response = HttpResponse::jsonError(401, Protocol::Error::InvalidToken,
                                                    u"A valid token or session is required."_s);
    response.setHeader("WWW-Authenticate"_ba, challenge);
    return response;
}

HttpResponse HttpApi::health() const
{
    return HttpResponse::json(QJsonObject {
        {"status"_L1, "ok"_L1},
        {"name"_L1, m_serverName},
        {"tls"_L1, m_tls},
        {"version"_L1, QStringLiteral(LANCHAT_VERSION)},
        {"protocol"_L1, Protocol::Version},
        {"uptimeSeconds"_L1, m_uptime.elapsed() / 1000},
        {"clients"_L1, m_connections->count()},
    });
}

HttpResponse HttpApi::users() const
{
    // One entry per user: a registered user's connections share one name (ConnectionManager).
    QList<ClientInfo> users;
    QHash<QString, qsizetype> byName;
    for (const ClientInfo &client : m_connections->clients()) {
        const auto known = byName.constFind(client.username);
        if (known == byName.cend()) {
            byName.insert(client.username, users.size());
            users.append(client);
            continue;
        }
        ClientInfo &user = users[known.value()];
        user.messageCount += client.messageCount;
        user.connectedSinceMs = qMin(user.connectedSinceMs, client.connectedSinceMs);
        user.isOperator = user.isOperator || client.isOperator;
    }
    QJsonArray list;
    for (const ClientInfo &user : std::as_const(users)) {
        QJsonObject entry {
            {"username"_L1, user.username},
            {"connectedSince"_L1, Protocol::timestampText(user.connectedSinceMs)},
            {"messages"_L1, qint64(user.messageCount)},
        };
        if (user.isOperator)
            entry.insert("operator"_L1, true);
        list.append(entry);
    }
    return HttpResponse::json(QJsonObject {{"users"_L1, list}});
}

HttpResponse HttpApi::rooms() const
{
    QJsonArray list;
    if (m_rooms) {
        for (const RoomDirectory::Room *room : m_rooms->rooms()) {
            // Everyone online is in general; other rooms count their members, offline too.
            const qsizetype members = room->name == Protocol::DefaultRoom
                                          ? m_connections->userCount()
                                          : room->members.size();
            list.append(QJsonObject {{"room"_L1, room->name},
                                     {"topic"_L1, room->topic},
                                     {"locked"_L1, room->locked},
                                     {"members"_L1, qint64(members)},
                                     {"lastId"_L1, room->lastId}});
        }
    }
    return HttpResponse::json(QJsonObject {{"rooms"_L1, list}});
}

HttpResponse HttpApi::history(const HttpRequest &request, const Caller &caller) const
{
    HistoryParameters::Result parameters = HistoryParameters::parse(
        request.query(), Protocol::Limits::HistoryPageDefault, Protocol::Limits::HistoryPageMax);
    if (!parameters.isValid())
        return HttpResponse::jsonError(400, Protocol::Error::InvalidParameter, parameters.error);
    if (!parameters.with.isEmpty()) {
        // A DM is its two users' alone: the token proves no one's identity.
        if (!caller.user)
            return HttpResponse::jsonError(
                403, Protocol::Error::Forbidden,
                u"Direct messages need a session (Authorization: Bearer SESSION)."_s);
        parameters.query.ownKey = caller.user->userKey;
        parameters.query.withKey = UsernameRules::comparisonKey(parameters.with);
    }
    HistoryPage page;
    if (!m_history->page(parameters.query, &page))
        return HttpResponse::jsonError(500, Protocol::Error::StorageFailed,
                                       u"The history could not be read."_s);
    QJsonArray events;
    for (const ChatEvent &event : std::as_const(page.events))
        events.append(Protocol::eventToJson(event));
    return HttpResponse::json(QJsonObject {{"events"_L1, events}, {"hasMore"_L1, page.hasMore}});
}

#include "moc_httpapi.cpp"
