// Any thread (pure functions). What a chat client sends (docs/PROTOCOL.md, "Client to server"):
// the validation of its text frames, as the server reads them.
#pragma once

#include "protocolconstants.h"

#include <QString>

namespace Protocol {

// A client frame that passed validation.
struct ClientMessage
{
    QString text;
    QString cid;
};

// What a valid client frame asks for (docs/PROTOCOL.md, "Client to server").
enum class Request : quint8 { Message, JoinRoom, LeaveRoom, Topic, Typing };

// Result of parsing one client frame: a request, or an error code with a readable text.
struct ParsedFrame
{
    Request request = Request::Message;
    ClientMessage message; // a message's text and cid
    // The conversation: a room's name (general when a message or typing names neither room nor
    // to), or a DM's addressee as the client wrote it (room then empty).
    QString room;
    QString to;
    QString topic; // a topic request's new topic (may be empty: no topic)
    QString errorCode; // empty when the frame is valid
    QString errorMessage;
    QString cid; // the frame's cid when readable, also for errors
    bool isValid() const { return errorCode.isEmpty(); }
};

// Validates a client text frame; usernameKey is the authenticated user's comparison key. A frame
// without `type` that names a `username` is the seed's shape ({"username": …, "text": …}): a
// message, under the same rules.
ParsedFrame parseClientFrame(const QString &frame, const QString &usernameKey, int maxTextLength);

} // namespace Protocol
