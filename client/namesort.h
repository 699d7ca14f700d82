// Any thread (an inline function). The order in which people are listed wherever the app lists
// them (online list, a room's members, who is typing): by name, ignoring case.
#pragma once

#include <QStringList>

#include <algorithm>

inline void sortNames(QStringList *names)
{
    std::sort(names->begin(), names->end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
}
