// Any thread (a catalogue of translated sentences, read through QCoreApplication::translate).
// What the client tells the user, in the user's language: why it is not connected, and what an
// `error` frame's code means (docs/PROTOCOL.md, "Error codes"). The server's own message is
// English; it is shown only for a code this catalogue does not know, and after the client's own
// sentence where it carries what the operator wrote (a ban's or a mute's reason and time) and the
// frame lacks `until` and `reason` (a server older than those members).
#pragma once

#include "chatclient.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QString>

class ClientErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ClientErrorText)

public:
    // The sentence for a problem; detail: what the client knew besides (a kick's reason, the
    // socket's or the server's words); presented: the fingerprint a TLS server presented.
    static QString problem(ChatClient::Problem problem, const QString &detail,
                           const ServerEndpoint &endpoint, const QString &presented);
    // The sentence for an error frame's code; serverMessage only where the code is unknown or
    // the message carries what the operator wrote. sanction: the frame's `until` and `reason`
    // (Protocol::sanctionFromJson), worded instead of the message for `banned` and `muted`.
    static QString errorCode(const QString &code, const QString &serverMessage,
                             const std::optional<Protocol::Sanction> &sanction = std::nullopt);
    // "You are banned from this chat until 18:30. Reason: …" (or "permanently").
    static QString banned(const Protocol::Sanction &ban);
    // "The operator muted you until 18:30: you can read, but not send. Reason: …"
    static QString muted(const Protocol::Sanction &mute);
};
