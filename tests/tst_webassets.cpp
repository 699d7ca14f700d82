// The browser client's HTTP side (WebAssets): content types, security and caching headers, the
// HTML 404 page, and that the API keeps its JSON errors. Real requests to a real server.
#include "testsupport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QMap>
#include <QRegularExpression>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Response
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
};

Response fetch(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
               const QByteArray &method = "GET"_ba)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = manager.sendCustomRequest(request, method);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return response;
}

// A GET with exactly the given header lines (QNetworkAccessManager always adds an
// Accept-Language of its own), over a plain socket; the raw response.
QByteArray rawGet(quint16 port, const QByteArray &target, const QByteArray &headerLines = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\nConnection: close\r\n" + headerLines + "\r\n");
    QByteArray response;
    QDeadlineTimer deadline(10000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(int(deadline.remainingTime()));
        response += socket.readAll();
    }
    return response + socket.readAll();
}

} // namespace

class tst_WebAssets final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void servesAssets_data();
    void servesAssets();
    void pageHasSecurityHeaders();
    void etagRevalidates();
    void headHasNoBody();
    void otherMethodsAre405();
    void unknownPathIsHtml404_data();
    void unknownPathIsHtml404();
    void notFoundFollowsAcceptLanguage_data();
    void notFoundFollowsAcceptLanguage();
    void notFoundWithoutAcceptLanguageIsEnglish();
    void notFoundEscapesThePath_data();
    void notFoundEscapesThePath();
    void everyModuleIsServed();
    void apiStaysJson_data();
    void apiStaysJson();

private:
    std::unique_ptr<TestServer> m_server;
};

void tst_WebAssets::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
}

void tst_WebAssets::cleanupTestCase()
{
    m_server.reset();
}

void tst_WebAssets::servesAssets_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("marker");
    QTest::addRow("page") << u"/"_s << "text/html; charset=utf-8"_ba
                          << "<script type=\"module\" src=\"/app.js\""_ba;
    QTest::addRow("page with token") << u"/?token=abc"_s << "text/html; charset=utf-8"_ba
                                     << "<!doctype html>"_ba;
    QTest::addRow("script") << u"/app.js"_s << "text/javascript; charset=utf-8"_ba
                            << "from './connection.js'"_ba;
    QTest::addRow("module") << u"/protocol.js"_s << "text/javascript; charset=utf-8"_ba
                            << "export const PROTOCOL_VERSION"_ba;
    QTest::addRow("words") << u"/i18n.js"_s << "text/javascript; charset=utf-8"_ba
                           << "export function t("_ba;
    QTest::addRow("English catalogue") << u"/i18n/en.json"_s << "application/json; charset=utf-8"_ba
                                       << "\"join.submit\": \"Join\""_ba;
    QTest::addRow("German catalogue") << u"/i18n/de.json"_s << "application/json; charset=utf-8"_ba
                                      << "\"join.submit\": \"Beitreten\""_ba;
    QTest::addRow("style") << u"/style.css"_s << "text/css; charset=utf-8"_ba
                           << "prefers-color-scheme: dark"_ba;
    QTest::addRow("icon") << u"/favicon.svg"_s << "image/svg+xml"_ba
                          << "<svg"_ba;
}

void tst_WebAssets::servesAssets()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, marker);
    const qsizetype query = path.indexOf(u'?');
    const Response response = query < 0
                                  ? fetch(m_server->httpUrl(path))
                                  : fetch(m_server->httpUrl(path.left(query), path.mid(query + 1)));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), contentType);
    QVERIFY2(response.body.contains(marker), response.body.left(200).constData());
    QCOMPARE(response.header("X-Content-Type-Options"), "nosniff"_ba);
    QCOMPARE(response.header("Referrer-Policy"), "no-referrer"_ba);
    QCOMPARE(response.header("Cache-Control"), "no-cache"_ba);
    QVERIFY(response.header("ETag").startsWith('"'));
}

void tst_WebAssets::pageHasSecurityHeaders()
{
    const Response response = fetch(m_server->httpUrl(u"/"_s));
    const QByteArray csp = response.header("Content-Security-Policy");
    for (const char *directive :
         {"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
          "frame-ancestors 'none'", "img-src 'self' data:"}) {
        QVERIFY2(csp.contains(directive), csp.constData());
    }
    // WebSockets only to the host the page came from; no inline code, no other origin.
    QVERIFY2(csp.contains(QByteArray("connect-src 'self' ws://127.0.0.1:"
                                     + QByteArray::number(m_server->port()))),
             csp.constData());
    QVERIFY(!csp.contains("unsafe-inline"));
    QVERIFY(!csp.contains("unsafe-eval"));
    QVERIFY(!csp.contains('*'));
    QCOMPARE(response.header("X-Frame-Options"), "DENY"_ba);
    // The page has no inline script or style for the policy to forbid.
    QVERIFY(!response.body.contains("<script>"));
    QVERIFY(!response.body.contains("<style"));
    QVERIFY(!response.body.contains(" style="));
    QVERIFY(!response.body.contains("http://"));
    QVERIFY(!response.body.contains("https://"));
}

