// Lives in the thread of its owner (the ChatClient's). One conversation's timeline (a room's, or a
// DM conversation's) and how it is kept whole through the HTTP history API (docs/PROTOCOL.md, "HTTP
// API"): the initial page after the first welcome, the catch-up after a reconnect, older pages on
// request. While a connection syncs, live events and history pages are collected and handed out
// together, so the timeline has no gaps and no duplicates: entriesAppended() only ever carries ids
// above everything handed out before, olderEntriesLoaded() only ids below.
#pragma once

#include "clienttypes.h"
#include "protocolconstants.h"

#include <QMap>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSet>

class QNetworkAccessManager;

class TimelineSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineSync)

public:
    static constexpr int CatchUpPageSize = Protocol::Limits::HistoryPageMax;

    explicit TimelineSync(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Where history comes from (host, port, token, TLS and its pin).
    void setEndpoint(const ServerEndpoint &endpoint) { m_endpoint = endpoint; }
    // Whose timeline this is (default general); pages of others are not read.
    void setConversation(const ConversationId &conversation) { m_conversation = conversation; }
    ConversationId conversation() const { return m_conversation; }
    // The connection's session (the welcome's): a DM's history is asked for with it, as only
    // a session says who asks.
    void setSession(const QString &session) { m_session = session; }
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    void setPageSize(int size) { m_pageSize = size; }
    // The comparison key of the user's name: entries by it are marked `own`.
    void setOwnKey(const QString &key) { m_ownKey = key; }
    bool isOwn(const QString &username) const;
    QString ownKey() const { return m_ownKey; }

    // A connection was welcomed: from here on live events are collected (buffer()) until the
    // history is complete. Then start() with the welcome's lastId asks for it.
    void prepare();
    void start(qint64 lastId);
    // The lastId of the last start(): what is newer arrived while (or after) it synced.
    qint64 historyEnd() const { return m_historyEnd; }
    // The connection is gone: replies still on the way are dropped.
    void stop();
    bool isSyncing() const { return m_syncing; }

    // A re-sent message the handing out waits for (its acknowledgement or its refusal).
    void expectAnswer(const QString &cid);
    void answered(const QString &cid);
    // A live event while syncing.
    void buffer(const ChatEntry &entry);
    // A live event otherwise: handed out at once unless older than what was handed out.
    void deliverLive(const ChatEntry &entry) { deliver({entry}); }
    // Hands the collected timeline out when the history and every expected answer are in.
    void maybeFinish();

    // Fetches the page before oldestId(); olderEntriesLoaded() or olderLoadFailed() follows.
    void loadOlder();
    bool hasOlder() const { return m_hasOlder; }
    bool isLoadingOlder() const { return m_olderReply != nullptr; }
    qint64 oldestId() const { return m_oldestId; }
    qint64 newestId() const { return m_newestId; }
    bool isEmpty() const { return m_oldestId == 0 && m_newestId == 0; }
    // Forgets the timeline (timelineReset()).
    void reset();

signals:
    void entriesAppended(const QList<ChatEntry> &entries);
    void olderEntriesLoaded(const QList<ChatEntry> &entries, bool hasMore);
    void olderLoadFailed(const QString &error);
    void timelineReset();
    // The initial page or the catch-up is handed out.
    void finished();
    void historyFailed(const QString &detail);

private:
    QNetworkReply *getHistory(const QString &query);
    void requestHistory(const QString &query, bool catchUp);
    void onHistoryReply(QNetworkReply *reply, int generation, bool catchUp);
    void deliver(QList<ChatEntry> entries);

    QNetworkAccessManager *m_network;
    ServerEndpoint m_endpoint;
    ConversationId m_conversation;
    QString m_session;
    QString m_ownKey;
    int m_requestTimeoutMs = 10000;
    int m_pageSize = Protocol::Limits::HistoryPageDefault;
    int m_generation = 0; // bumped per connection: replies of older ones are dropped

    // The timeline handed out so far is the contiguous id range [m_oldestId, m_newestId].
    qint64 m_oldestId = 0;
    qint64 m_newestId = 0;
    qint64 m_historyEnd = 0;
    bool m_hasOlder = false;
    QPointer<QNetworkReply> m_olderReply;
    QPointer<QNetworkReply> m_syncReply;

    bool m_syncing = false;
    bool m_historyDone = false;
    QMap<qint64, ChatEntry> m_syncBuffer;
    QSet<QString> m_expectedAnswers; // re-sent on this connection, not yet answered
};
