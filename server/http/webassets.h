// Lives in the server thread (HttpApi owns it). Serves the browser client of docs/PROTOCOL.md
// ("Browser client") from the Qt resources under :/web, each file at its path there (index.html at
// /): no file system access, with the content type, caching and security headers every page
// response carries, and the 404 page in the reader's language.
#pragma once

#include "httpmessage.h"
#include "notfoundpage.h"

#include <QByteArray>
#include <QHash>
#include <QString>

class WebAssets final
{
public:
    WebAssets();

    // The answer for a path outside /api and /ws: the file, 304 when the client's copy is
    // current, 405 for methods other than GET and HEAD, or the HTML 404 page.
    HttpResponse serve(const HttpRequest &request) const;

    // True for the paths whose errors stay JSON (the API and the WebSocket endpoints).
    static bool isApiPath(const QString &path);
    // The HTML 404 page for any other unknown path, in the language of Accept-Language.
    HttpResponse notFound(const HttpRequest &request) const;

private:
    struct Asset
    {
        QByteArray body;
        QByteArray contentType;
        QByteArray etag;
    };

    // Every file under :/web by the path it is served at.
    static QHash<QString, Asset> loadAssets();
    // The string catalogues among them: language -> JSON.
    static QHash<QString, QByteArray> catalogues(const QHash<QString, Asset> &assets);

    QHash<QString, Asset> m_assets;
    NotFoundPage m_notFound; // after m_assets: made from its catalogues
};
