// Lives in the server thread (ChatServer owns it); a plain object without sockets or timers: the
// clock comes in as nowMs.
//
// Per-connection flood control (docs/PROTOCOL.md, "Limits"): every frame takes a token of the
// connection's bucket (the allowed rate and burst); a frame beyond it is refused (`rate_limited`),
// and a connection that keeps sending at three times the rate for ten seconds is disconnected.
#pragma once

#include "chattypes.h"
#include "tokenbucket.h"

#include <QHash>
#include <QString>

class FloodControl final
{
public:
    enum class Verdict { Allow, Refuse, Disconnect };

    // rate: frames per second (0 or less: no limit); burst: how many may come at once.
    FloodControl(double rate, int burst);

    // A new connection starts with full buckets.
    void start(ClientId id, qint64 nowMs);
    void forget(ClientId id) { m_clients.remove(id); }
    // One frame from the connection. Connections never started are not limited.
    Verdict check(ClientId id, qint64 nowMs);
    // What a refused frame's sender is told.
    QString refusalText() const;

private:
    struct State
    {
        TokenBucket messages; // the allowed rate and burst
        TokenBucket abuse; // three times the rate for ten seconds: beyond it, disconnect
    };

    double m_rate = 0;
    int m_burst = 0;
    QHash<ClientId, State> m_clients;
};
