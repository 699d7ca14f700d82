#include "httpapi.h"

#include "accesstoken.h"
#include "connectionmanager.h"
#include "historyparameters.h"
#include "historystore.h"
#include "httpheaders.h"
#include "logging.h"
#include "protocol.h"
#include "webassets.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using StatusCode = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

QHttpServerResponse jsonError(StatusCode status, const QString &code, const QString &message)
{
    return QHttpServerResponse(
        QJsonObject {{"error"_L1, QJsonObject {{"code"_L1, code}, {"message"_L1, message}}}},
        status);
}

QHttpServerResponse methodNotAllowed(const QByteArray &allow)
{
    QHttpServerResponse response
        = jsonError(StatusCode::MethodNotAllowed, Protocol::Error::MethodNotAllowed,
                    u"This path only answers %1."_s.arg(QString::fromLatin1(allow)));
    response.setHeader("Allow", allow);
    return response;
}

bool isGet(const QHttpServerRequest &request)
{
    return request.method() == Method::Get || request.method() == Method::Head;
}

} // namespace

HttpApi::HttpApi(const QString &token, HistoryStore *history, const ConnectionManager *connections,
                 QObject *parent)
    : QObject(parent), m_token(token), m_history(history), m_connections(connections)
{
    m_uptime.start();
}

HttpApi::~HttpApi() = default;

void HttpApi::install(QHttpServer *server)
{
    server->route(u"/api/health"_s,
                  [this](const QHttpServerRequest &request) { return health(request); });
    server->route(u"/api/users"_s,
                  [this](const QHttpServerRequest &request) { return users(request); });
    server->route(u"/api/history"_s,
                  [this](const QHttpServerRequest &request) { return history(request); });
    const auto upgradeRequired = [](const QHttpServerRequest &) {
        return jsonError(StatusCode::UpgradeRequired, Protocol::Error::UpgradeRequired,
                         u"This path is a WebSocket endpoint; connect with a WebSocket client."_s);
    };
    server->route(u"/ws"_s, upgradeRequired);
    server->route(u"/ws/echo"_s, upgradeRequired);
    (new WebAssets(this))->install(server); // the browser client at "/"
    server->setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            qCDebug(lcHttp).noquote() << "404 for" << request.url().path();
            if (!WebAssets::isApiPath(request.url().path()))
                return WebAssets::notFound(request).write(std::move(responder));
            const QJsonObject error {
                {"code"_L1, Protocol::Error::NotFound},
                {"message"_L1, u"There is nothing at %1."_s.arg(request.url().path())}};
            responder.write(
                QJsonDocument(QJsonObject {{"error"_L1, error}}).toJson(QJsonDocument::Compact),
                "application/json", StatusCode::NotFound);
        });
}

void HttpApi::setIdentity(const QString &serverName, bool tls)
{
    m_serverName = serverName;
    m_tls = tls;
}

bool HttpApi::isAuthorized(const QHttpServerRequest &request) const
{
    const QByteArray authorization = HttpHeaders::value(request, "Authorization");
    if (authorization.startsWith("Bearer "))
        return AccessToken::matches(QString::fromUtf8(authorization.mid(7).trimmed()), m_token);
    return AccessToken::matches(request.query().queryItemValue(u"token"_s, QUrl::FullyDecoded),
                                m_token);
}

QHttpServerResponse HttpApi::health(const QHttpServerRequest &request) const
{
    if (!isGet(request))
        return methodNotAllowed("GET, HEAD");
    return QHttpServerResponse(QJsonObject {
        {"status"_L1, "ok"_L1},
        {"name"_L1, m_serverName},
        {"tls"_L1, m_tls},
        {"version"_L1, QStringLiteral(LANCHAT_VERSION)},
        {"protocol"_L1, Protocol::Version},
        {"uptimeSeconds"_L1, m_uptime.elapsed() / 1000},
        {"clients"_L1, m_connections->count()},
    });
}

QHttpServerResponse HttpApi::users(const QHttpServerRequest &request) const
{
    if (!isGet(request))
        return methodNotAllowed("GET, HEAD");
    if (!isAuthorized(request))
        return jsonError(StatusCode::Unauthorized, Protocol::Error::InvalidToken,
                         u"A valid token is required."_s);
    QJsonArray list;
    const QList<ClientInfo> clients = m_connections->clients();
    for (const ClientInfo &client : clients) {
        list.append(QJsonObject {
            {"username"_L1, client.username},
            {"connectedSince"_L1, Protocol::timestampText(client.connectedSinceMs)},
            {"messages"_L1, qint64(client.messageCount)},
        });
    }
    return QHttpServerResponse(QJsonObject {{"users"_L1, list}});
}

QHttpServerResponse HttpApi::history(const QHttpServerRequest &request) const
{
    if (!isGet(request))
        return methodNotAllowed("GET, HEAD");
    if (!isAuthorized(request))
        return jsonError(StatusCode::Unauthorized, Protocol::Error::InvalidToken,
                         u"A valid token is required."_s);

    const HistoryParameters::Result parameters = HistoryParameters::parse(
        request.query(), Protocol::Limits::HistoryPageDefault, Protocol::Limits::HistoryPageMax);
    if (!parameters.isValid())
        return jsonError(StatusCode::BadRequest, Protocol::Error::InvalidParameter,
                         parameters.error);
    const HistoryQuery historyQuery = parameters.query;

    HistoryPage page;
    if (!m_history->page(historyQuery, &page))
        return jsonError(StatusCode::InternalServerError, Protocol::Error::StorageFailed,
                         u"The history could not be read."_s);
    QJsonArray events;
    for (const ChatEvent &event : std::as_const(page.events))
        events.append(Protocol::eventToJson(event));
    return QHttpServerResponse(QJsonObject {{"events"_L1, events}, {"hasMore"_L1, page.hasMore}});
}
