#include "timelinesync.h"

#include "certificatepins.h"
#include "usernamerules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

using namespace Qt::StringLiterals;

TimelineSync::TimelineSync(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{ }

bool TimelineSync::isOwn(const QString &username) const
{
    return UsernameRules::comparisonKey(username.trimmed()) == m_ownKey;
}

void TimelineSync::prepare()
{
    m_syncing = true;
    m_historyDone = false;
    m_syncBuffer.clear();
    m_expectedAnswers.clear();
}

void TimelineSync::start(qint64 lastId)
{
    m_historyEnd = lastId;
    if (m_newestId > lastId)
        reset(); // not the history we saw: another server, or its database was replaced
    if (m_newestId == 0) {
        if (lastId == 0) {
            m_hasOlder = false;
            m_historyDone = true;
        } else {
            // The newest page up to the welcome; everything later arrives live.
            requestHistory(u"limit=%1&before=%2"_s.arg(m_pageSize).arg(lastId + 1), false);
        }
    } else {
        requestHistory(u"limit=%1&after=%2"_s.arg(CatchUpPageSize).arg(m_newestId), true);
    }
    maybeFinish();
}

void TimelineSync::stop()
{
    ++m_generation;
    if (m_syncReply)
        m_syncReply->abort();
    if (m_olderReply)
        m_olderReply->abort();
    m_syncing = false;
    m_syncBuffer.clear();
    m_expectedAnswers.clear();
}

void TimelineSync::expectAnswer(const QString &cid)
{
    if (m_syncing)
        m_expectedAnswers.insert(cid); // the timeline waits for its answer
}

void TimelineSync::answered(const QString &cid)
{
    m_expectedAnswers.remove(cid);
}

void TimelineSync::buffer(const ChatEntry &entry)
{
    if (!m_syncBuffer.contains(entry.id) || !entry.cid.isEmpty())
        m_syncBuffer.insert(entry.id, entry);
}

void TimelineSync::maybeFinish()
{
    if (!m_syncing || !m_historyDone || !m_expectedAnswers.isEmpty())
        return;
    m_syncing = false;
    const QList<ChatEntry> entries = std::exchange(m_syncBuffer, {}).values();
    deliver(entries);
    emit finished();
}

void TimelineSync::reset()
{
    m_oldestId = 0;
    m_newestId = 0;
    m_hasOlder = false;
    emit timelineReset();
}

void TimelineSync::loadOlder()
{
    if (m_syncing || !m_hasOlder || m_olderReply || m_oldestId <= 0)
        return;
    QNetworkReply *reply = getHistory(u"limit=%1&before=%2"_s.arg(m_pageSize).arg(m_oldestId));
    m_olderReply = reply;
    const int generation = m_generation;
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        reply->deleteLater();
        if (m_olderReply == reply)
            m_olderReply = nullptr;
        if (generation != m_generation)
            return;
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError || !body.value("events"_L1).isArray()) {
            emit olderLoadFailed(reply->errorString());
            return;
        }
        QList<ChatEntry> entries;
        const QJsonArray events = body.value("events"_L1).toArray();
        for (const QJsonValue &value : events) {
            ChatEntry entry;
            if (ClientProtocol::entryFromJson(value.toObject(), &entry, m_ownKey)
                && entry.conversation == m_conversation && entry.id < m_oldestId) {
                entry.cid.clear();
                entries.append(entry);
            }
        }
        std::sort(entries.begin(), entries.end(),
                  [](const ChatEntry &a, const ChatEntry &b) { return a.id < b.id; });
        entries.erase(
            std::unique(entries.begin(), entries.end(),
                        [](const ChatEntry &a, const ChatEntry &b) { return a.id == b.id; }),
            entries.end());
        m_hasOlder = body.value("hasMore"_L1).toBool() && !entries.isEmpty();
        if (!entries.isEmpty())
            m_oldestId = entries.first().id;
        emit olderEntriesLoaded(entries, m_hasOlder);
    });
}

QNetworkReply *TimelineSync::getHistory(const QString &query)
{
    QUrl url;
    url.setScheme(m_endpoint.tls ? u"https"_s : u"http"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    url.setPath(u"/api/history"_s);
    url.setQuery(m_conversation.historyQuery() + u'&' + query);
    QNetworkRequest request(url);
    const QString credential = m_conversation.isDirect() ? m_session : m_endpoint.token;
    request.setRawHeader("Authorization", "Bearer " + credential.toUtf8());
    request.setTransferTimeout(m_requestTimeoutMs);
    if (m_endpoint.tls)
        request.setSslConfiguration(CertificatePins::clientConfiguration());
    QNetworkReply *reply = m_network->get(request);
    if (m_endpoint.tls) {
        // The same pin as the WebSocket; the Authorization header goes out only after it held.
        connect(reply, &QNetworkReply::sslErrors, this,
                [reply, pinned = m_endpoint.fingerprint](const QList<QSslError> &errors) {
                    if (CertificatePins::check(errors, reply->sslConfiguration().peerCertificate(),
                                               pinned)
                        == CertificatePins::Verdict::Accept)
                        reply->ignoreSslErrors(errors);
                });
    }
    return reply;
}

void TimelineSync::requestHistory(const QString &query, bool catchUp)
{
    QNetworkReply *reply = getHistory(query);
    m_syncReply = reply;
    const int generation = m_generation;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, generation, catchUp] { onHistoryReply(reply, generation, catchUp); });
}

void TimelineSync::onHistoryReply(QNetworkReply *reply, int generation, bool catchUp)
{
    reply->deleteLater();
    if (m_syncReply == reply)
        m_syncReply = nullptr;
    if (generation != m_generation || !m_syncing)
        return;
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    if (reply->error() != QNetworkReply::NoError || !body.value("events"_L1).isArray()) {
        emit historyFailed(
            reply->error() != QNetworkReply::NoError
                ? reply->errorString()
                : QCoreApplication::translate("ChatClient", "The answer is not a history page."));
        return;
    }
    qint64 lastInPage = 0;
    const QJsonArray events = body.value("events"_L1).toArray();
    for (const QJsonValue &value : events) {
        ChatEntry entry;
        if (!ClientProtocol::entryFromJson(value.toObject(), &entry, m_ownKey)
            || entry.conversation != m_conversation)
            continue;
        entry.cid.clear();
        lastInPage = qMax(lastInPage, entry.id);
        if (!m_syncBuffer.contains(entry.id))
            m_syncBuffer.insert(entry.id, entry);
    }
    const bool hasMore = body.value("hasMore"_L1).toBool();
    if (catchUp && hasMore && lastInPage > 0) {
        requestHistory(u"limit=%1&after=%2"_s.arg(CatchUpPageSize).arg(lastInPage), true);
        return;
    }
    if (!catchUp)
        m_hasOlder = hasMore;
    m_historyDone = true;
    maybeFinish();
}

void TimelineSync::deliver(QList<ChatEntry> entries)
{
    entries.removeIf([this](const ChatEntry &entry) { return entry.id <= m_newestId; });
    if (entries.isEmpty())
        return;
    if (m_oldestId == 0)
        m_oldestId = entries.first().id;
    m_newestId = entries.last().id;
    emit entriesAppended(entries);
}

#include "moc_timelinesync.cpp"
