// Value types that cross threads (server thread <-> GUI thread <-> database thread).
// Plain copyable data only: no QObject, no pointers.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

using ClientId = quint64;

// What the server stores and broadcasts, one row of the history.
struct ChatEvent
{
    enum class Kind : quint8 { Message, Join, Leave, Kick, Announcement };

    qint64 id = 0; // assigned by the store on commit; 0 until then
    qint64 timestampMs = 0; // UTC milliseconds since the epoch
    Kind kind = Kind::Message;
    QString username;
    QString text; // message or announcement text; the reason of a kick
};

// A connected chat client as the operator sees it.
struct ClientInfo
{
    ClientId id = 0;
    QString username;
    QString address;
    qint64 connectedSinceMs = 0;
    qint64 lastActivityMs = 0;
    quint64 messageCount = 0;
};

// How to run a server. Empty token: generate one; empty dataDir: the platform's app data dir.
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 8787;
    QString token;
    QString dataDir;
    QString operatorName = QStringLiteral("Operator");
    int maxTextLength = 5000;
    int maxFrameBytes = 64 * 1024;
};

// Where a started server can be reached.
struct ServerStatus
{
    QHostAddress bindAddress;
    quint16 port = 0;
    QString token;
    QString databasePath;
    qint64 lastEventId = 0;
};

// What changed in the server since the previous batch; sent to the GUI at most once per frame.
struct ServerActivity
{
    QList<ChatEvent> events;
    QList<ClientInfo> updatedClients; // joined, or sent something
    QList<ClientId> removedClients;
    int clientCount = 0;
};

namespace LanChat {
// Registers the types above for name-based lookups (QSignalSpy with SIGNAL(), Q_ARG).
void registerMetaTypes();
QString kindName(ChatEvent::Kind kind);
} // namespace LanChat

Q_DECLARE_METATYPE(ChatEvent)
Q_DECLARE_METATYPE(ClientInfo)
Q_DECLARE_METATYPE(ServerConfig)
Q_DECLARE_METATYPE(ServerStatus)
Q_DECLARE_METATYPE(ServerActivity)
