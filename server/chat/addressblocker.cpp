#include "addressblocker.h"

AddressBlocker::AddressBlocker(int limit, int windowSeconds, int blockSeconds)
    : m_limit(limit), m_windowSeconds(windowSeconds), m_blockSeconds(blockSeconds)
{ }

qint64 AddressBlocker::blockedUntil(const QString &address, qint64 nowMs)
{
    const auto it = m_blockedUntil.find(address);
    if (it == m_blockedUntil.end())
        return 0;
    if (it.value() > nowMs)
        return it.value();
    m_blockedUntil.erase(it);
    return 0;
}

qint64 AddressBlocker::noteFailure(const QString &address, qint64 nowMs)
{
    if (m_limit <= 0)
        return 0;
    const qint64 window = qint64(m_windowSeconds) * 1000;
    QList<qint64> &failures = m_failures[address];
    failures.removeIf([&](qint64 time) { return nowMs - time > window; });
    failures.append(nowMs);
    if (failures.size() < m_limit) {
        if (m_failures.size() > PruneThreshold)
            prune(nowMs);
        return 0;
    }
    m_failures.remove(address);
    const qint64 until = nowMs + qint64(m_blockSeconds) * 1000;
    m_blockedUntil.insert(address, until);
    return until;
}

// Many addresses (IPv6 gives a peer plenty) must not make the tables grow for ever.
void AddressBlocker::prune(qint64 nowMs)
{
    const qint64 window = qint64(m_windowSeconds) * 1000;
    m_failures.removeIf(
        [&](const auto &entry) { return nowMs - entry.value().constLast() > window; });
    m_blockedUntil.removeIf([&](const auto &entry) { return entry.value() <= nowMs; });
}
