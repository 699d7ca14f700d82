#include "singleinstance.h"

#include "desktoplogging.h"
#include "invitelink.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Another user's process cannot reach the socket in a 0700 runtime directory; this also holds
// where the socket path is somewhere else.
bool fromSameUser(const QLocalSocket *socket)
{
    ucred credentials {};
    socklen_t size = sizeof(credentials);
    if (::getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &size)
        != 0)
        return false;
    return credentials.uid == ::geteuid();
}

QString describe(const HandOverMessage &message)
{
    if (message.action == HandOverMessage::Action::Activate)
        return u"show the window"_s;
    const InviteLink link = InviteLink::parse(message.invite);
    return u"join %1:%2"_s.arg(link.host()).arg(link.port()); // never the token
}
} // namespace

SingleInstance::SingleInstance(const QString &socketPath, QObject *parent)
    : QObject(parent), m_socketPath(socketPath)
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultSocketPath()
{
    // XDG_RUNTIME_DIR; Qt makes a 0700 directory of its own when it is not set.
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return QDir(directory).filePath(QStringLiteral(LANCHAT_APP_ID) + u".socket"_s);
}

SingleInstance::Outcome SingleInstance::handOverOrClaim(const HandOverMessage &message,
                                                        QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return Outcome::Failed;
    };
    m_startLock = std::make_unique<QLockFile>(m_socketPath + u".lock"_s);
    // A lock left by a process that died is taken over (QLockFile checks its process id).
    if (!m_startLock->tryLock(LockTimeoutMs)) {
        m_startLock.reset();
        return fail(tr("Another LanChat has been starting for %1 s and holds %2.")
                        .arg(LockTimeoutMs / 1000)
                        .arg(m_socketPath + u".lock"_s));
    }

    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(ConnectTimeoutMs)) {
        if (socket.error() == QLocalSocket::ServerNotFoundError
            || socket.error() == QLocalSocket::ConnectionRefusedError)
            return Outcome::Claimed; // nobody there, or a stale socket: listen() replaces it
        m_startLock.reset();
        return fail(tr("The running LanChat does not answer at %1: %2")
                        .arg(m_socketPath, socket.errorString()));
    }
    m_startLock.reset(); // the running instance is there: no one needs to wait for us

    socket.write(message.toLine());
    const QDeadlineTimer deadline(ReplyTimeoutMs);
    while (!socket.canReadLine()) {
        if (deadline.hasExpired() || socket.state() != QLocalSocket::ConnectedState
            || !socket.waitForReadyRead(int(deadline.remainingTime()))) {
            if (socket.canReadLine())
                break;
            return fail(
                tr("The running LanChat did not answer within %1 s.").arg(ReplyTimeoutMs / 1000));
        }
    }
    QString refusal;
    if (!HandOverMessage::parseReply(socket.readLine(HandOverMessage::MaxLineBytes), &refusal))
        return fail(tr("The running LanChat refused: %1").arg(refusal));
    return Outcome::HandedOver;
}

bool SingleInstance::listen(QString *error)
{
    Q_ASSERT(m_startLock); // handOverOrClaim() said Claimed
    // Nobody answered while we held the lock: a socket file there is a crashed LanChat's. (With
    // UserAccessOption Qt also renames its new socket over it; the lock is what keeps that from
    // replacing a live one.)
    QLocalServer::removeServer(m_socketPath);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(MaxConnections);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    const bool listening = m_server->listen(m_socketPath);
    if (!listening && error)
        *error = tr("Cannot listen at %1: %2").arg(m_socketPath, m_server->errorString());
    m_startLock.reset();
    return listening;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections >= MaxConnections || !fromSameUser(socket)) {
            qCWarning(lcDesktop, "refused a connection to %ls", qUtf16Printable(m_socketPath));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_connections;
        connect(socket, &QObject::destroyed, this, [this] { --m_connections; });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readLine(socket); });
        QTimer::singleShot(ReadTimeoutMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        readLine(socket);
    }
}

void SingleInstance::readLine(QLocalSocket *socket)
{
    if (!socket->canReadLine() && socket->bytesAvailable() < HandOverMessage::MaxLineBytes)
        return; // wait for the rest of the line
    disconnect(socket, &QLocalSocket::readyRead, this, nullptr); // one message per connection
    QString error;
    const std::optional<HandOverMessage> message
        = HandOverMessage::fromLine(socket->readLine(HandOverMessage::MaxLineBytes + 1), &error);
    socket->write(HandOverMessage::replyLine(message ? QString() : error));
    socket->disconnectFromServer(); // after writing what is queued
    if (!message) {
        // The sender gets the reason; the log gets nothing of what was sent (it may quote a
        // token or control characters).
        qCWarning(lcDesktop, "refused a malformed hand-over at %ls", qUtf16Printable(m_socketPath));
        return;
    }
    qCInfo(lcDesktop, "another start handed over: %ls", qUtf16Printable(describe(*message)));
    emit received(*message);
}

#include "moc_singleinstance.cpp"
