#include "directdelivery.h"

#include "connectionmanager.h"
#include "historystore.h"
#include "logging.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
constexpr int ReplayPage = 500;
} // namespace

DirectDelivery::DirectDelivery(HistoryStore *reader, ConnectionManager *connections,
                               QObject *parent)
    : QObject(parent), m_reader(reader), m_connections(connections)
{ }

QJsonArray DirectDelivery::partnersJson(const QString &userKey)
{
    QList<DirectPartner> partners;
    QJsonArray list;
    if (!m_reader->directPartners(userKey, &partners))
        return list;
    for (const DirectPartner &partner : std::as_const(partners))
        list.append(
            QJsonObject {{"username"_L1, partner.username}, {"lastId"_L1, partner.newestId}});
    return list;
}

void DirectDelivery::replay(ClientId id, const QString &userKey, qint64 lastCommittedId)
{
    const qint64 stored = m_reader->directDelivered(userKey);
    if (stored < 0)
        return; // logged by the store; the DMs stay undelivered for the next connect
    qint64 after = std::max(stored, m_delivered.value(userKey));
    const qint64 start = after;
    QByteArray frames;
    for (bool more = true; more;) {
        HistoryPage page;
        if (!m_reader->directAfter(userKey, after, ReplayPage, &page))
            break;
        more = page.hasMore;
        for (const ChatEvent &event : std::as_const(page.events)) {
            if (event.id > lastCommittedId) {
                more = false;
                break;
            }
            frames += Protocol::textFrame(Protocol::eventFrame(event));
            after = event.id;
        }
    }
    if (after == start)
        return;
    m_connections->sendFramed(id, frames);
    qCDebug(lcServer) << "delivered direct messages after" << start << "up to" << after;
    advance(userKey, after);
}

void DirectDelivery::noteDelivered(const QList<ChatEvent> &events)
{
    QHash<QString, qint64> newest;
    for (const ChatEvent &event : events) {
        if (!event.isDirect())
            continue;
        for (const QString &name : {event.username, event.to}) {
            const QString key = UsernameRules::comparisonKey(name);
            if (!m_connections->connectionsOf(key).isEmpty())
                newest[key] = std::max(newest.value(key), event.id);
        }
    }
    for (auto it = newest.cbegin(); it != newest.cend(); ++it)
        advance(it.key(), it.value());
}

void DirectDelivery::advance(const QString &userKey, qint64 eventId)
{
    qint64 &delivered = m_delivered[userKey];
    if (eventId <= delivered)
        return;
    delivered = eventId;
    emit deliveredChanged(userKey, eventId);
}

#include "moc_directdelivery.cpp"
