#include "sessions.h"

#include "accesstoken.h"

QString Sessions::open(ClientId id, const Holder &holder)
{
    const QString session = AccessToken::generate(RandomBytes);
    const QByteArray hash = AccessToken::digest(session);
    m_byHash.insert(hash, Entry {holder, 0});
    m_hashByClient.insert(id, hash);
    return session;
}

void Sessions::close(ClientId id, qint64 nowMs)
{
    dropExpired(nowMs);
    const QByteArray hash = m_hashByClient.take(id);
    const auto it = m_byHash.find(hash);
    if (it == m_byHash.end())
        return;
    it->expiresMs = nowMs + m_graceMs;
    m_closed.emplace_back(it->expiresMs, hash);
}

std::optional<Sessions::Holder> Sessions::find(const QString &session, qint64 nowMs) const
{
    if (session.isEmpty())
        return std::nullopt;
    const auto it = m_byHash.constFind(AccessToken::digest(session));
    if (it == m_byHash.cend() || (it->expiresMs != 0 && it->expiresMs <= nowMs))
        return std::nullopt;
    return it->holder;
}

// Each close forgets the sessions whose grace period is over: the oldest closed ones.
void Sessions::dropExpired(qint64 nowMs)
{
    while (!m_closed.empty() && m_closed.front().first <= nowMs) {
        m_byHash.remove(m_closed.front().second);
        m_closed.pop_front();
    }
}
