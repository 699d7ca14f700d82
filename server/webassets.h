// Lives in the server thread (HttpApi creates it). Serves the browser client of docs/PROTOCOL.md
// ("Browser client") from the Qt resources under :/web: fixed routes, no file system access, with
// the content type, caching and security headers every page response carries.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

class WebAssets final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebAssets)

public:
    explicit WebAssets(QObject *parent = nullptr);
    ~WebAssets() override;

    // Adds a route for each asset ("/" is the chat page).
    void install(QHttpServer *server);

    // True for the paths whose errors stay JSON (the API and the WebSocket endpoints).
    static bool isApiPath(const QString &path);
    // The HTML 404 page for any other unknown path.
    static QHttpServerResponse notFound(const QHttpServerRequest &request);

private:
    struct Asset
    {
        QByteArray body;
        QByteArray contentType;
        QByteArray etag;
    };

    QHttpServerResponse serve(const QString &path, const QHttpServerRequest &request) const;

    QHash<QString, Asset> m_assets;
};
