#include "floodcontrol.h"

using namespace Qt::StringLiterals;

FloodControl::FloodControl(double rate, int burst) : m_rate(rate), m_burst(burst) { }

void FloodControl::start(ClientId id, qint64 nowMs)
{
    m_clients.insert(id, State {TokenBucket(m_rate, m_burst, nowMs),
                                TokenBucket(3 * m_rate, 30 * m_rate + m_burst, nowMs)});
}

FloodControl::Verdict FloodControl::check(ClientId id, qint64 nowMs)
{
    const auto it = m_clients.find(id);
    if (it == m_clients.end() || it->messages.isUnlimited())
        return Verdict::Allow;
    if (!it->abuse.take(nowMs))
        return Verdict::Disconnect;
    return it->messages.take(nowMs) ? Verdict::Allow : Verdict::Refuse;
}

QString FloodControl::refusalText() const
{
    return u"You are sending too fast (at most %1 messages per second); this message was not "
           u"sent."_s.arg(m_rate);
}
