// Value types that cross threads (server thread <-> GUI thread <-> database thread).
// Plain copyable data only: no QObject, no pointers.
#pragma once

#include "chatevent.h"
#include "protocolconstants.h"

#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

using ClientId = quint64;

// A connected chat client as the operator sees it.
struct ClientInfo
{
    ClientId id = 0;
    QString username;
    QString address;
    qint64 connectedSinceMs = 0;
    qint64 lastActivityMs = 0;
    quint64 messageCount = 0;
    qint64 mutedUntilMs = 0; // 0: not muted; in the past: no longer muted
    bool isOperator = false; // admitted with the operator key: the host's own chat client
};

// A ban: by username, by address, or both. untilMs 0 means permanent.
struct BanInfo
{
    qint64 id = 0; // assigned by the store
    QString username; // display form; empty: any username
    QString address; // empty: any address
    qint64 createdMs = 0;
    qint64 untilMs = 0;
    QString reason;
    QString createdBy;
    bool isPermanent() const { return untilMs == 0; }
    bool isActive(qint64 nowMs) const { return untilMs == 0 || untilMs > nowMs; }
};

// What the operator asks for when banning; clientId, when set, names the connected client whose
// username and/or address are banned (and who is kicked with everyone else that matches).
struct BanRequest
{
    ClientId clientId = 0;
    QString username;
    QString address;
    bool byUsername = true;
    bool byAddress = false;
    qint64 durationSeconds = 0; // 0: permanent
    QString reason;
};

// One moderation action, kept for the operator (who, what, target, reason, when).
struct ModerationRecord
{
    // Room*: the operator's changes of rooms (target: the room, or for RoomKick the user).
    enum class Action : quint8 {
        Kick,
        Ban,
        Unban,
        Mute,
        Unmute,
        Block,
        Drop,
        Release,
        RoomCreate,
        RoomDelete,
        RoomLock,
        RoomUnlock,
        RoomTopic,
        RoomKick
    };

    qint64 id = 0;
    qint64 timestampMs = 0;
    QString actor;
    Action action = Action::Kick;
    QString target;
    QString reason;
    QString detail; // e.g. "until 2026-11-24 21:00 UTC", "permanent", "address 10.0.0.7"
};

// A registered name (docs/PROTOCOL.md, "Authentication"): the name belongs to whoever presents
// the identity whose SHA-256 this is. Stays in the server and database threads.
struct Registration
{
    QString userKey; // UsernameRules::comparisonKey of the name
    QString username; // as first registered
    QByteArray identityHash; // SHA-256 of the identity's UTF-8 bytes; never the identity
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
};

// A registered name as the operator sees it (no hash).
struct RegisteredName
{
    QString userKey;
    QString username;
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    bool online = false;
};

// How to run a server. Empty token: generate one; empty dataDir: the platform's app data dir.
struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = Protocol::DefaultPort;
    QString token;
    // What the host's own chat client presents instead of the token to be admitted as the
    // operator (docs/PROTOCOL.md, "Operator"); ServerController makes one per run. Empty: none.
    // Never stored, never shown.
    QString operatorKey;
    QString dataDir;
    QString operatorName = QStringLiteral("Operator");
    // How others see the server (DNS-SD, GET /api/health); empty: LanChat::defaultServerName().
    QString serverName;
    int maxTextLength = Protocol::Limits::MaxTextLength;
    int maxFrameBytes = Protocol::Limits::MaxFrameBytes;

    // Limits (docs/PROTOCOL.md, "Limits"); each has a command-line option.
    double messageRate = Protocol::Limits::MessageRate; // per connection; 0: no flood control
    int messageBurst = Protocol::Limits::MessageBurst;
    qint64 maxPendingOutputBytes = 1024 * 1024; // per connection; beyond it, it is dropped
    int keepAliveSeconds = 20; // ping interval; silent for two intervals: dropped; 0: off
    int handshakeTimeoutMs = 10'000;
    // How long a session stays valid after its connection closed (tests shorten it).
    int sessionGraceMs = Protocol::SessionGraceSeconds * 1000;
    int maxRooms = Protocol::Limits::MaxRooms; // live rooms, general included
    int maxRoomsPerUser = Protocol::Limits::MaxRoomsPerUser; // besides general
    int maxConnections = 100; // WebSocket connections, chat and echo together
    int maxConnectionsPerAddress = 16;
    // Connections of every kind (WebSocket, HTTP, handshakes under way); 0: as many as the
    // descriptor limit leaves room for. Per address: its WebSocket connections plus this many
    // others.
    int maxSockets = 0;
    static constexpr int OtherSocketsPerAddress = 32;
    int authFailureLimit = 10; // wrong tokens from one address within the window …
    int authFailureWindowSeconds = 120;
    int authBlockSeconds = 300; // … block that address for this long
    qint64 maxHttpBodyBytes = 1024 * 1024;
    qint64 maxHistoryBytes = 0; // the database file's size cap; 0: none (a full disk still is)
    int httpIdleSeconds = 15;
    QStringList allowedOrigins; // besides the server's own; e.g. "http://intranet.example:8080"
    // Host names that mean this server besides its own (its addresses, host name, localhost);
    // "*" accepts any.
    QStringList allowedHosts;

    // TLS (docs/PROTOCOL.md, "TLS"): wss:// and https:// on the same port. Without paths, a
    // self-signed certificate generated in <dataDir>/tls is used (and kept).
    bool tls = false;
    QString tlsCertificatePath;
    QString tlsKeyPath;
};

