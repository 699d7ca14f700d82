// The query parameters of GET /api/history (docs/PROTOCOL.md, "HTTP API"): limit, before and
// after. Pure functions, any thread; kept apart from HttpApi so that they can be fuzzed.
#pragma once

#include "historystore.h"

#include <QString>

class QUrlQuery;

namespace HistoryParameters {

struct Result
{
    HistoryQuery query; // the page to read; meaningful only when valid
    QString error; // human-readable reason for a 400; empty when valid
    bool isValid() const { return error.isEmpty(); }
};

// limit: 1 to maxLimit (defaultLimit when absent); before and after: non-negative integers,
// -1 in the query when absent. Anything else is an error.
Result parse(const QUrlQuery &query, int defaultLimit, int maxLimit);

} // namespace HistoryParameters
