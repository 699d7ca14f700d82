// Shared fixtures for the Qt Test suites; everything lives in the test's main thread.
#pragma once

#include "chattypes.h"
#include "servercontroller.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <memory>

// A ServerController running a real server on 127.0.0.1, port 0, with a temporary data dir;
// flood control, connection caps and address blocking are off unless a test sets them.
class TestServer final
{
public:
    explicit TestServer(const QString &token = QStringLiteral("test-token"),
                        const QString &dataDir = QString());
    ~TestServer();
    bool start(); // waits for started(); false on failure
    bool stop(); // graceful stop; waits for stopped()

    ServerController &controller() { return *m_controller; }
    QString dataDir() const { return m_dataDir; }
    QString token() const { return m_config.token; }
    quint16 port() const { return m_status.port; }
    const ServerStatus &status() const { return m_status; }
    QUrl httpUrl(const QString &path, const QString &query = QString()) const;
    QUrl wsUrl(const QString &username, const QString &token = QString(),
               const QString &path = QStringLiteral("/ws")) const;
    ServerConfig &config() { return m_config; }

private:
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    ServerConfig m_config;
    ServerStatus m_status;
    std::unique_ptr<ServerController> m_controller;
};

// A connected pair of non-blocking Unix stream sockets, closed with the object.
struct SocketPair
{
    SocketPair();
    ~SocketPair() { closeBoth(); }
    Q_DISABLE_COPY_MOVE(SocketPair)
    void closeBoth();
    bool isValid() const { return fds[0] >= 0 && fds[1] >= 0; }

    int fds[2] = {-1, -1};
};

// A real QWebSocket client that records every frame it receives as JSON.
class TestClient final : public QObject
{
    Q_OBJECT

public:
    explicit TestClient(QObject *parent = nullptr);
    ~TestClient() override;

    bool open(const QUrl &url); // waits for connected()
    // Opens and waits for the welcome frame.
    bool join(const QUrl &url);
    void send(const QJsonObject &frame);
    void sendRaw(const QString &text);
    // Waits until a frame of the type arrives (or was already received and not yet taken).
    QJsonObject waitFor(const QString &type, int timeoutMs = 5000);
    bool waitForDisconnect(int timeoutMs = 5000);
    QList<QJsonObject> frames(const QString &type = QString()) const;
    QList<QString> rawFrames() const { return m_raw; }
    QWebSocket &socket() { return m_socket; }
    int closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }

private:
    QWebSocket m_socket;
    QList<QString> m_raw;
    QList<QJsonObject> m_frames;
    QList<bool> m_consumed;
};

// The lanchat executable: $LANCHAT_BINARY (CTest sets it), else beside the tests' directory.
QString lanchatBinary();

// Synchronous HTTP GET through QNetworkAccessManager (waits on the reply's finished()).
struct HttpResult
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};
HttpResult httpGet(const QUrl &url, const QByteArray &bearer = QByteArray(),
                   const QByteArray &method = QByteArrayLiteral("GET"));

// The ClientId of a username, from ServerController::activity batches recorded by the spy
// (waits up to 5 s for it to appear); 0 when it never does.
ClientId clientIdOf(QSignalSpy &activity, const QString &username);
// Every moderation record in the activity batches recorded by the spy, oldest first.
QList<ModerationRecord> moderationOf(QSignalSpy &activity);

// The texts of the events, in order.
QStringList textsOf(const QList<ChatEvent> &events);

// Writes `count` messages from "writer" into the history database at the path, through the real
// store in large batches (a history of 100 MB in seconds): message n is "n " followed by
// textLength 'w's. False (with a warning) on failure.
bool writeLargeHistory(const QString &databasePath, int count, int textLength);
