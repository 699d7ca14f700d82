#include "chatclient.h"

#include "clienterrortext.h"
#include "endingverdict.h"
#include "messagetext.h"
#include "outbox.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Protocol;

ChatClient::ChatClient(QObject *parent)
    : QObject(parent),
      m_outbox(new Outbox(this)),
      m_pacer(new OutboxPacer(m_outbox, this)),
      m_network(new QNetworkAccessManager(this)),
      m_connection(new ClientConnection(this)),
      m_conversations(new ConversationSet(m_network, this)),
      m_retryTimer(new QTimer(this))
{
    // A LAN chat talks to the host directly, never through a proxy from the environment.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_conversations->setRequestTimeout(m_connectTimeoutMs);
    m_backoff.setDelays(DefaultInitialRetryMs, DefaultMaxRetryMs);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ChatClient::startAttempt);
    m_connection->setPingInterval(DefaultPingIntervalMs);
    connect(m_connection, &ClientConnection::welcomed, this, &ChatClient::onWelcome);
    connect(m_connection, &ClientConnection::frameReceived, this, &ChatClient::onFrame);
    connect(m_connection, &ClientConnection::ended, this, &ChatClient::onEnded);
    connect(m_connection, &ClientConnection::certificateRejected, this,
            &ChatClient::onCertificateRejected);
    connect(m_connection, &ClientConnection::connectTimedOut, this, [this] {
        failAttempt(Problem::Timeout,
                    tr("The server did not answer within %n second(s).", nullptr,
                       qMax(1, m_connectTimeoutMs / 1000)),
                    true);
    });
    connect(m_connection, &ClientConnection::pongMissing, this,
            [this] { failAttempt(Problem::Timeout, tr("The server stopped answering."), true); });
    connect(m_pacer, &OutboxPacer::sendRequested, this, &ChatClient::sendFrame);
    connect(m_conversations, &ConversationSet::entriesAppended, this, &ChatClient::entriesAppended);
    connect(m_conversations, &ConversationSet::olderEntriesLoaded, this,
            &ChatClient::olderEntriesLoaded);
    connect(m_conversations, &ConversationSet::olderLoadFailed, this, &ChatClient::olderLoadFailed);
    connect(m_conversations, &ConversationSet::timelineReset, this, &ChatClient::timelineReset);
    connect(m_conversations, &ConversationSet::changed, this, &ChatClient::conversationsChanged);
    connect(m_conversations, &ConversationSet::removed, this, &ChatClient::conversationRemoved);
    connect(m_conversations, &ConversationSet::typing, this, &ChatClient::typing);
    connect(m_conversations, &ConversationSet::removedByOperator, this,
            &ChatClient::removedFromRoom);
    connect(m_conversations, &ConversationSet::synced, this, &ChatClient::conversationSynced);
    connect(m_conversations, &ConversationSet::finished, this, &ChatClient::onSynced);
    connect(m_conversations, &ConversationSet::historyFailed, this,
            [this](const QString &detail) { failAttempt(Problem::HistoryFailed, detail, true); });
}

bool ChatClient::isRetryable(const QString &errorCode)
{
    return Protocol::isRetryable(errorCode);
}

ChatClient::~ChatClient() = default;

void ChatClient::setEndpoint(const ServerEndpoint &endpoint)
{
    const bool sameTimeline = endpoint.host.compare(m_endpoint.host, Qt::CaseInsensitive) == 0
                              && endpoint.port == m_endpoint.port
                              && UsernameRules::comparisonKey(endpoint.username.trimmed())
                                     == UsernameRules::comparisonKey(m_endpoint.username.trimmed());
    m_endpoint = endpoint;
    m_endpoint.host = m_endpoint.host.trimmed();
    m_endpoint.username = m_endpoint.username.trimmed();
    m_conversations->setEndpoint(m_endpoint);
    m_conversations->setOwnKey(ownKey());
    if (sameTimeline)
        return;
    setMute(std::nullopt);
    m_conversations->reset();
    m_outbox->setFilePath(outboxFilePath());
    emitPending();
}

void ChatClient::setDataDirectory(const QString &directory)
{
    m_dataDirectory = directory;
    m_outbox->setFilePath(outboxFilePath());
    emitPending();
}

