// Fuzzes the query parameters of GET /api/history (limit, before, after, room, with).
#include "fuzzcheck.h"
#include "historyparameters.h"
#include "protocolconstants.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr int DefaultLimit = 100;
constexpr int MaxLimit = 500;

void checkQuery(const QUrlQuery &query)
{
    const HistoryParameters::Result result
        = HistoryParameters::parse(query, DefaultLimit, MaxLimit);
    if (result.isValid()) {
        FUZZ_CHECK(result.query.limit >= 1 && result.query.limit <= MaxLimit);
        FUZZ_CHECK(result.query.beforeId >= -1);
        FUZZ_CHECK(result.query.afterId >= -1);
        FUZZ_CHECK(query.hasQueryItem(u"limit"_s) || result.query.limit == DefaultLimit);
        FUZZ_CHECK(query.hasQueryItem(u"before"_s) || result.query.beforeId == -1);
        FUZZ_CHECK(query.hasQueryItem(u"after"_s) || result.query.afterId == -1);
        FUZZ_CHECK(Protocol::isValidRoomName(result.query.room));
        FUZZ_CHECK(result.with.isEmpty() || !query.hasQueryItem(u"room"_s));
        FUZZ_CHECK(result.with.size() <= Protocol::Limits::MaxUsernameLength);
        FUZZ_CHECK(result.with.isValidUtf16());
        for (const QString &name : {u"limit"_s, u"before"_s, u"after"_s}) {
            if (!query.hasQueryItem(name))
                continue;
            const QString value = query.queryItemValue(name);
            FUZZ_CHECK(!value.isEmpty());
            for (const QChar c : value)
                FUZZ_CHECK(c >= u'0' && c <= u'9');
        }
    } else {
        FUZZ_CHECK(!query.isEmpty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = Fuzz::decode(data, size);
    // As QHttpServerRequest::query() builds it from the request target, and from raw text.
    checkQuery(QUrlQuery(QUrl(u"/api/history?"_s + text)));
    checkQuery(QUrlQuery(text));
    return 0;
}
