// Any thread (process-wide). The process's limit on open descriptors (RLIMIT_NOFILE): raised once
// to the hard limit, and how many connections fit under it with room left for the database, the
// event loop and the GUI. Nothing in LanChat uses select(), which is what the low default soft
// limit of 1,024 protects.
#pragma once

#include <QtGlobal>

namespace DescriptorLimit {

struct Raise
{
    qint64 before = 0; // the soft limit found
    qint64 now = 0; // the soft limit in force
    qint64 hard = 0;
};

// Raises the soft limit to the hard limit (the first call does; later ones report the same).
Raise raiseToHardLimit();

// Connections that fit under a soft limit: a quarter of it, between 48 and 128 descriptors, is
// kept for everything else the process opens.
int connectionBudget(qint64 softLimit);

// The smallest soft limit whose budget holds that many connections.
qint64 limitFor(int connections);

} // namespace DescriptorLimit
