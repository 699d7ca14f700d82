// Any thread (pure functions). The chat events the server makes, as the CommitPipeline takes
// them: stamped, with the author's comparison key (cid de-duplication) and, for a client's
// message, its sender and cid.
#pragma once

#include "chattypes.h"

namespace PendingEvents {

// fromOperator: the host's own chat client joined (join.operator on the wire).
PendingEvent join(const QString &username, const QString &usernameKey, bool fromOperator,
                  qint64 nowMs);
// A leave, or a kick with its reason.
PendingEvent departure(const QString &username, bool kicked, const QString &reason, qint64 nowMs);
PendingEvent message(ClientId sender, const ClientInfo &author, const QString &usernameKey,
                     const QString &text, const QString &cid, qint64 nowMs);
// A room's topic set by a member (its text is the topic).
PendingEvent topic(ClientId sender, const ClientInfo &author, const QString &usernameKey,
                   const QString &room, const QString &topic, const QString &cid, qint64 nowMs);
// The operator's announcement, under the operator's name.
PendingEvent announcement(const QString &operatorName, const QString &text, qint64 nowMs);
// A chat message the operator writes under a name of their choice, marked as the operator's.
PendingEvent operatorMessage(const QString &author, const QString &text, qint64 nowMs);

} // namespace PendingEvents
