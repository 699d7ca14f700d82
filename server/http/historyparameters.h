// The query parameters of GET /api/history (docs/PROTOCOL.md, "HTTP API"): limit, before,
// after, room and with. Pure functions, any thread; kept apart from HttpApi so that they can be
// fuzzed.
#pragma once

#include "historystore.h"

#include <QString>

class QUrlQuery;

namespace HistoryParameters {

struct Result
{
    HistoryQuery query; // the page to read; meaningful only when valid
    // `with`: the other side of a DM, as given (query.withKey and ownKey are the caller's to
    // fill: only a session says who the caller is). Empty: a room's page (query.room).
    QString with;
    QString error; // human-readable reason for a 400; empty when valid
    bool isValid() const { return error.isEmpty(); }
};

// limit: 1 to maxLimit (defaultLimit when absent); before and after: non-negative integers,
// -1 in the query when absent; room: a room's name (general when absent); with: a username, not
// together with room. Anything else is an error.
Result parse(const QUrlQuery &query, int defaultLimit, int maxLimit);

} // namespace HistoryParameters
