#include "chatclient.h"

#include "clienterrortext.h"
#include "endingverdict.h"
#include "messagetext.h"
#include "outbox.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QCryptographicHash>
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
      m_sync(new TimelineSync(m_network, this)),
      m_retryTimer(new QTimer(this))
{
    // A LAN chat talks to the host directly, never through a proxy from the environment.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_sync->setRequestTimeout(m_connectTimeoutMs);
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
    connect(m_sync, &TimelineSync::entriesAppended, this, &ChatClient::entriesAppended);
    connect(m_sync, &TimelineSync::olderEntriesLoaded, this, &ChatClient::olderEntriesLoaded);
    connect(m_sync, &TimelineSync::olderLoadFailed, this, &ChatClient::olderLoadFailed);
    connect(m_sync, &TimelineSync::timelineReset, this, &ChatClient::timelineReset);
    connect(m_sync, &TimelineSync::finished, this, &ChatClient::onSynced);
    connect(m_sync, &TimelineSync::historyFailed, this,
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
    m_sync->setEndpoint(m_endpoint);
    m_sync->setOwnKey(ownKey());
    if (sameTimeline)
        return;
    setMute(std::nullopt);
    if (!m_sync->isEmpty())
        m_sync->reset();
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
    if (!m_users.isEmpty()) {
        m_users.clear();
        emit usersChanged(m_users);
    }
    setState(State::Disconnected);
}

void ChatClient::retryNow()
{
    if (m_state == State::WaitingToReconnect)
        startAttempt();
}

QString ChatClient::sendMessage(const QString &text)
{
    const QString normalized = normalizedText(text);
    if (normalized.trimmed().isEmpty() || normalized.size() > m_maxTextLength)
        return {};
    const OutgoingMessage message = m_outbox->add(normalized);
    m_pacer->pump();
    emitPending();
    return message.cid;
}

void ChatClient::loadOlder()
{
    if (m_state == State::Connected)
        m_sync->loadOlder();
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
    if (type == "error"_L1)
        onErrorFrame(frame);
    else if (type == FrameType::Unmuted)
        setMute(std::nullopt);
    else if (m_state == State::Connected)
        onEvent(frame);
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
    m_sync->setOwnKey(ownKey());
    m_users.clear();
    const QJsonArray users = frame.value("users"_L1).toArray();
    for (const QJsonValue &user : users)
        m_users.append(user.toString());
    std::sort(m_users.begin(), m_users.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    // Older servers send no `operators`: nobody is marked.
    m_operatorKeys.clear();
    const QJsonArray operators = frame.value("operators"_L1).toArray();
    for (const QJsonValue &name : operators)
        m_operatorKeys.insert(UsernameRules::comparisonKey(name.toString().trimmed()));
    m_maxTextLength
        = frame.value("limits"_L1).toObject().value("maxTextLength"_L1).toInt(DefaultMaxTextLength);
    const qint64 lastId = frame.value("lastId"_L1).toInteger();
    setMute(std::nullopt); // a mute that lasts is told again right after the welcome

    m_problem = Problem::None;
    m_problemDetail.clear();
    m_sync->prepare();
    m_ackedWhileSyncing.clear();
    m_pacer->start();
    setState(State::Connected);
    emit usersChanged(m_users);

    // Whatever was not acknowledged goes again, with the same cid (the server stores it once),
    // one at a time like everything else: all at once, a large outbox would be refused with
    // rate_limited and then closed as a flood.
    m_pacer->pump();
    m_sync->start(lastId);
}

bool ChatClient::isOperator(const QString &username) const
{
    return m_operatorKeys.contains(UsernameRules::comparisonKey(username.trimmed()));
}

void ChatClient::onEvent(const QJsonObject &frame)
{
    ChatEntry entry;
    if (!ClientProtocol::entryFromJson(frame, &entry))
        return;
    entry.own = isOwn(entry.username);

    // The online list follows the live events only (history is the past).
    const QString key = UsernameRules::comparisonKey(entry.username.trimmed());
    const auto sameUser
        = [&](const QString &name) { return UsernameRules::comparisonKey(name.trimmed()) == key; };
    const bool wasOperator = m_operatorKeys.contains(key);
    if (entry.kind == ChatEntry::Kind::Join && entry.fromOperator)
        m_operatorKeys.insert(key);
    else if (entry.kind != ChatEntry::Kind::Message && entry.kind != ChatEntry::Kind::Announcement)
        m_operatorKeys.remove(key); // a leave, or the join of someone else under that name
    if (entry.kind == ChatEntry::Kind::Join
        && std::none_of(m_users.cbegin(), m_users.cend(), sameUser)) {
        m_users.append(entry.username);
        std::sort(m_users.begin(), m_users.end(), [](const QString &a, const QString &b) {
            return a.compare(b, Qt::CaseInsensitive) < 0;
        });
        emit usersChanged(m_users);
    } else if (entry.kind == ChatEntry::Kind::Leave || entry.kind == ChatEntry::Kind::Kick) {
        if (m_users.removeIf(sameUser) > 0)
            emit usersChanged(m_users);
    } else if (wasOperator != m_operatorKeys.contains(key)) {
        emit usersChanged(m_users); // the same people, one of them (no longer) marked
    }

    bool pendingChangedNow = false;
    if (!entry.cid.isEmpty()) {
        const QList<OutgoingMessage> &queued = m_outbox->messages();
        const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                     [&](const OutgoingMessage &m) { return m.cid == entry.cid; });
        if (it != queued.cend()) {
            if (m_sync->isSyncing())
                m_ackedWhileSyncing.append(*it); // still shown as pending until handed out
            m_outbox->remove(entry.cid);
            m_sync->answered(entry.cid);
            pendingChangedNow = true;
            emit messageAcknowledged(entry.cid, entry.id);
        }
        m_pacer->acknowledged(entry.cid);
    }

    if (m_sync->isSyncing()) {
        m_sync->buffer(entry);
        if (pendingChangedNow)
            emitPending();
        m_sync->maybeFinish();
    } else {
        m_sync->deliverLive(entry);
        if (pendingChangedNow)
            emitPending();
    }
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
    if (cid.isEmpty())
        return;
    if (code == Error::RateLimited || code == Error::StorageFailed) {
        const bool wasInFlight
            = code == Error::RateLimited ? m_pacer->rateLimited(cid) : m_pacer->storageFailed(cid);
        if (wasInFlight) {
            // Not stored: there is no acknowledgement to wait for before the timeline is handed
            // out.
            m_sync->answered(cid);
            m_sync->maybeFinish();
        }
        return;
    }
    const QList<OutgoingMessage> &queued = m_outbox->messages();
    const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                 [&](const OutgoingMessage &m) { return m.cid == cid; });
    if (it == queued.cend())
        return;
    const QString text = it->text;
    m_outbox->remove(cid);
    m_sync->answered(cid);
    emit messageRefused(cid, text, ClientErrorText::errorCode(code, message, sanction));
    emitPending();
    m_pacer->refused(cid);
    m_sync->maybeFinish();
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
    if (!m_users.isEmpty()) {
        m_users.clear();
        emit usersChanged(m_users);
    }
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
    m_sync->stop();
    m_pacer->stop(); // answered or not, what was in flight goes again on the next connection
    if (!m_ackedWhileSyncing.isEmpty()) {
        // Stored by the server: they come back with the catch-up after the reconnect.
        m_ackedWhileSyncing.clear();
        emitPending();
    }
}

void ChatClient::sendFrame(const OutgoingMessage &message)
{
    m_sync->expectAnswer(message.cid);
    m_connection->send(messageFrame(message.text, message.cid));
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
    return m_sync->isOwn(username);
}

#include "moc_chatclient.cpp"
