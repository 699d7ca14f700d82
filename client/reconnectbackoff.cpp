#include "reconnectbackoff.h"

#include <QRandomGenerator>

void ReconnectBackoff::setDelays(int initialMs, int maxMs)
{
    m_initialMs = qMax(1, initialMs);
    m_maxMs = qMax(m_initialMs, maxMs);
}

qint64 ReconnectBackoff::capFor(int attempt) const
{
    const int shift = qBound(0, attempt, 20);
    return qMin<qint64>(m_maxMs, qint64(m_initialMs) << shift);
}

qint64 ReconnectBackoff::next()
{
    const qint64 delay = QRandomGenerator::global()->bounded(capFor(m_attempt) + 1);
    ++m_attempt;
    return delay;
}
