// Any thread (a value type). How long a client waits before it tries again: exponential backoff
// with full jitter, so that the clients of a restarted server do not all come back at once.
#pragma once

#include <QtGlobal>

class ReconnectBackoff final
{
public:
    void setDelays(int initialMs, int maxMs);
    int initialMs() const { return m_initialMs; }
    int maxMs() const { return m_maxMs; }

    // The longest wait before the given attempt (0-based): initialMs doubled per attempt, at
    // most maxMs.
    qint64 capFor(int attempt) const;
    // A wait for the next attempt, anywhere from 0 to its cap; counts the attempt.
    qint64 next();
    int attempt() const { return m_attempt; }
    // A connection got far enough: the next wait starts small again.
    void reset() { m_attempt = 0; }

private:
    int m_initialMs = 500;
    int m_maxMs = 20000;
    int m_attempt = 0;
};
