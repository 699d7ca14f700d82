// Lives in the thread of its owner (the ChatClient's). The conversations of one chat client
// (docs/PROTOCOL.md, "Rooms and direct messages"): general, the other rooms the user is in, and
// the DM conversations, each with what is known of it (topic, lock, members) and its own
// TimelineSync, so that every conversation's timeline is whole on its own: its initial page and
// its catch-up after a reconnect (`after=` its newest id), its older pages. Live events are
// routed to their conversation's timeline; a DM from someone new opens a conversation.
#pragma once

#include "clienttypes.h"
#include "conversationid.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

class QNetworkAccessManager;
class TimelineSync;

// What the client knows of one conversation.
struct ConversationInfo
{
    ConversationId id;
    QString topic;
    bool locked = false;
    QStringList members; // a room's but general's (everyone online is in general), by name
};
Q_DECLARE_METATYPE(ConversationInfo)

class ConversationSet final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationSet)

public:
    explicit ConversationSet(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ConversationSet() override;

    void setEndpoint(const ServerEndpoint &endpoint);
    void setRequestTimeout(int ms);
    void setPageSize(int size);
    void setOwnKey(const QString &key);
    void setSession(const QString &session);

    // Rooms first (general first, the others by name), then DMs by name.
    QList<ConversationInfo> conversations() const;
    bool contains(const ConversationId &id) const { return m_entries.contains(id.key()); }
    ConversationInfo info(const ConversationId &id) const;
    // The conversation's timeline; null when there is no such conversation.
    TimelineSync *timeline(const ConversationId &id) const;
    bool hasOlder(const ConversationId &id) const;
    bool isLoadingOlder(const ConversationId &id) const;
    qint64 oldestId(const ConversationId &id) const;
    qint64 newestId(const ConversationId &id) const;
    qint64 historyEnd(const ConversationId &id) const;

    // The frames about conversations that are no events: room_joined, room_deleted,
    // room_updated, typing. False for any other type.
    bool handleFrame(const QString &type, const QJsonObject &frame);

    // A connection was welcomed: the welcome's rooms and DM partners become the conversations
    // (rooms the user is no longer in go, DM conversations stay), and from here on each collects
    // live events until start() has its history in (TimelineSync::prepare()).
    void welcome(const QJsonObject &frame);
    // Each conversation asks for its history up to its `lastId` in the welcome (without `rooms`,
    // a server before rooms, general up to the welcome's `lastId`).
    void start();
    // The connection is gone: replies still on the way are dropped.
    void stop();
    // Since the last welcome, some conversation has not handed out its history yet.
    bool isSyncing() const;

    // One of the user's messages was sent to target; its conversation's timeline waits for the
    // answer while it syncs.
    void expectAnswer(const ConversationId &target, const QString &cid);
    void answered(const QString &cid);
    // A live event: buffered while its conversation syncs, handed out otherwise. An event of a
    // room the user is not in is dropped; a DM from someone new opens the conversation.
    void route(const ChatEntry &entry);
    void maybeFinish();

    // `room_joined`: the room is added (and syncs from its lastId) or its state refreshed.
    void roomJoined(const QJsonObject &frame);
    // A room's join, leave or topic went past (after route()): members and topic follow it. The
    // user's own leave of a room (leaving it, or being removed from it) drops the conversation.
    void noteRoomEvent(const ChatEntry &entry);
    void setLocked(const QString &room, bool locked);
    // The room is gone for the user (deleted, left): the conversation goes.
    void removeRoom(const QString &room);
    // A DM conversation with the user, opened before anything was written in it.
    ConversationId openDirect(const QString &username);

    void loadOlder(const ConversationId &id);
    // Forgets every timeline (another server or user).
    void reset();

signals:
    // The list changed, or what is known of a conversation (topic, lock, members).
    void changed();
    void removed(const ConversationId &id);
    // The operator removed the user from the room (reason as typed, may be empty) or deleted
    // it; removed() follows.
    void removedByOperator(const QString &room, bool deleted, const QString &reason);
    // Someone else is typing in the conversation.
    void typing(const ConversationId &id, const QString &username);
    // One conversation's events, ids above what it handed out before.
    void entriesAppended(const QList<ChatEntry> &entries);
    void olderEntriesLoaded(const QList<ChatEntry> &entries, bool hasMore,
                            const ConversationId &id);
    void olderLoadFailed(const QString &error, const ConversationId &id);
    void timelineReset(const ConversationId &id);
    // The conversation handed out its initial page or its catch-up: what comes next is live.
    void synced(const ConversationId &id);
    // Every conversation has handed out its history after a welcome.
    void finished();
    void historyFailed(const QString &detail);

private:
    struct Entry
    {
        ConversationInfo info;
        TimelineSync *timeline = nullptr;
        qint64 welcomeLastId = 0;
    };
    Entry &add(const ConversationId &id);
    void remove(const QString &key);

    QNetworkAccessManager *m_network;
    ServerEndpoint m_endpoint;
    QString m_ownKey;
    QString m_session;
    int m_requestTimeoutMs = 10000;
    int m_pageSize = Protocol::Limits::HistoryPageDefault;
    bool m_welcomeSyncing = false; // finished() is still to come for the last welcome
    QHash<QString, Entry> m_entries; // by ConversationId::key()
};
