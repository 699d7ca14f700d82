#include "testsupport.h"

#include "historystore.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

QString lanchatBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("LANCHAT_BINARY");
    return fromEnvironment.isEmpty() ? QCoreApplication::applicationDirPath() + u"/../lanchat"_s
                                     : fromEnvironment;
}

TestServer::TestServer(const QString &token, const QString &dataDir)
    : m_controller(std::make_unique<ServerController>())
{
    if (dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    } else {
        m_dataDir = dataDir;
    }
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.token = token;
    m_config.dataDir = m_dataDir;
    // Suites other than tst_limits send in bursts from one address: they get the limits out of
    // the way, as `--message-rate 0` and the connection options do for scripts.
    m_config.messageRate = 0;
    m_config.maxConnections = 10'000;
    m_config.maxConnectionsPerAddress = 10'000;
    m_config.authFailureLimit = 0;
}

TestServer::~TestServer()
{
    m_controller.reset(); // stops synchronously before the directory goes
}

bool TestServer::start()
{
    QSignalSpy started(m_controller.get(), &ServerController::started);
    QSignalSpy failed(m_controller.get(), &ServerController::startFailed);
    m_controller->start(m_config);
    if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 10000))
        return false;
    if (started.isEmpty()) {
        qWarning() << "server failed to start:" << failed.value(0).value(0).toString();
        return false;
    }
    m_status = started.first().first().value<ServerStatus>();
    return true;
}

bool TestServer::stop()
{
    if (!m_controller->isRunning())
        return true;
    QSignalSpy stopped(m_controller.get(), &ServerController::stopped);
    m_controller->stop();
    return stopped.wait(10000);
}

QUrl TestServer::httpUrl(const QString &path, const QString &query) const
{
    QUrl url;
    url.setScheme(m_status.httpScheme());
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_status.port);
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl TestServer::wsUrl(const QString &username, const QString &token, const QString &path) const
{
    QUrl url;
    url.setScheme(m_status.webSocketScheme());
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_status.port);
    url.setPath(path);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, token.isNull() ? m_config.token : token);
    if (!username.isNull())
        query.addQueryItem(u"username"_s, QString::fromLatin1(QUrl::toPercentEncoding(username)));
    url.setQuery(query);
    return url;
}

TestClient::TestClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_raw.append(text);
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        m_consumed.append(false);
    });
}

TestClient::~TestClient()
{
    m_socket.abort();
}

bool TestClient::open(const QUrl &url)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(5000) || m_socket.state() == QAbstractSocket::ConnectedState;
}

bool TestClient::join(const QUrl &url)
{
    return open(url) && !waitFor(u"welcome"_s).isEmpty();
}

void TestClient::send(const QJsonObject &frame)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void TestClient::sendRaw(const QString &text)
{
    m_socket.sendTextMessage(text);
}

QJsonObject TestClient::waitFor(const QString &type, int timeoutMs)
{
    QJsonObject found;
    const auto take = [&] {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (!m_consumed.at(i) && m_frames.at(i).value("type"_L1).toString() == type) {
                m_consumed[i] = true;
                found = m_frames.at(i);
                return true;
            }
        }
        return false;
    };
    // A closed socket receives nothing more: stop waiting as soon as it is closed.
    const auto takeOrClosed
        = [&] { return take() || m_socket.state() == QAbstractSocket::UnconnectedState; };
    if (!QTest::qWaitFor(takeOrClosed, timeoutMs) || found.isEmpty())
        qWarning().noquote() << "no" << type << "frame within" << timeoutMs << "ms";
    return found;
}

bool TestClient::waitForDisconnect(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

QList<QJsonObject> TestClient::frames(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &frame : m_frames) {
        if (type.isEmpty() || frame.value("type"_L1).toString() == type)
            result.append(frame);
    }
    return result;
}

HttpResult httpGet(const QUrl &url, const QByteArray &bearer, const QByteArray &method)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = manager.sendCustomRequest(request, method);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

// Finds the ClientId of a username from the activity the controller reported.
ClientId clientIdOf(QSignalSpy &activity, const QString &username)
{
    ClientId id = 0;
    (void)QTest::qWaitFor(
        [&] {
            for (const QList<QVariant> &args : std::as_const(activity)) {
                const auto batch = args.first().value<ServerActivity>();
                for (const ClientInfo &info : batch.updatedClients) {
                    if (info.username == username)
                        id = info.id;
                }
            }
            return id != 0;
        },
        5000);
    return id;
}

QList<ModerationRecord> moderationOf(QSignalSpy &activity)
{
    QList<ModerationRecord> records;
    for (const QList<QVariant> &args : std::as_const(activity))
        records += args.first().value<ServerActivity>().moderation;
    return records;
}

SocketPair::SocketPair()
{
    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds);
}

void SocketPair::closeBoth()
{
    for (int &fd : fds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

QStringList textsOf(const QList<ChatEvent> &events)
{
    QStringList texts;
    for (const ChatEvent &event : events)
        texts.append(event.text);
    return texts;
}

bool writeLargeHistory(const QString &databasePath, int count, int textLength)
{
    HistoryStore store(QStringLiteral("testsupport-large-history"));
    if (!store.open(databasePath)) {
        qWarning() << "cannot open" << databasePath << store.lastError();
        return false;
    }
    const QString padding(textLength, u'w');
    constexpr int BatchSize = 4000;
    QList<PendingEvent> batch;
    for (int i = 0; i < count; ++i) {
        PendingEvent pending;
        pending.event.kind = ChatEvent::Kind::Message;
        pending.event.timestampMs = 1'700'000'000'000 + i;
        pending.event.username = QStringLiteral("writer");
        pending.event.text = QString::number(i) + u' ' + padding;
        pending.userKey = QStringLiteral("writer");
        batch.append(pending);
        if (batch.size() == BatchSize || i == count - 1) {
            QList<StoredEvent> results;
            if (!store.append(batch, &results)) {
                qWarning() << "cannot write" << databasePath << store.lastError();
                return false;
            }
            batch.clear();
        }
    }
    return store.checkpoint();
}