QString ChatClient::outboxFilePath() const
{
    if (m_endpoint.host.isEmpty() || m_endpoint.username.isEmpty())
        return {};
    const QString base = m_dataDirectory.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : m_dataDirectory;
    const QByteArray key = (m_endpoint.host.toLower() + u'\n' + QString::number(m_endpoint.port)
                            + u'\n' + UsernameRules::comparisonKey(m_endpoint.username.trimmed()))
                               .toUtf8();
    const QString name = QString::fromLatin1(
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32));
    return QDir(base).filePath(u"outbox/"_s + name + u".json"_s);
}

void ChatClient::setRetryDelays(int initialMs, int maxMs)
{
    m_backoff.setDelays(initialMs, maxMs);
}

void ChatClient::setPingInterval(int ms)
{
    m_connection->setPingInterval(ms);
}

QString ChatClient::problemText() const
{
    return ClientErrorText::problem(m_problem, m_problemDetail, m_endpoint, m_presentedFingerprint);
}

qint64 ChatClient::msecsUntilRetry() const
{
    if (m_state != State::WaitingToReconnect)
        return 0;
    return qMax<qint64>(0, m_retryDelayMs - m_retryClock.elapsed());
}

QList<OutgoingMessage> ChatClient::pendingMessages() const
{
    QList<OutgoingMessage> result = m_ackedWhileSyncing;
    result.append(m_outbox->messages());
    return result;
}

QString ChatClient::normalizedText(const QString &text)
{
    return MessageText::normalized(text);
}

bool ChatClient::mentions(const QString &text, const QString &username)
{
    return MessageText::mentions(text, username);
}

QList<int> ChatClient::mentionRanges(const QString &text, const QString &username)
{
    return MessageText::mentionRanges(text, username);
}

void ChatClient::connectToServer()
{
    m_backoff.reset();
    m_problem = Problem::None;
    m_problemDetail.clear();
    m_presentedFingerprint.clear();
    startAttempt();
}

void ChatClient::disconnectFromServer()
{
    dropSocket();
    m_retryTimer->stop();
    m_problem = Problem::None;
    m_problemDetail.clear();
    setMute(std::nullopt);
    if (m_online.clear())
        emit usersChanged(m_online.names());
    setState(State::Disconnected);
}

void ChatClient::retryNow()
{
    if (m_state == State::WaitingToReconnect)
        startAttempt();
}

QString ChatClient::sendMessage(const QString &text, const ConversationId &target)
{
    const QString normalized = normalizedText(text);
    if (normalized.trimmed().isEmpty() || normalized.size() > m_maxTextLength)
        return {};
    if (target.isDirect())
        m_conversations->openDirect(target.name);
    const OutgoingMessage message = m_outbox->add(normalized, target);
    m_pacer->pump();
    emitPending();
    return message.cid;
}

void ChatClient::loadOlder(const ConversationId &id)
{
    if (m_state == State::Connected)
        m_conversations->loadOlder(id);
}

bool ChatClient::sendRequest(const QByteArray &frame)
{
    if (m_state != State::Connected)
        return false;
    m_connection->send(frame);
    return true;
}

bool ChatClient::joinRoom(const QString &room)
{
    return sendRequest(roomRequestFrame(FrameType::JoinRoom, room));
}

bool ChatClient::leaveRoom(const QString &room)
{
    return sendRequest(roomRequestFrame(FrameType::LeaveRoom, room));
}

bool ChatClient::setTopic(const QString &room, const QString &topic)
{
    return sendRequest(topicRequestFrame(room, topic));
}

ConversationId ChatClient::openDirect(const QString &username)
{
    return m_conversations->openDirect(username);
}

void ChatClient::sendTyping(const ConversationId &id)
{
    // One when typing starts and one per interval while it goes on; the server drops more.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 &last = m_typingSentMs[id.key()];
    if (m_state != State::Connected || (last != 0 && now - last < Limits::TypingIntervalMs))
        return;
    last = now;
    m_connection->send(id.isDirect() ? typingRequestFrame({}, id.name)
                                     : typingRequestFrame(id.name, {}));
}

void ChatClient::startAttempt()
{
    dropSocket();
    m_retryTimer->stop();
    if (!m_endpoint.isComplete()) {
        m_problem = Problem::NetworkError;
        m_problemDetail = tr("The server address or the username is missing.");
        setState(State::Disconnected);
        return;
    }
    setState(State::Connecting);
    ServerEndpoint endpoint = m_endpoint;
    endpoint.identity = m_identity;
    m_connection->open(endpoint, m_connectTimeoutMs);
}

void ChatClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ChatClient::onFrame(const QJsonObject &frame)
{
    const QString type = frame.value("type"_L1).toString();
    if (type == "error"_L1) {
        onErrorFrame(frame);
    } else if (type == FrameType::Unmuted) {
        setMute(std::nullopt);
    } else if (m_state != State::Connected) {
        return;
    } else if (!m_conversations->handleFrame(type, frame)) {
        onEvent(frame);
    }
}

void ChatClient::setMute(const std::optional<Protocol::Sanction> &mute)
{
    const bool same
        = mute.has_value() == m_mute.has_value()
          && (!mute || (mute->untilMs == m_mute->untilMs && mute->reason == m_mute->reason));
    m_mute = mute;
    if (!same)
        emit muteChanged();
}

void ChatClient::onWelcome(const QJsonObject &frame)
{
    m_username = frame.value("username"_L1).toString(m_endpoint.username);
    m_usernameKey = UsernameRules::comparisonKey(m_username.trimmed());
    m_registered = frame.value("registered"_L1).toBool();
    m_conversations->setOwnKey(ownKey());
    m_conversations->setSession(frame.value("session"_L1).toString());
    m_typingSentMs.clear();
    m_online.welcome(frame);
    m_maxTextLength
        = frame.value("limits"_L1).toObject().value("maxTextLength"_L1).toInt(DefaultMaxTextLength);
    setMute(std::nullopt); // a mute that lasts is told again right after the welcome

    m_problem = Problem::None;
    m_problemDetail.clear();
    m_conversations->welcome(frame);
    m_ackedWhileSyncing.clear();
    m_pacer->start();
    setState(State::Connected);
    emit usersChanged(m_online.names());

    // Whatever was not acknowledged goes again, with the same cid (the server stores it once),
    // one at a time like everything else: all at once, a large outbox would be refused with
    // rate_limited and then closed as a flood.
    m_pacer->pump();
    m_conversations->start();
}

bool ChatClient::isOperator(const QString &username) const
{
    return m_online.isOperator(username);
}

void ChatClient::onEvent(const QJsonObject &frame)
{
    ChatEntry entry;
    if (!ClientProtocol::entryFromJson(frame, &entry, ownKey()))
        return;
    // Presence is general's: its joins and leaves are who is online (history is the past).
    if (entry.conversation.isGeneral() && m_online.apply(entry))
        emit usersChanged(m_online.names());

    bool pendingChangedNow = false;
    if (!entry.cid.isEmpty()) {
        const QList<OutgoingMessage> &queued = m_outbox->messages();
        const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                     [&](const OutgoingMessage &m) { return m.cid == entry.cid; });
        if (it != queued.cend()) {
            if (m_conversations->isSyncing())
                m_ackedWhileSyncing.append(*it); // still shown as pending until handed out
            m_outbox->remove(entry.cid);
            m_conversations->answered(entry.cid);
            pendingChangedNow = true;
            emit messageAcknowledged(entry.cid, entry.id);
        }
        m_pacer->acknowledged(entry.cid);
    }

    m_conversations->route(entry);
    m_conversations->noteRoomEvent(entry);
    if (pendingChangedNow)
        emitPending();
    if (entry.kind == ChatEntry::Kind::Message && !entry.own && mentions(entry.text, m_username))
        emit mentioned(entry);
}

