// Lives in the server thread (ChatServer owns it, as a QObject child). The operator's changes of
// rooms (docs/PROTOCOL.md, "Rooms and direct messages", "The operator's rooms"): create, delete,
// lock and unlock, set the topic, kick a member from a room; each one carried out on the
// RoomDirectory and the members' connections at once, stored through the HistoryWriter in the
// order of the events around it (CommitPipeline::afterPending), and recorded in the moderation
// log. Also the rooms and the DM counts as the operator's console shows them, at most every
// SummaryIntervalMs.
#pragma once

#include "chattypes.h"

#include <QObject>
#include <QSet>

class CommitPipeline;
class ConnectionManager;
class Conversations;
class HistoryStore;
class HistoryWriter;
class ModerationActions;
class QTimer;

class RoomAdministration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomAdministration)

public:
    static constexpr int SummaryIntervalMs = 250;

    RoomAdministration(const ServerConfig &config, ConnectionManager *connections,
                       CommitPipeline *commits, Conversations *conversations,
                       ModerationActions *moderation, QObject *parent = nullptr);

    // Reads the DM counts (false, with *error, when the database cannot be read) and has the
    // changes of rooms stored by the writer (queued to the database thread).
    bool load(HistoryStore *reader, HistoryWriter *writer, QString *error);

    // Each refuses (roomRefused, nothing changes) what the rules do not allow: a name that is no
    // room's, general (never deleted, locked, nor kicked from: that is the server's kick), a
    // room that does not exist (or, for create, does), more rooms than maxRooms.
    void create(const QString &room);
    void remove(const QString &room);
    void setLocked(const QString &room, bool locked);
    // Stored as a `topic` event under the operator's name; also in a locked room.
    void setTopic(const QString &room, const QString &topic);
    // A stored `leave` (kicked, reason) in the room, sent to its members and the user; the user
    // (by username, compared by its comparison key) is no longer a member, stored or not.
    void kick(const QString &room, const QString &username, const QString &reason);

    // After each commit and each change of who is online: the console's list is due.
    void noteCommitted(const QList<ChatEvent> &events);
    void scheduleSummary();

signals:
    // Queued to the HistoryWriter in the database thread (load() connects them).
    void createRequested(const RoomInfo &room);
    void deleteRequested(const QString &room, qint64 deletedMs);
    void lockRequested(const QString &room, bool locked);
    // For the operator's console (ServerController).
    void roomsChanged(const QList<RoomSummary> &rooms, const DirectStats &directs);
    // What the operator asked for was not done: why, in English.
    void roomRefused(const QString &message);

private:
    bool checkExisting(const QString &room, const char *what);
    void record(ModerationRecord::Action action, const QString &target, const QString &reason,
                const QString &detail = {});
    void emitSummary();

    const ServerConfig &m_config;
    ConnectionManager *m_connections;
    CommitPipeline *m_commits;
    Conversations *m_conversations;
    ModerationActions *m_moderation;
    QTimer *m_summaryTimer;
    QSet<QString> m_directNames; // the DM conversations' names (ConversationStore::directName)
    qint64 m_directEvents = 0;
};
