// Protocol v1 (docs/PROTOCOL.md): JSON <-> values. Pure functions, any thread.
#pragma once

#include "chattypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <utility>

namespace Protocol {

constexpr int Version = 1;
constexpr int MaxCidLength = 64;

// Close codes beyond RFC 6455's (docs/PROTOCOL.md, "Close codes").
enum CloseCode : quint16 {
    CloseKicked = 4000,
    CloseInvalidUsername = 4001,
    CloseUsernameTaken = 4002,
    CloseBanned = 4003,
    CloseTooSlow = 4004,
    CloseTooManyConnections = 4005,
    CloseAddressBlocked = 4006,
    CloseKeepAliveTimeout = 4007,
    CloseFlooding = 4008,
};

// A client frame that passed validation.
struct ClientMessage
{
    QString text;
    QString cid;
};

// Result of parsing one client frame: either a message, or an error code with a readable text.
struct ParsedFrame
{
    ClientMessage message;
    QString errorCode; // empty when the frame is valid
    QString errorMessage;
    QString cid; // the frame's cid when readable, also for errors
    bool isValid() const { return errorCode.isEmpty(); }
};

// Validates a client text frame; usernameKey is the authenticated user's comparison key.
ParsedFrame parseClientFrame(const QString &frame, const QString &usernameKey, int maxTextLength);

QString timestampText(qint64 msecsSinceEpoch);
QJsonObject eventToJson(const ChatEvent &event);

QByteArray eventFrame(const ChatEvent &event, const QString &cid = {}, bool duplicate = false);
// The frame everyone gets and the sender's acknowledgement (the same with its cid), from one
// JSON object: what eventFrame(event) and eventFrame(event, cid) give, for half the work.
std::pair<QByteArray, QByteArray> eventFrameAndAck(const ChatEvent &event, const QString &cid);
QByteArray welcomeFrame(const QString &username, const QStringList &users, qint64 lastId,
                        int maxTextLength, int maxFrameBytes);
// The same with `users` already serialised as a JSON array (ConnectionManager::usersJson).
QByteArray welcomeFrame(const QString &username, const QByteArray &usersJson, qint64 lastId,
                        int maxTextLength, int maxFrameBytes);
// A string as a JSON string literal, quotes included, escaped by Qt's JSON writer.
QByteArray jsonString(const QString &text);
QByteArray errorFrame(const QString &code, const QString &message, const QString &cid = {});
QByteArray kickedFrame(const QString &reason);

// An RFC 6455 server-to-client text frame (FIN, no mask) around a frame's UTF-8 bytes. Qt 6.4
// negotiates no extensions, so the same bytes are valid for every client: a fan-out frames once.
QByteArray textFrame(const QByteArray &payload);

} // namespace Protocol
