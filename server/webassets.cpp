#include "webassets.h"

#include "httpheaders.h"
#include "logging.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

using namespace Qt::StringLiterals;
using StatusCode = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

struct AssetFile
{
    const char16_t *path;
    const char16_t *resource;
    const char *contentType;
};

constexpr AssetFile AssetFiles[] = {
    {u"/", u":/web/index.html", "text/html; charset=utf-8"},
    {u"/app.js", u":/web/app.js", "text/javascript; charset=utf-8"},
    {u"/style.css", u":/web/style.css", "text/css; charset=utf-8"},
    {u"/favicon.svg", u":/web/favicon.svg", "image/svg+xml"},
};

// The page may open WebSockets only to the host it came from. CSP 'self' covers ws: to the same
// host in current browsers; the explicit ws:// and wss:// sources cover older ones. The Host
// header is the client's own, but it is checked so that nothing else ends up in the policy.
QByteArray contentSecurityPolicy(const QHttpServerRequest &request)
{
    QByteArray connect = "connect-src 'self'";
    const QByteArray host = HttpHeaders::value(request, "Host");
    const bool plainHost = !host.isEmpty() && host.size() <= 255
                           && std::all_of(host.cbegin(), host.cend(), [](char c) {
                                  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                                         || (c >= '0' && c <= '9') || c == '.' || c == '-'
                                         || c == ':' || c == '[' || c == ']';
                              });
    if (plainHost)
        connect += " ws://" + host + " wss://" + host;
    return "default-src 'self'; " + connect
           + "; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
             "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

void addPageHeaders(QHttpServerResponse &response, const QHttpServerRequest &request)
{
    response.setHeader("Content-Security-Policy", contentSecurityPolicy(request));
    response.setHeader("X-Content-Type-Options", "nosniff");
    // The page URL carries the token: never send it anywhere as a referrer.
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
}

// If-None-Match is a list of entity tags, possibly weak (W/"…"), or "*".
bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    const QList<QByteArray> tags = ifNoneMatch.split(',');
    for (const QByteArray &raw : tags) {
        QByteArray tag = raw.trimmed();
        if (tag == "*")
            return true;
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag == etag)
            return true;
    }
    return false;
}

bool isGet(const QHttpServerRequest &request)
{
    return request.method() == Method::Get || request.method() == Method::Head;
}

} // namespace

WebAssets::WebAssets(QObject *parent) : QObject(parent)
{
    for (const AssetFile &file : AssetFiles) {
        QFile resource(QString::fromUtf16(file.resource));
        if (!resource.open(QIODevice::ReadOnly)) {
            qCWarning(lcHttp) << "missing web resource" << resource.fileName();
            continue;
        }
        Asset asset;
        asset.body = resource.readAll();
        asset.contentType = file.contentType;
        asset.etag
            = '"'
              + QCryptographicHash::hash(asset.body, QCryptographicHash::Sha256).toHex().left(32)
              + '"';
        m_assets.insert(QString::fromUtf16(file.path), asset);
    }
}

WebAssets::~WebAssets() = default;

void WebAssets::install(QHttpServer *server)
{
    for (auto it = m_assets.cbegin(); it != m_assets.cend(); ++it) {
        const QString path = it.key();
        server->route(
            path, [this, path](const QHttpServerRequest &request) { return serve(path, request); });
    }
}

bool WebAssets::isApiPath(const QString &path)
{
    return path == "/api"_L1 || path.startsWith("/api/"_L1) || path == "/ws"_L1
           || path.startsWith("/ws/"_L1);
}

QHttpServerResponse WebAssets::notFound(const QHttpServerRequest &request)
{
    const QString path = request.url().path().toHtmlEscaped();
    const QString html
        = u"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<title>Not found – LanChat</title>"
          "<link rel=\"stylesheet\" href=\"/style.css\"></head>"
          "<body class=\"error-page\"><main><h1>Not found</h1>"
          "<p>There is nothing at <code>%1</code>.</p>"
          "<p><a href=\"/\">Open the chat</a></p></main></body></html>\n"_s.arg(path);
    QHttpServerResponse response("text/html; charset=utf-8", html.toUtf8(), StatusCode::NotFound);
    response.setHeader("Cache-Control", "no-store");
    addPageHeaders(response, request);
    return response;
}

QHttpServerResponse WebAssets::serve(const QString &path, const QHttpServerRequest &request) const
{
    // Routes are regular expressions: "/app.js" would also match "/appXjs".
    if (request.url().path() != path)
        return notFound(request);
    if (!isGet(request)) {
        QHttpServerResponse response("text/plain; charset=utf-8",
                                     "Only GET and HEAD are allowed.\n"_ba,
                                     StatusCode::MethodNotAllowed);
        response.setHeader("Allow", "GET, HEAD");
        addPageHeaders(response, request);
        return response;
    }
    const auto found = m_assets.constFind(path);
    if (found == m_assets.cend())
        return notFound(request);
    const Asset &asset = *found;
    const bool notModified = etagMatches(HttpHeaders::value(request, "If-None-Match"), asset.etag);
    // HEAD answers the headers only (an empty body keeps the connection usable).
    const bool withBody = !notModified && request.method() == Method::Get;
    QHttpServerResponse response(asset.contentType, withBody ? asset.body : QByteArray(),
                                 notModified ? StatusCode::NotModified : StatusCode::Ok);
    response.setHeader("ETag", asset.etag);
    // Always revalidate: a new build is picked up on the next load, and a 304 costs nothing.
    response.setHeader("Cache-Control", "no-cache");
    addPageHeaders(response, request);
    return response;
}
