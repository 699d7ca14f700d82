// Any thread (pure functions). Protocol v1 (docs/PROTOCOL.md): frames and history JSON <->
// values, for both ends: what the server reads from clients and builds for them, and what the
// client reads from the server and builds for it.
#pragma once

#include "chatevent.h"
#include "clientframe.h"
#include "protocolconstants.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Protocol {

QString timestampText(qint64 msecsSinceEpoch);
QJsonObject eventToJson(const ChatEvent &event);

QByteArray eventFrame(const ChatEvent &event, const QString &cid = {}, bool duplicate = false);
// The frame everyone gets and the sender's acknowledgement (the same with its cid), from one
// JSON object: what eventFrame(event) and eventFrame(event, cid) give, for half the work.
std::pair<QByteArray, QByteArray> eventFrameAndAck(const ChatEvent &event, const QString &cid);
// operators: the operators online (docs/PROTOCOL.md, "Operator"), always sent, maybe empty.
// session: this connection's HTTP credential (left out when empty); registered: the name belongs
// to the identity the client presented.
QByteArray welcomeFrame(const QString &username, const QStringList &users, qint64 lastId,
                        int maxTextLength, int maxFrameBytes, const QStringList &operators = {},
                        const QString &session = {}, bool registered = false);
// The same with `users` already serialised as a JSON array (ConnectionManager::usersJson).
QByteArray welcomeFrame(const QString &username, const QByteArray &usersJson, qint64 lastId,
                        int maxTextLength, int maxFrameBytes, const QStringList &operators = {},
                        const QString &session = {}, bool registered = false);
// One conversation of the welcome's `rooms` (members left out when empty: general's) and the
// `room_joined` frame.
struct RoomState
{
    QString room;
    QString topic;
    bool locked = false;
    qint64 lastId = 0;
    QStringList members;
};
QJsonObject roomToJson(const RoomState &room);
QByteArray roomJoinedFrame(const RoomState &room);
// The operator's changes of a room, to its members: {"type":"room_deleted","room"} and
// {"type":"room_updated","room","locked"}.
QByteArray roomDeletedFrame(const QString &room);
QByteArray roomUpdatedFrame(const QString &room, bool locked);
// The welcome of protocol 2 with the user's rooms (general first) and DM partners
// ({"username", "lastId"} each): welcomeFrame's frame with `rooms` and `directs` added.
QByteArray withConversations(const QByteArray &welcome, const QJsonArray &rooms,
                             const QJsonArray &directs);
// `typing` as relayed: room, or for a DM `to` (the addressee), and the typist's username.
QByteArray typingFrame(const QString &room, const QString &to, const QString &username);
// A string as a JSON string literal, quotes included, escaped by Qt's JSON writer.
QByteArray jsonString(const QString &text);
QByteArray errorFrame(const QString &code, const QString &message, const QString &cid = {});
QByteArray kickedFrame(const QString &reason);

// What a `banned` or `muted` error frame says besides its code (docs/PROTOCOL.md, "Error
// codes"): until when and why, for the client to word in its user's language.
struct Sanction
{
    qint64 untilMs = 0; // UTC milliseconds since the epoch; 0: for good (bans only: mutes end)
    QString reason; // as the operator typed it; may be empty
    bool isPermanent() const { return untilMs <= 0; }
};
// A `banned` or `muted` error frame: `message` (English, for clients that do not read the rest),
// `until` (absent when permanent) and `reason` (always).
QByteArray errorFrame(const QString &code, const QString &message, const Sanction &sanction,
                      const QString &cid = {});
// The frame that tells a muted client that it may send again (the mute was lifted or ran out).
QByteArray unmutedFrame();

// The client's side. A chat message frame with its client id (to general, as version 1 sent it).
QByteArray messageFrame(const QString &text, const QString &cid);
// The same to a room (general's frame names none) or, when `to` is given, to a user.
QByteArray messageFrame(const QString &text, const QString &cid, const QString &room,
                        const QString &to);
// `join_room` or `leave_room` (FrameType::JoinRoom, LeaveRoom) for the room.
QByteArray roomRequestFrame(QLatin1String type, const QString &room);
QByteArray topicRequestFrame(const QString &room, const QString &topic);
// `typing` in the room or, when `to` is given, in the DM conversation with that user.
QByteArray typingRequestFrame(const QString &room, const QString &to);
// An event frame or one object of a history page's `events`; false when it is not a chat event
// (no known type, or no positive id). cid, when given, receives the acknowledgement's cid.
// A timestamp that cannot be read becomes the current time.
bool eventFromJson(const QJsonObject &object, ChatEvent *event, QString *cid = nullptr);
// The `until` and `reason` of a `banned` or `muted` error frame; nullopt when it has none (a
// server older than these members) or they cannot be read.
std::optional<Sanction> sanctionFromJson(const QJsonObject &errorFrame);

// An RFC 6455 server-to-client text frame (FIN, no mask) around a frame's UTF-8 bytes. Qt 6.4
// negotiates no extensions, so the same bytes are valid for every client: a fan-out frames once.
QByteArray textFrame(const QByteArray &payload);

} // namespace Protocol
