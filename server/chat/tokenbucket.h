// Token bucket for per-client flood control. Plain value type; used in the server thread.
#pragma once

#include <QtGlobal>

class TokenBucket final
{
public:
    TokenBucket() = default;
    // rate: tokens per second (0 or less: unlimited); burst: how many may be taken at once.
    TokenBucket(double rate, double burst, qint64 nowMs);

    // Takes one token if there is one.
    bool take(qint64 nowMs);
    bool isUnlimited() const { return m_rate <= 0; }

private:
    double m_rate = 0;
    double m_burst = 0;
    double m_tokens = 0;
    qint64 m_lastMs = 0;
};
