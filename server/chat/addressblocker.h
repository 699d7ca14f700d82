// Lives in the server thread. Wrong tokens per address within a window, and the addresses that
// are blocked for a while after too many (docs/PROTOCOL.md, "Limits"). One window for every way
// a token is presented: the WebSocket admission and the HTTP API count into the same one.
#pragma once

#include <QHash>
#include <QList>
#include <QString>

class AddressBlocker final
{
public:
    // Beyond this many addresses with recent failures, expired ones are pruned.
    static constexpr int PruneThreshold = 4096;

    // limit 0 turns blocking off.
    AddressBlocker(int limit = 10, int windowSeconds = 120, int blockSeconds = 300);

    // Until when the address is blocked (milliseconds since the epoch), 0 when it is not.
    qint64 blockedUntil(const QString &address, qint64 nowMs);
    // Counts a wrong token; returns the end of the block this failure started, or 0.
    qint64 noteFailure(const QString &address, qint64 nowMs);

    int limit() const { return m_limit; }
    int windowSeconds() const { return m_windowSeconds; }

private:
    void prune(qint64 nowMs);

    int m_limit;
    int m_windowSeconds;
    int m_blockSeconds;
    QHash<QString, QList<qint64>> m_failures; // by address: times of recent wrong tokens
    QHash<QString, qint64> m_blockedUntil; // by address
};
