// Lives in the main thread. One LanChat window process per user session. A starting LanChat
// calls handOverOrClaim() before it creates any window: holding a lock file beside the socket in
// the user's runtime directory, it connects to the running instance's socket and hands its
// message over (HandOverMessage). When nothing listens there (no socket, or a stale one left by
// a crash) it keeps the lock, and listen(), called once the application object that runs the
// event loop exists, replaces the stale socket, listens and releases the lock. So of two
// LanChats starting at once, one listens and the other hands over to it.
// The running instance accepts connections from processes of its own user only, one line per
// connection, bounded in size and time; what it accepts is emitted as received().
#pragma once

#include "handovermessage.h"

#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Outcome {
        Claimed, // nobody runs: listen() next
        HandedOver, // the running instance accepted the message
        Failed, // see the error; start with --new-instance to run anyway
    };

    static constexpr int LockTimeoutMs = 10'000;
    static constexpr int ConnectTimeoutMs = 2'000;
    static constexpr int ReplyTimeoutMs = 10'000;
    // How long the running instance waits for a connection's line.
    static constexpr int ReadTimeoutMs = 3'000;
    static constexpr int MaxConnections = 8;

    explicit SingleInstance(const QString &socketPath = defaultSocketPath(),
                            QObject *parent = nullptr);
    ~SingleInstance() override;

    // <runtime directory>/<application id>.socket
    static QString defaultSocketPath();
    QString socketPath() const { return m_socketPath; }

    // Blocking, bounded by the timeouts above; call it before any window exists.
    Outcome handOverOrClaim(const HandOverMessage &message, QString *error);
    // After Outcome::Claimed: listens and releases the start-up lock.
    bool listen(QString *error);
    bool isListening() const;

signals:
    void received(const HandOverMessage &message);

private:
    void acceptConnections();
    void readLine(QLocalSocket *socket);

    QString m_socketPath;
    std::unique_ptr<QLockFile> m_startLock;
    QLocalServer *m_server = nullptr;
    int m_connections = 0;
};
