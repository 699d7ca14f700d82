#include "descriptorlimit.h"

#include <algorithm>
#include <limits>
#include <mutex>

#include <sys/resource.h>

namespace DescriptorLimit {

Raise raiseToHardLimit()
{
    static std::once_flag once;
    static Raise result;
    std::call_once(once, [] {
        rlimit limit {};
        if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
            return;
        const auto value = [](rlim_t v) {
            return v == RLIM_INFINITY ? std::numeric_limits<int>::max() : qint64(v);
        };
        result.before = value(limit.rlim_cur);
        result.hard = value(limit.rlim_max);
        if (limit.rlim_cur != limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
                (void)::getrlimit(RLIMIT_NOFILE, &limit);
        }
        result.now = value(limit.rlim_cur);
    });
    return result;
}

int connectionBudget(qint64 softLimit)
{
    const qint64 reserved = std::clamp<qint64>(softLimit / 4, 48, 128);
    const qint64 budget = std::max(softLimit - reserved, softLimit / 4);
    return int(std::clamp<qint64>(budget, 1, std::numeric_limits<int>::max()));
}

qint64 limitFor(int connections)
{
    // The budget grows by one per descriptor beyond 512 (where the reserve stays at 128), and
    // never by less than one in four below: a short walk from the lower bound.
    qint64 limit = connections;
    while (connectionBudget(limit) < connections)
        ++limit;
    return limit;
}

} // namespace DescriptorLimit
