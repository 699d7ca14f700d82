// Not a QObject; used in the thread of the HistoryStore that owns it. The conversations part of
// the history database (schema version 3): rooms and direct messages (DMs), which conversation an
// event belongs to, the stored memberships of registered users, and the reads and writes of
// rooms. It runs on its owner's connection and inside its owner's transactions; every method
// reports a failure through QSqlError and leaves the message to the owner.
#pragma once

#include "chattypes.h"

#include <QHash>
#include <QSqlError>
#include <QString>

class StatementCache;

class ConversationStore final
{
public:
    explicit ConversationStore(StatementCache &statements) : m_statements(statements) { }
    Q_DISABLE_COPY_MOVE(ConversationStore)

    // A DM's conversation name: the two comparison keys, sorted, joined by U+001F.
    static QString directName(const QString &keyA, const QString &keyB);

    // The conversation the pending event belongs to, created when needed: a DM's on its first
    // event; a room's live conversation, or a new one for a Join (or any event of a name never
    // seen), or, for an event written just before the room was deleted, the deleted one.
    bool resolve(const PendingEvent &pending, qint64 createdMs, qint64 *conversation,
                 QSqlError *error);
    // The side effects of a stored room event: a registered user's Join/Leave of a room other
    // than general adds/removes the membership (a Kick there, the operator's kick from the room,
    // removes it too); a Topic sets the room's topic.
    bool applyStored(const PendingEvent &pending, qint64 conversation, QSqlError *error);
    // The live room or the DM a query names; 0 when none exists (an empty page).
    bool find(const HistoryQuery &query, qint64 *conversation, QSqlError *error);

    bool rooms(QList<RoomInfo> *rooms, QSqlError *error);
    bool memberships(const QString &userKey, QStringList *rooms, QSqlError *error);
    bool directPartners(const QString &userKey, QList<DirectPartner> *partners, QSqlError *error);
    // SQL selecting the ids of a user's DM conversations; binds the user's key twice.
    static QString directConversationsOf();
    qint64 directDelivered(const QString &userKey, QSqlError *error);
    // Every DM conversation's name and the number of DM events (an index range per DM).
    bool directStats(QStringList *conversations, qint64 *events, QSqlError *error);

    // Fails with a message in *error when a live room of that name exists.
    bool createRoom(const RoomInfo &room, QSqlError *error);
    // Marks the room deleted (its events stay) and drops its memberships; the default room
    // cannot be deleted.
    bool deleteRoom(const QString &name, qint64 deletedMs, QSqlError *error);
    bool lockRoom(const QString &name, bool locked, QSqlError *error);
    // Never moves backwards.
    bool setDirectDelivered(const QString &userKey, qint64 eventId, QSqlError *error);

    // Forgets the cached ids (after a rolled-back transaction: rooms it created are gone).
    void reset() { m_live.clear(); }

private:
    bool selectId(const QString &sql, const QString &name, qint64 *id, QSqlError *error);
    bool liveRoom(const QString &name, qint64 *conversation, QSqlError *error);
    bool directConversation(const QString &name, qint64 *conversation, QSqlError *error);
    bool insert(const QString &kind, const QString &name, qint64 createdMs,
                const QString &createdBy, qint64 *conversation, QSqlError *error);

    StatementCache &m_statements;
    QHash<QString, qint64> m_live; // live conversation ids by kind + U+001E + name
};
