// Lives in the server thread (ChatServer owns it, as a QObject child).
//
// What the connections send: every frame passes flood control first (beyond the rate it gets
// `rate_limited`; a flooding connection is dropped); a chat client's text is parsed, checked
// against its mute and goes to the CommitPipeline as a message to general, or to Conversations
// for anything else (rooms, direct messages, topics, typing); an echo connection's text comes
// back; binary frames are no part of the protocol and are answered with an error.
#pragma once

#include "chattypes.h"
#include "floodcontrol.h"

#include <QObject>

class ActivityFeed;
class CommitPipeline;
class ConnectionManager;
class Conversations;
class Moderation;

class MessageIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageIntake)

public:
    // Takes the frames of every connection of `connections` (its signals).
    MessageIntake(const ServerConfig &config, Moderation &moderation,
                  ConnectionManager *connections, CommitPipeline *commits, ActivityFeed *feed,
                  QObject *parent = nullptr);

    // A new connection starts with full flood-control buckets; one never started is not limited.
    void startFloodControl(ClientId id);
    // Where the frames go that are more than a message to general (rooms, DMs, typing).
    void setConversations(Conversations *conversations) { m_conversations = conversations; }

private:
    void onText(ClientId id, const QString &text);
    void onEchoText(ClientId id, const QString &text);
    void onBinary(ClientId id);
    // Flood control for one frame: false when it goes no further (refused or dropped).
    // silent: a frame beyond the rate is dropped without an answer (typing asks for none).
    bool allowFrame(ClientId id, const QString &cid, bool silent = false);

    int m_maxTextLength;
    FloodControl m_flood;
    Moderation &m_moderation;
    ConnectionManager *m_connections;
    CommitPipeline *m_commits;
    ActivityFeed *m_feed;
    Conversations *m_conversations = nullptr;
};