void tst_WebAssets::etagRevalidates()
{
    const Response first = fetch(m_server->httpUrl(u"/app.js"_s));
    const QByteArray etag = first.header("ETag");
    QVERIFY(!etag.isEmpty());
    const Response again = fetch(m_server->httpUrl(u"/app.js"_s), {{"If-None-Match"_ba, etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(again.header("ETag"), etag);
    QCOMPARE(again.header("Cache-Control"), "no-cache"_ba);

    const Response weak
        = fetch(m_server->httpUrl(u"/app.js"_s), {{"If-None-Match"_ba, "\"other\", W/" + etag}});
    QCOMPARE(weak.status, 304);
    const Response changed
        = fetch(m_server->httpUrl(u"/app.js"_s), {{"If-None-Match"_ba, "\"other\""_ba}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.body, first.body);
    // Each file has its own tag.
    QVERIFY(fetch(m_server->httpUrl(u"/"_s)).header("ETag") != etag);
}

void tst_WebAssets::headHasNoBody()
{
    const Response head = fetch(m_server->httpUrl(u"/"_s), {}, "HEAD"_ba);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Type"), "text/html; charset=utf-8"_ba);
    // The connection is still usable afterwards.
    QCOMPARE(fetch(m_server->httpUrl(u"/style.css"_s)).status, 200);
}

void tst_WebAssets::otherMethodsAre405()
{
    const Response response = fetch(m_server->httpUrl(u"/"_s), {}, "POST"_ba);
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("Allow"), "GET, HEAD"_ba);
}

void tst_WebAssets::unknownPathIsHtml404_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("unknown") << u"/nope"_s;
    QTest::addRow("near an asset") << u"/appXjs"_s;
    QTest::addRow("below an asset") << u"/app.js/x"_s;
    QTest::addRow("index.html") << u"/index.html"_s;
    QTest::addRow("markup in the path") << u"/%3Cb%3Ex%3C%2Fb%3E"_s;
}

void tst_WebAssets::unknownPathIsHtml404()
{
    QFETCH(QString, path);
    QUrl url = m_server->httpUrl(u"/"_s);
    url.setPath(path, QUrl::TolerantMode);
    const Response response = fetch(url);
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("Content-Type"), "text/html; charset=utf-8"_ba);
    QVERIFY2(response.body.contains("Not found"), response.body.constData());
    QVERIFY(!response.body.contains("<b>"));
    QVERIFY(response.header("Content-Security-Policy").contains("script-src 'self'"));
    QCOMPARE(response.header("X-Content-Type-Options"), "nosniff"_ba);
    QCOMPARE(response.header("Referrer-Policy"), "no-referrer"_ba);
}

void tst_WebAssets::notFoundFollowsAcceptLanguage_data()
{
    QTest::addColumn<QByteArray>("acceptLanguage");
    QTest::addColumn<QByteArray>("language");
    const QList<QPair<const char *, QByteArray>> rows {
        {"de-DE,de;q=0.9", "de"_ba}, // a German browser
        {"de", "de"_ba},
        {"en", "en"_ba},
        {"en-GB, de;q=0.8", "en"_ba},
        {"fr-FR, fr;q=0.9, de;q=0.5", "de"_ba}, // the first that has a catalogue
        {"en;q=0.3, DE-AT;q=0.7", "de"_ba}, // by quality, not by order
        {"de;q=0, fr", "en"_ba}, // German refused
        {"*", "en"_ba},
        {"<de>;;q=x,,", "en"_ba},
    };
    for (const auto &[acceptLanguage, language] : rows)
        QTest::addRow("%s", acceptLanguage) << QByteArray(acceptLanguage) << language;
}

void tst_WebAssets::notFoundFollowsAcceptLanguage()
{
    QFETCH(QByteArray, acceptLanguage);
    QFETCH(QByteArray, language);
    // The texts of the catalogues (resources/web/i18n/*.json, notFound.*), the path escaped.
    const QMap<QByteArray, QByteArrayList> texts {
        {"de"_ba,
         {"<title>Nicht gefunden – LanChat</title>"_ba, "<h1>Nicht gefunden</h1>"_ba,
          "<p>Unter <code>/nope</code> gibt es nichts.</p>"_ba, ">Zum Chat</a>"_ba}},
        {"en"_ba,
         {"<title>Not found – LanChat</title>"_ba, "<h1>Not found</h1>"_ba,
          "<p>There is nothing at <code>/nope</code>.</p>"_ba, ">Open the chat</a>"_ba}},
    };
    const Response response
        = fetch(m_server->httpUrl(u"/nope"_s), {{"Accept-Language"_ba, acceptLanguage}});
    QCOMPARE(response.status, 404);
    QVERIFY2(response.body.contains(QByteArray("<html lang=\"" + language + "\">")),
             response.body.constData());
    for (const QByteArray &text : texts.value(language))
        QVERIFY2(response.body.contains(text), response.body.constData());
    QCOMPARE(response.header("Content-Language"), language);
    QCOMPARE(response.header("Vary"), "Accept-Language"_ba);
}

void tst_WebAssets::notFoundWithoutAcceptLanguageIsEnglish()
{
    const QByteArray response = rawGet(m_server->port(), "/nope"_ba);
    QVERIFY2(response.startsWith("HTTP/1.1 404 "), response.constData());
    QVERIFY2(response.contains("<html lang=\"en\">"), response.constData());
    QVERIFY(response.contains("<h1>Not found</h1>"));
    // The same request in German, on the same kind of client.
    const QByteArray german
        = rawGet(m_server->port(), "/nope"_ba, "Accept-Language: de-DE,de;q=0.9\r\n"_ba);
    QVERIFY2(german.contains("<html lang=\"de\">"), german.constData());
}

void tst_WebAssets::notFoundEscapesThePath_data()
{
    QTest::addColumn<QByteArray>("acceptLanguage");
    QTest::addRow("English") << "en"_ba;
    QTest::addRow("German") << "de"_ba;
}

void tst_WebAssets::notFoundEscapesThePath()
{
    QFETCH(QByteArray, acceptLanguage);
    QUrl url = m_server->httpUrl(u"/"_s);
    // The path as sent, and as the page must show it. A "{path}" in the request is text too.
    const QList<QPair<QString, QByteArray>> paths {
        {u"/%3Cscript%3Ealert(1)%3C%2Fscript%3E"_s,
         "<code>/&lt;script&gt;alert(1)&lt;/script&gt;</code>"_ba},
        {u"/%7Bpath%7D%3Cb%3E%22'&amp;"_s, "<code>/{path}&lt;b&gt;&quot;'&amp;amp;</code>"_ba},
    };
    for (const auto &[path, shown] : paths) {
        url.setPath(path, QUrl::TolerantMode);
        const Response response = fetch(url, {{"Accept-Language"_ba, acceptLanguage}});
        QCOMPARE(response.status, 404);
        QVERIFY2(!response.body.contains("<script"), response.body.constData());
        QVERIFY2(!response.body.contains("<b>"), response.body.constData());
        QVERIFY2(response.body.contains(shown), response.body.constData());
        QCOMPARE(response.body.count("<code>"), 1);
    }
}

void tst_WebAssets::everyModuleIsServed()
{
    // The page's entry module imports the others by relative path: each must be there.
    const Response entry = fetch(m_server->httpUrl(u"/app.js"_s));
    static const QRegularExpression import(u"from '\\./([a-z0-9]+\\.js)'"_s);
    QStringList modules;
    for (auto it = import.globalMatch(QString::fromUtf8(entry.body)); it.hasNext();)
        modules << it.next().captured(1);
    QVERIFY2(modules.size() >= 5, qPrintable(modules.join(u", "_s)));
    for (int i = 0; i < modules.size(); ++i) {
        const Response module = fetch(m_server->httpUrl(u"/"_s + modules.at(i)));
        QVERIFY2(module.status == 200, qPrintable(modules.at(i)));
        QCOMPARE(module.header("Content-Type"), "text/javascript; charset=utf-8"_ba);
        for (auto it = import.globalMatch(QString::fromUtf8(module.body)); it.hasNext();) {
            const QString imported = it.next().captured(1);
            if (!modules.contains(imported))
                modules << imported;
        }
    }
}

void tst_WebAssets::apiStaysJson_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addRow("unknown api") << u"/api/nope"_s << 404;
    QTest::addRow("api root") << u"/api"_s << 404;
    QTest::addRow("below a route") << u"/api/history/5"_s << 404;
    QTest::addRow("below ws") << u"/ws/other"_s << 404;
    QTest::addRow("health") << u"/api/health"_s << 200;
}

void tst_WebAssets::apiStaysJson()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    const Response response = fetch(m_server->httpUrl(path));
    QCOMPARE(response.status, status);
    QVERIFY2(response.header("Content-Type").startsWith("application/json"),
             response.header("Content-Type").constData());
}

QTEST_GUILESS_MAIN(tst_WebAssets)
#include "tst_webassets.moc"
