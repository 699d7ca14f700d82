#include "historyparameters.h"

#include "protocolconstants.h"

#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HistoryParameters {

namespace {

// Reads an optional non-negative integer; false when present and malformed. Only ASCII digits:
// toLongLong() alone would also take "+5", " 3 " and "-0".
bool readCount(const QUrlQuery &query, const QString &name, qint64 *value)
{
    if (!query.hasQueryItem(name))
        return true;
    const QString text = query.queryItemValue(name);
    if (text.isEmpty() || text.size() > 19
        || !std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return false;
    bool ok = false;
    const qint64 parsed = text.toLongLong(&ok);
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
    if (query.hasQueryItem(u"room"_s) && query.hasQueryItem(u"with"_s)) {
        result.error = u"room and with cannot be combined."_s;
        return result;
    }
    if (query.hasQueryItem(u"room"_s)) {
        const QString room = query.queryItemValue(u"room"_s, QUrl::FullyDecoded);
        if (!Protocol::isValidRoomName(room)) {
            result.error
                = u"room must be a room's name: 1 to %1 characters a-z, 0-9, - and _."_s.arg(
                    Protocol::Limits::MaxRoomNameLength);
            return result;
        }
        result.query.room = room;
    }
    if (query.hasQueryItem(u"with"_s)) {
        result.with = query.queryItemValue(u"with"_s, QUrl::FullyDecoded).trimmed();
        if (result.with.isEmpty() || result.with.size() > Protocol::Limits::MaxUsernameLength
            || !result.with.isValidUtf16()) {
            result.error = u"with must be a username of 1 to %1 characters."_s.arg(
                Protocol::Limits::MaxUsernameLength);
            return result;
        }
    }
    return result;
}

} // namespace HistoryParameters
