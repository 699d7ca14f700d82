#include "historyparameters.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace HistoryParameters {

namespace {

// Reads an optional non-negative integer; false when present and malformed.
bool readCount(const QUrlQuery &query, const QString &name, qint64 *value)
{
    if (!query.hasQueryItem(name))
        return true;
    bool ok = false;
    const qint64 parsed = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || parsed < 0)
        return false;
    *value = parsed;
    return true;
}

} // namespace

Result parse(const QUrlQuery &query, int defaultLimit, int maxLimit)
{
    Result result;
    qint64 limit = defaultLimit;
    if (!readCount(query, u"limit"_s, &limit) || limit < 1 || limit > maxLimit) {
        result.error = u"limit must be an integer from 1 to %1."_s.arg(maxLimit);
        return result;
    }
    if (!readCount(query, u"before"_s, &result.query.beforeId)) {
        result.error = u"before must be a non-negative integer."_s;
        return result;
    }
    if (!readCount(query, u"after"_s, &result.query.afterId)) {
        result.error = u"after must be a non-negative integer."_s;
        return result;
    }
    result.query.limit = int(limit);
    return result;
}

} // namespace HistoryParameters