// Where a started server can be reached.
struct ServerStatus
{
    QHostAddress bindAddress;
    quint16 port = 0;
    QString token;
    QString databasePath;
    bool tls = false;
    QString certificateFingerprint; // SHA-256, colon-separated hex; empty without TLS
    QString serverName; // the configured name, or the default
    qint64 lastEventId = 0;
    QList<BanInfo> bans; // active bans at start
    QList<ModerationRecord> recentModeration; // newest last
    QList<RegisteredName> registrations; // the registered names at start

    QString httpScheme() const { return tls ? QStringLiteral("https") : QStringLiteral("http"); }
    QString webSocketScheme() const { return tls ? QStringLiteral("wss") : QStringLiteral("ws"); }
};

// What changed in the server since the previous batch; sent to the GUI at most once per frame.
struct ServerActivity
{
    QList<ChatEvent> events;
    QList<ClientInfo> updatedClients; // joined, or sent something
    QList<ClientId> removedClients;
    QList<ModerationRecord> moderation;
    int clientCount = 0;
};

// History storage and queries: what the server thread hands the database thread and what a
// history page returns to the GUI. The store (historystore.h) is not part of this contract.
// An event waiting to be stored, with what is needed to acknowledge it afterwards.
struct PendingEvent
{
    ChatEvent event;
    ClientId sender = 0; // 0 for server-made events (joins, leaves, announcements)
    QString userKey; // the sender's username comparison key, for cid de-duplication
    QString cid;
    // A DM's addressee (UsernameRules::comparisonKey); empty for room events. The store files
    // the event under the conversation of userKey and recipientKey.
    QString recipientKey;
};

struct StoredEvent
{
    ChatEvent event; // with its id
    ClientId sender = 0;
    QString cid;
    bool duplicate = false; // the cid was already stored: event is the original
};

struct HistoryQuery
{
    qint64 beforeId = -1; // negative: no bound
    qint64 afterId = -1; // negative: no bound; when set, the page is the oldest after it
    int limit = 100;
    QString textContains; // case-insensitive substring, empty: any
    QString username; // same user (compared by UsernameRules::comparisonKey), empty: any
    // The conversation: the live room of this name, or, when withKey is set, the DM between
    // ownKey and withKey (both UsernameRules::comparisonKey, in either order).
    QString room = Protocol::defaultRoom();
    QString withKey;
    QString ownKey;
    // The operator's search and export: every room, live or deleted (room is ignored). DMs only
    // with includeDirect as well, which only an explicit export asks for.
    bool allConversations = false;
    bool includeDirect = false;
};

struct HistoryPage
{
    QList<ChatEvent> events; // oldest first
    bool hasMore = false; // more exist beyond the page in the direction of the query
};

// A live room as stored (conversations of kind 'room' not deleted).
struct RoomInfo
{
    QString name;
    QString topic;
    bool locked = false;
    qint64 createdMs = 0;
    QString createdBy;
    int memberCount = 0; // stored memberships: registered users who joined and did not leave
};

// A live room as the operator's console lists it (ServerController::roomsChanged).
struct RoomSummary
{
    QString name;
    QString topic;
    bool locked = false;
    QStringList members; // usernames, sorted; empty for general (everyone is in it)
    int onlineMembers = 0; // members with a connection; for general: every chat user online
    qint64 lastActivityMs = 0; // the newest stored event's time, 0: none since the start
};

// How many direct-message conversations and DM events the history holds: counts only, never
// their text (the operator's console shows that DMs exist).
struct DirectStats
{
    qint64 conversations = 0;
    qint64 messages = 0;
};

// The other side of a user's direct-message conversation.
struct DirectPartner
{
    QString userKey; // UsernameRules::comparisonKey
    QString username; // as registered; the key when the partner is not registered
    qint64 newestId = 0; // the newest event of the conversation, 0: none
};

namespace LanChat {
// Registers the types above for name-based lookups (QSignalSpy with SIGNAL(), Q_ARG).
void registerMetaTypes();
// "LanChat on <this machine's host name>".
QString defaultServerName();
QString kindName(ChatEvent::Kind kind);
QString actionName(ModerationRecord::Action action);
bool actionFromName(const QString &name, ModerationRecord::Action *action);
} // namespace LanChat

Q_DECLARE_METATYPE(ClientInfo)
Q_DECLARE_METATYPE(ServerConfig)
Q_DECLARE_METATYPE(ServerStatus)
Q_DECLARE_METATYPE(ServerActivity)
Q_DECLARE_METATYPE(BanInfo)
Q_DECLARE_METATYPE(BanRequest)
Q_DECLARE_METATYPE(ModerationRecord)
Q_DECLARE_METATYPE(Registration)
Q_DECLARE_METATYPE(RegisteredName)
Q_DECLARE_METATYPE(PendingEvent)
Q_DECLARE_METATYPE(StoredEvent)
Q_DECLARE_METATYPE(HistoryQuery)
Q_DECLARE_METATYPE(HistoryPage)
Q_DECLARE_METATYPE(RoomInfo)
Q_DECLARE_METATYPE(DirectPartner)
Q_DECLARE_METATYPE(RoomSummary)
Q_DECLARE_METATYPE(DirectStats)
