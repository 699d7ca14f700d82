#include "webassets.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The content type of each kind of file under :/web.
struct ContentType
{
    QLatin1StringView suffix;
    const char *type;
};

constexpr ContentType ContentTypes[] = {
    {".html"_L1, "text/html; charset=utf-8"},
    {".js"_L1, "text/javascript; charset=utf-8"}, // the page's ES modules
    {".json"_L1, "application/json; charset=utf-8"}, // its string catalogues
    {".css"_L1, "text/css; charset=utf-8"},
    {".svg"_L1, "image/svg+xml"},
};

const QString ResourceRoot = u":/web"_s;
// The page itself is served at /, never under its file name.
const QString PageResource = u"/index.html"_s;
// The catalogues' folder, one file per language.
const QString CataloguePrefix = u"/i18n/"_s;

// The page may open WebSockets only to the host it came from. CSP 'self' covers ws: to the same
// host in current browsers; the explicit ws:// and wss:// sources cover older ones. The
// authority names this server (HttpService::acceptsAuthority) and is checked again here, so that
// nothing but a host and port ends up in the policy.
QByteArray contentSecurityPolicy(const HttpRequest &request)
{
    QByteArray connect = "connect-src 'self'";
    const QByteArray &host = request.head.authority;
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

void addPageHeaders(HttpResponse &response, const HttpRequest &request)
{
    response.setHeader("Content-Security-Policy"_ba, contentSecurityPolicy(request));
    response.setHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    // The page URL carries the token: never send it anywhere as a referrer.
    response.setHeader("Referrer-Policy"_ba, "no-referrer"_ba);
    response.setHeader("X-Frame-Options"_ba, "DENY"_ba);
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

} // namespace

WebAssets::WebAssets() : m_assets(loadAssets()), m_notFound(catalogues(m_assets)) { }

// Every file of the browser client (server/CMakeLists.txt lists them) at its path under :/web.
QHash<QString, WebAssets::Asset> WebAssets::loadAssets()
{
    QHash<QString, Asset> assets;
    QDirIterator files(ResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString resource = files.next();
        QString path = resource.mid(ResourceRoot.size());
        const auto type = std::find_if(
            std::cbegin(ContentTypes), std::cend(ContentTypes),
            [&path](const ContentType &candidate) { return path.endsWith(candidate.suffix); });
        QFile file(resource);
        if (type == std::cend(ContentTypes) || !file.open(QIODevice::ReadOnly)) {
            qCWarning(lcHttp) << "web resource not served:" << resource;
            continue;
        }
        Asset asset;
        asset.body = file.readAll();
        asset.contentType = type->type;
        asset.etag
            = '"'
              + QCryptographicHash::hash(asset.body, QCryptographicHash::Sha256).toHex().left(32)
              + '"';
        if (path == PageResource)
            path = u"/"_s;
        assets.insert(path, asset);
    }
    if (!assets.contains(u"/"_s))
        qCWarning(lcHttp) << "missing web resource" << ResourceRoot + PageResource;
    return assets;
}

QHash<QString, QByteArray> WebAssets::catalogues(const QHash<QString, Asset> &assets)
{
    QHash<QString, QByteArray> catalogues;
    for (auto it = assets.cbegin(); it != assets.cend(); ++it) {
        if (it.key().startsWith(CataloguePrefix) && it.key().endsWith(".json"_L1))
            catalogues.insert(it.key().sliced(CataloguePrefix.size()).chopped(5), it->body);
    }
    return catalogues;
}

bool WebAssets::isApiPath(const QString &path)
{
    return path == "/api"_L1 || path.startsWith("/api/"_L1) || path == "/ws"_L1
           || path.startsWith("/ws/"_L1);
}

HttpResponse WebAssets::notFound(const HttpRequest &request) const
{
    const NotFoundPage::Page page
        = m_notFound.render(request.path(), request.header("accept-language"));
    HttpResponse response(404, "text/html; charset=utf-8"_ba, page.html);
    response.setHeader("Content-Language"_ba, page.language.toLatin1());
    response.setHeader("Vary"_ba, "Accept-Language"_ba);
    response.setHeader("Cache-Control"_ba, "no-store"_ba);
    addPageHeaders(response, request);
    return response;
}

HttpResponse WebAssets::serve(const HttpRequest &request) const
{
    const auto found = m_assets.constFind(request.path());
    if (found == m_assets.cend())
        return notFound(request);
    if (!request.isGetOrHead()) {
        HttpResponse response(405, "text/plain; charset=utf-8"_ba,
                              "Only GET and HEAD are allowed.\n"_ba);
        response.setHeader("Allow"_ba, "GET, HEAD"_ba);
        addPageHeaders(response, request);
        return response;
    }
    const Asset &asset = *found;
    const bool notModified = etagMatches(request.header("if-none-match"), asset.etag);
    // A HEAD request gets the same fields (HttpConnection leaves the content out).
    HttpResponse response(notModified ? 304 : 200, asset.contentType,
                          notModified ? QByteArray() : asset.body);
    response.setHeader("ETag"_ba, asset.etag);
    // Always revalidate: a new build is picked up on the next load, and a 304 costs nothing.
    response.setHeader("Cache-Control"_ba, "no-cache"_ba);
    addPageHeaders(response, request);
    return response;
}