void ChatClient::onErrorFrame(const QJsonObject &frame)
{
    const QString code = frame.value("code"_L1).toString();
    const QString message = frame.value("message"_L1).toString();
    const std::optional<Sanction> sanction = sanctionFromJson(frame);
    if (code == Error::Muted && sanction)
        setMute(sanction); // at its start, after a welcome, or refusing a message
    QString cid = frame.value("cid"_L1).toString();
    if (cid.isEmpty() && isRetryable(code))
        cid = m_pacer->inFlight(); // a server that could not read the cid: it can only be that one
    if (cid.isEmpty()) {
        // A refused join, leave, topic or typing (a mute is told by the MuteNotice).
        if (code != Error::Muted && !isRetryable(code))
            emit requestRefused(ClientErrorText::errorCode(code, message, sanction));
        return;
    }
    if (code == Error::RateLimited || code == Error::StorageFailed) {
        const bool wasInFlight
            = code == Error::RateLimited ? m_pacer->rateLimited(cid) : m_pacer->storageFailed(cid);
        if (wasInFlight) {
            // Not stored: there is no acknowledgement to wait for before the timeline is handed
            // out.
            m_conversations->answered(cid);
            m_conversations->maybeFinish();
        }
        return;
    }
    const QList<OutgoingMessage> &queued = m_outbox->messages();
    const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                 [&](const OutgoingMessage &m) { return m.cid == cid; });
    if (it == queued.cend())
        return;
    const QString text = it->text;
    const ConversationId target = it->target;
    m_outbox->remove(cid);
    m_conversations->answered(cid);
    emit messageRefused(cid, text, ClientErrorText::errorCode(code, message, sanction), target);
    emitPending();
    m_pacer->refused(cid);
    m_conversations->maybeFinish();
}

void ChatClient::onEnded(const ClientConnection::Ending &ending)
{
    EndingVerdict::Context context;
    context.tls = m_endpoint.tls;
    context.host = m_endpoint.host;
    context.wasConnected = m_state == State::Connected;
    context.previous = m_problem;
    const EndingVerdict verdict = EndingVerdict::of(ending, context);
    failAttempt(verdict.problem, verdict.detail, verdict.retry);
}

void ChatClient::failAttempt(Problem problem, const QString &detail, bool retry)
{
    m_problem = problem;
    m_problemDetail = detail;
    dropSocket();
    if (m_online.clear())
        emit usersChanged(m_online.names());
    if (retry) {
        scheduleRetry();
    } else {
        setMute(std::nullopt); // kicked or refused: nothing to send to anyway
        m_retryTimer->stop();
        setState(State::Disconnected);
    }
}

void ChatClient::scheduleRetry()
{
    m_retryDelayMs = m_backoff.next();
    m_retryClock.start();
    m_retryTimer->start(int(m_retryDelayMs));
    m_state = State::WaitingToReconnect;
    emit stateChanged(m_state);
}

void ChatClient::dropSocket()
{
    m_connection->abort();
    m_conversations->stop();
    m_pacer->stop(); // answered or not, what was in flight goes again on the next connection
    if (!m_ackedWhileSyncing.isEmpty()) {
        // Stored by the server: they come back with the catch-up after the reconnect.
        m_ackedWhileSyncing.clear();
        emitPending();
    }
}

void ChatClient::sendFrame(const OutgoingMessage &message)
{
    m_conversations->expectAnswer(message.target, message.cid);
    const ConversationId &target = message.target;
    m_connection->send(target.isGeneral() ? messageFrame(message.text, message.cid)
                       : target.isDirect()
                           ? messageFrame(message.text, message.cid, {}, target.name)
                           : messageFrame(message.text, message.cid, target.name, {}));
}

void ChatClient::onCertificateRejected(CertificatePins::Verdict verdict, const QString &presented,
                                       const QString &errors)
{
    switch (verdict) {
    case CertificatePins::Verdict::Accept:
        return;
    case CertificatePins::Verdict::Unpinned:
        m_presentedFingerprint = presented;
        failAttempt(Problem::UntrustedCertificate, {}, false);
        emit certificateUntrusted(m_presentedFingerprint);
        return;
    case CertificatePins::Verdict::Changed:
        m_presentedFingerprint = presented;
        failAttempt(Problem::CertificateChanged, {}, false);
        return;
    case CertificatePins::Verdict::Invalid:
        break;
    }
    failAttempt(Problem::TlsHandshakeFailed, errors, false);
}

void ChatClient::onSynced()
{
    if (!m_ackedWhileSyncing.isEmpty()) {
        m_ackedWhileSyncing.clear();
        emitPending();
    }
    m_backoff.reset(); // a connection that got this far
    emit synced();
}

void ChatClient::emitPending()
{
    emit pendingChanged(pendingMessages());
}

QString ChatClient::ownKey() const
{
    return m_usernameKey.isEmpty() ? UsernameRules::comparisonKey(m_endpoint.username.trimmed())
                                   : m_usernameKey;
}

bool ChatClient::isOwn(const QString &username) const
{
    return UsernameRules::comparisonKey(username.trimmed()) == ownKey();
}

#include "moc_chatclient.cpp"
