// Any thread. The facts of the wire protocol (docs/PROTOCOL.md), declared once for the server,
// the client, the benchmarks and the tests: the version, the close codes, the error codes and
// what follows each, and the limits' defaults. tst_webpage checks that the browser page
// (resources/web/app.js, which cannot include this) uses the same values.
#pragma once

#include <QLatin1String>
#include <QString>

namespace Protocol {

// The `protocol` member of the `welcome` frame. Version 2 added identities, registered names and
// sessions; a client that sends no identity is served as a version 1 client.
constexpr int Version = 2;
// The TCP port of WebSocket, HTTP and TLS alike, when nobody chose another one.
constexpr quint16 DefaultPort = 8787;

// The room everyone is in, and where the history of servers before rooms went.
inline constexpr QLatin1String DefaultRoom("general");
// DefaultRoom as a QString shared by every copy (no allocation per ChatEvent).
inline QString defaultRoom()
{
    static const QString name(DefaultRoom);
    return name;
}

// Close codes: RFC 6455's that the server uses, and ours (docs/PROTOCOL.md, "Close codes").
enum CloseCode : quint16 {
    CloseNormal = 1000,
    CloseGoingAway = 1001, // the server is shutting down
    ClosePolicy = 1008, // invalid token, origin not allowed
    CloseTooBig = 1009, // a frame or message above maxFrameBytes, never parsed
    CloseInternalError = 1011,
    CloseKicked = 4000,
    CloseInvalidUsername = 4001,
    CloseUsernameTaken = 4002,
    CloseBanned = 4003,
    CloseTooSlow = 4004,
    CloseTooManyConnections = 4005,
    CloseAddressBlocked = 4006,
    CloseKeepAliveTimeout = 4007,
    CloseFlooding = 4008,
    CloseNameRegistered = 4009, // the name is registered to another identity, or none was valid
};

// Closes after which a client does not reconnect by itself: the same answer would come again.
// (4005, too many connections, is worth another try later; so are the others.)
inline constexpr quint16 FinalCloseCodes[]
    = {ClosePolicy, CloseKicked,         CloseInvalidUsername, CloseUsernameTaken,
       CloseBanned, CloseAddressBlocked, CloseNameRegistered};

// The query parameters of the WebSocket request (docs/PROTOCOL.md, "Authentication").
namespace Query {
inline constexpr QLatin1String Token("token");
inline constexpr QLatin1String Username("username");
inline constexpr QLatin1String Identity("identity");
} // namespace Query

// A session (the welcome's `session`) stays valid this long after its connection closed.
constexpr int SessionGraceSeconds = 60;

// Server frame types beyond the chat events and the welcome (docs/PROTOCOL.md, "Server to
// client").
namespace FrameType {
inline constexpr QLatin1String Unmuted("unmuted");
// Conversations (docs/PROTOCOL.md, "Rooms and direct messages"): the client's requests, and the
// server's answers that are no stored events. `typing` goes both ways; `topic` is a request and
// the stored event that answers it.
inline constexpr QLatin1String Message("message");
inline constexpr QLatin1String JoinRoom("join_room");
inline constexpr QLatin1String LeaveRoom("leave_room");
inline constexpr QLatin1String Topic("topic");
inline constexpr QLatin1String Typing("typing");
inline constexpr QLatin1String RoomJoined("room_joined");
// The operator deleted a room, or locked or unlocked it (sent to its members, never stored).
inline constexpr QLatin1String RoomDeleted("room_deleted");
inline constexpr QLatin1String RoomUpdated("room_updated");
} // namespace FrameType

// A room's name: 1 to Limits::MaxRoomNameLength characters of these (docs/PROTOCOL.md, "Rooms").
bool isValidRoomName(QStringView name);

// The `code` of `error` frames and of the HTTP API's error bodies (docs/PROTOCOL.md, "Error
// codes").
namespace Error {
// Refusals of a connection: one error frame, then the close code in the table below.
inline constexpr QLatin1String InvalidToken("invalid_token");
inline constexpr QLatin1String OriginNotAllowed("origin_not_allowed");
inline constexpr QLatin1String HostNotAllowed("host_not_allowed");
inline constexpr QLatin1String AddressBlocked("address_blocked");
inline constexpr QLatin1String InvalidUsername("invalid_username");
inline constexpr QLatin1String UsernameTaken("username_taken");
inline constexpr QLatin1String Banned("banned");
inline constexpr QLatin1String ServerFull("server_full");
inline constexpr QLatin1String TooManyConnections("too_many_connections");
inline constexpr QLatin1String NameRegistered("name_registered");
inline constexpr QLatin1String InvalidIdentity("invalid_identity");
inline constexpr QLatin1String InternalError("internal_error");
// Answers to one frame; the connection stays open.
inline constexpr QLatin1String InvalidJson("invalid_json");
inline constexpr QLatin1String NotObject("not_object");
inline constexpr QLatin1String MissingType("missing_type");
inline constexpr QLatin1String UnknownType("unknown_type");
inline constexpr QLatin1String InvalidCid("invalid_cid");
inline constexpr QLatin1String UsernameMismatch("username_mismatch");
inline constexpr QLatin1String InvalidText("invalid_text");
inline constexpr QLatin1String EmptyText("empty_text");
inline constexpr QLatin1String TextTooLong("text_too_long");
inline constexpr QLatin1String Muted("muted");
inline constexpr QLatin1String RateLimited("rate_limited");
inline constexpr QLatin1String StorageFailed("storage_failed");
// Conversations: rooms, direct messages (DMs), topics and typing.
inline constexpr QLatin1String InvalidRoom("invalid_room"); // a bad name, or leaving general
inline constexpr QLatin1String UnknownRoom("unknown_room");
inline constexpr QLatin1String NotMember("not_member");
inline constexpr QLatin1String UnknownUser("unknown_user"); // a DM to a name never registered
inline constexpr QLatin1String InvalidTarget("invalid_target"); // both room and to, or a bad to
inline constexpr QLatin1String TopicTooLong("topic_too_long");
inline constexpr QLatin1String RoomLocked("room_locked");
inline constexpr QLatin1String TooManyRooms("too_many_rooms"); // the user's own limit
inline constexpr QLatin1String RoomsFull("rooms_full"); // the server's limit of rooms
inline constexpr QLatin1String IdentityRequired("identity_required"); // DMs need a registered name
// The HTTP API's.
inline constexpr QLatin1String InvalidParameter("invalid_parameter");
inline constexpr QLatin1String MethodNotAllowed("method_not_allowed");
inline constexpr QLatin1String NotFound("not_found");
inline constexpr QLatin1String UpgradeRequired("upgrade_required");
inline constexpr QLatin1String Forbidden("forbidden"); // a DM's history without a session
} // namespace Error

// One row of the error table.
struct ErrorInfo
{
    QLatin1String code;
    // The message was neither stored nor broadcast, and goes again later with the same cid;
    // every other error that names a cid refuses that message for good.
    bool retryable = false;
    quint16 closeCode = 0; // the close that follows the error frame; 0: none
};

inline constexpr ErrorInfo Errors[] = {
    {Error::InvalidToken, false, ClosePolicy},
    {Error::OriginNotAllowed, false, ClosePolicy},
    {Error::HostNotAllowed, false, ClosePolicy},
    {Error::AddressBlocked, false, CloseAddressBlocked},
    {Error::InvalidUsername, false, CloseInvalidUsername},
    {Error::UsernameTaken, false, CloseUsernameTaken},
    {Error::Banned, false, CloseBanned},
    {Error::ServerFull, false, CloseTooManyConnections},
    {Error::TooManyConnections, false, CloseTooManyConnections},
    {Error::NameRegistered, false, CloseNameRegistered},
    {Error::InvalidIdentity, false, CloseNameRegistered},
    {Error::InternalError, false, CloseInternalError},
    {Error::InvalidJson, false, 0},
    {Error::NotObject, false, 0},
    {Error::MissingType, false, 0},
    {Error::UnknownType, false, 0},
    {Error::InvalidCid, false, 0},
    {Error::UsernameMismatch, false, 0},
    {Error::InvalidText, false, 0},
    {Error::EmptyText, false, 0},
    {Error::TextTooLong, false, 0},
    {Error::Muted, false, 0},
    {Error::RateLimited, true, 0},
    {Error::StorageFailed, true, 0},
    {Error::InvalidRoom, false, 0},
    {Error::UnknownRoom, false, 0},
    {Error::NotMember, false, 0},
    {Error::UnknownUser, false, 0},
    {Error::InvalidTarget, false, 0},
    {Error::TopicTooLong, false, 0},
    {Error::RoomLocked, false, 0},
    {Error::TooManyRooms, false, 0},
    {Error::RoomsFull, false, 0},
    {Error::IdentityRequired, false, 0},
    {Error::InvalidParameter, false, 0},
    {Error::MethodNotAllowed, false, 0},
    {Error::NotFound, false, 0},
    {Error::UpgradeRequired, false, 0},
    {Error::Forbidden, false, 0},
};

// The table's row for a code; a default row (not retryable, no close) for unknown codes.
ErrorInfo errorInfo(QStringView code);
inline bool isRetryable(QStringView code)
{
    return errorInfo(code).retryable;
}

// The limits' defaults (docs/PROTOCOL.md, "Limits"); the server's command line and settings may
// change the first four, and the welcome frame tells clients the text and frame limits in force.
namespace Limits {
constexpr int MaxTextLength = 5000; // characters of a chat message
constexpr int MaxFrameBytes = 64 * 1024; // a WebSocket frame or message
constexpr double MessageRate = 2.0; // frames per second per connection (flood control)
constexpr int MessageBurst = 5;
constexpr int MaxCidLength = 64;
constexpr int MaxUsernameLength = 32;
// An identity secret: base64url (or hex) characters; 22 of base64url are 128 bits.
constexpr int MinIdentityLength = 22;
constexpr int MaxIdentityLength = 128;
constexpr int HistoryPageDefault = 100; // GET /api/history without `limit`
constexpr int HistoryPageMax = 500; // the largest `limit`
constexpr int MaxRoomNameLength = 32;
constexpr int MaxTopicLength = 300; // characters of a room's topic
constexpr int MaxRooms = 200; // live rooms on the server, general included
constexpr int MaxRoomsPerUser = 50; // rooms a user is in besides general
// A user's `typing` is relayed at most once per this interval and conversation.
constexpr int TypingIntervalMs = 3000;
} // namespace Limits

} // namespace Protocol
