#include "messageintake.h"

#include "activityfeed.h"
#include "commitpipeline.h"
#include "connectionmanager.h"
#include "conversations.h"
#include "logging.h"
#include "moderation.h"
#include "pendingevents.h"
#include "protocol.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

MessageIntake::MessageIntake(const ServerConfig &config, Moderation &moderation,
                             ConnectionManager *connections, CommitPipeline *commits,
                             ActivityFeed *feed, QObject *parent)
    : QObject(parent),
      m_maxTextLength(config.maxTextLength),
      m_flood(config.messageRate, config.messageBurst),
      m_moderation(moderation),
      m_connections(connections),
      m_commits(commits),
      m_feed(feed)
{
    connect(connections, &ConnectionManager::textReceived, this, &MessageIntake::onText);
    connect(connections, &ConnectionManager::echoTextReceived, this, &MessageIntake::onEchoText);
    connect(connections, &ConnectionManager::binaryReceived, this, &MessageIntake::onBinary);
    connect(connections, &ConnectionManager::connectionClosed, this,
            [this](ClientId id) { m_flood.forget(id); });
}

void MessageIntake::startFloodControl(ClientId id)
{
    m_flood.start(id, QDateTime::currentMSecsSinceEpoch());
}

void MessageIntake::onEchoText(ClientId id, const QString &text)
{
    if (allowFrame(id, {}))
        m_connections->sendTo(id, (u"Echo: "_s + text).toUtf8());
}

// Binary frames are no part of the protocol (an echo connection answers text only), but they
// count against flood control like any frame.
void MessageIntake::onBinary(ClientId id)
{
    if (!allowFrame(id, {}) || !m_connections->contains(id))
        return;
    m_connections->sendTo(
        id, Protocol::errorFrame(Protocol::Error::InvalidJson,
                                 u"Binary frames are not part of the protocol; send text."_s));
}

void MessageIntake::onText(ClientId id, const QString &text)
{
    const Protocol::ParsedFrame frame
        = Protocol::parseClientFrame(text, m_connections->usernameKey(id), m_maxTextLength);
    const bool typing = frame.isValid() && frame.request == Protocol::Request::Typing;
    if (!allowFrame(id, frame.cid, typing))
        return;
    if (!frame.isValid()) {
        qCDebug(lcConnections) << "client" << id << "sent an invalid frame:" << frame.errorCode;
        m_connections->sendTo(id,
                              Protocol::errorFrame(frame.errorCode, frame.errorMessage, frame.cid));
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Moderation::SendCheck mute = m_moderation.checkSend(m_connections->usernameKey(id), now);
    if (mute.muted && typing)
        return; // a muted user's typing is nobody's business
    if (mute.muted && frame.request != Protocol::Request::LeaveRoom) {
        m_connections->sendTo(
            id, Protocol::errorFrame(Protocol::Error::Muted, mute.refusal, mute.mute, frame.cid));
        return;
    }
    if (mute.lifted && m_connections->info(id).mutedUntilMs != 0) { // before the mute's timer
        m_connections->setMutedUntil(id, 0);
        m_connections->sendTo(id, Protocol::unmutedFrame());
    }
    if (frame.request != Protocol::Request::Message) {
        m_conversations->handle(id, frame, now);
        return;
    }
    m_connections->noteMessage(id, now);
    m_feed->noteClient(id);
    if (!frame.to.isEmpty() || frame.room != Protocol::DefaultRoom) {
        m_conversations->handle(id, frame, now);
        return;
    }
    m_commits->enqueue(PendingEvents::message(id, m_connections->info(id),
                                              m_connections->usernameKey(id), frame.message.text,
                                              frame.message.cid, now));
}

// Flood control: frames beyond the rate get `rate_limited` and go no further; a flooding client
// is disconnected.
bool MessageIntake::allowFrame(ClientId id, const QString &cid, bool silent)
{
    switch (m_flood.check(id, QDateTime::currentMSecsSinceEpoch())) {
    case FloodControl::Verdict::Allow:
        return true;
    case FloodControl::Verdict::Disconnect:
        m_connections->drop(id, Protocol::CloseFlooding, u"flooding"_s);
        return false;
    case FloodControl::Verdict::Refuse:
        if (silent)
            return false;
        break;
    }
    m_connections->sendTo(
        id, Protocol::errorFrame(Protocol::Error::RateLimited, m_flood.refusalText(), cid));
    return false;
}

#include "moc_messageintake.cpp"
