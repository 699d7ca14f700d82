#include "chatclient.h"

#include "certificatepins.h"
#include "fingerprint.h"
#include "outbox.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

using namespace Protocol;

namespace {
QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
} // namespace

ChatClient::ChatClient(QObject *parent)
    : QObject(parent),
      m_outbox(new Outbox(this)),
      m_network(new QNetworkAccessManager(this)),
      m_connectTimer(new QTimer(this)),
      m_retryTimer(new QTimer(this)),
      m_pingTimer(new QTimer(this)),
      m_sendTimer(new QTimer(this))
{
    // A LAN chat talks to the host directly, never through a proxy from the
    // environment.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        failAttempt(Problem::Timeout,
                    tr("The server did not answer within %n second(s).", nullptr,
                       qMax(1, m_connectTimeoutMs / 1000)),
                    true);
    });
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ChatClient::startAttempt);
    m_pingTimer->setInterval(DefaultPingIntervalMs);
    connect(m_pingTimer, &QTimer::timeout, this, &ChatClient::onPingTimer);
    m_sendTimer->setSingleShot(true);
    // Never early: a pause shorter than the server's refill time earns another
    // rate_limited.
    m_sendTimer->setTimerType(Qt::PreciseTimer);
    connect(m_sendTimer, &QTimer::timeout, this, &ChatClient::pumpOutbox);
}

bool ChatClient::isRetryable(const QString &errorCode)
{
    return Protocol::isRetryable(errorCode);
}

ChatClient::~ChatClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

void ChatClient::setEndpoint(const ServerEndpoint &endpoint)
{
    const bool sameTimeline = endpoint.host.compare(m_endpoint.host, Qt::CaseInsensitive) == 0
                              && endpoint.port == m_endpoint.port
                              && UsernameRules::comparisonKey(endpoint.username.trimmed())
                                     == UsernameRules::comparisonKey(m_endpoint.username.trimmed());
    m_endpoint = endpoint;
    m_endpoint.host = m_endpoint.host.trimmed();
    m_endpoint.username = m_endpoint.username.trimmed();
    if (sameTimeline)
        return;
    if (m_newestId != 0 || m_oldestId != 0)
        resetTimeline();
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
    m_initialRetryMs = qMax(1, initialMs);
    m_maxRetryMs = qMax(m_initialRetryMs, maxMs);
}

void ChatClient::setPingInterval(int ms)
{
    m_pingTimer->setInterval(ms);
}

QString ChatClient::problemText() const
{
    switch (m_problem) {
    case Problem::None:
        return {};
    case Problem::NetworkError:
        return m_problemDetail.isEmpty() ? tr("The connection failed.")
                                         : tr("The connection failed: %1").arg(m_problemDetail);
    case Problem::Timeout:
        return m_problemDetail;
    case Problem::ServerShuttingDown:
        return tr("The server is shutting down.");
    case Problem::HistoryFailed:
        return tr("The history could not be loaded: %1").arg(m_problemDetail);
    case Problem::Kicked:
        return m_problemDetail.isEmpty()
                   ? tr("The operator removed you from the chat.")
                   : tr("The operator removed you from the chat: %1").arg(m_problemDetail);
    case Problem::InvalidToken:
        return tr("The server refused the token. Check the token in the invite and "
                  "try again.");
    case Problem::InvalidUsername:
        return m_problemDetail.isEmpty()
                   ? tr("The server refused the username. Choose another one.")
                   : tr("The server refused the username: %1").arg(m_problemDetail);
    case Problem::Banned:
        return m_problemDetail.isEmpty() ? tr("The server does not let you in.") : m_problemDetail;
    case Problem::Refused:
        return m_problemDetail.isEmpty()
                   ? tr("The server refused the connection.")
                   : tr("The server refused the connection: %1").arg(m_problemDetail);
    case Problem::UsernameTaken:
        return tr("The username \"%1\" is already taken by someone online. Choose "
                  "another one.")
            .arg(m_endpoint.username);
    case Problem::TlsRequired:
        return tr("The server accepts only encrypted connections. Join again with "
                  "\"Encrypted "
                  "(TLS)\" ticked, and ask the host for a new token: this one was "
                  "just sent "
                  "unencrypted.");
    case Problem::UntrustedCertificate:
        return tr("The server's certificate is not trusted yet. Its SHA-256 "
                  "fingerprint is %1. "
                  "Trust it only if the host shows the same fingerprint.")
            .arg(m_presentedFingerprint);
    case Problem::CertificateChanged:
        return tr("Warning: the server's certificate has changed. Expected SHA-256 "
                  "%1, but the "
                  "server presented %2. Someone may be intercepting the "
                  "connection: do not "
                  "connect unless the host confirms that the certificate was "
                  "replaced.")
            .arg(Fingerprint::normalized(m_endpoint.fingerprint), m_presentedFingerprint);
    }
    return {};
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
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\r') {
            if (i + 1 < text.size() && text.at(i + 1) == u'\n')
                continue;
            result.append(u'\n');
        } else if (c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            result.append(u'\n');
        } else if (c == u'\n' || c == u'\t') {
            result.append(c);
        } else if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f)) {
            continue; // the server refuses other control characters
        } else {
            result.append(c);
        }
    }
    return result;
}

namespace {
// Where the case-folded needle stands as a word of its own in the case-folded
// haystack.
QList<int> wordsIn(const QString &haystack, const QString &needle)
{
    QList<int> ranges;
    const auto isWordChar = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        const qsizetype end = at + needle.size();
        if ((at == 0 || !isWordChar(haystack.at(at - 1)))
            && (end >= haystack.size() || !isWordChar(haystack.at(end)))) {
            ranges.append(int(at));
            ranges.append(int(needle.size()));
        }
    }
    return ranges;
}
} // namespace

bool ChatClient::mentions(const QString &text, const QString &username)
{
    return !username.isEmpty() && !wordsIn(text.toCaseFolded(), username.toCaseFolded()).isEmpty();
}

QList<int> ChatClient::mentionRanges(const QString &text, const QString &username)
{
    if (username.isEmpty())
        return {};
    const QString folded = text.toCaseFolded();
    QList<int> ranges = wordsIn(folded, username.toCaseFolded());
    // Positions in the folded text are positions in the text only where folding
    // kept the length (it nearly always does); otherwise the mention is known but
    // not where.
    if (folded.size() != text.size() && !ranges.isEmpty())
        ranges = {0, 0};
    return ranges;
}

void ChatClient::connectToServer()
{
    m_attempt = 0;
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
    pumpOutbox();
    emitPending();
    return message.cid;
}

void ChatClient::loadOlder()
{
    if (m_state != State::Connected || m_syncing || !m_hasOlder || m_olderReply || m_oldestId <= 0)
        return;
    QNetworkReply *reply
        = getHistory(u"limit=%1&before=%2"_s.arg(m_historyPageSize).arg(m_oldestId));
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
            if (ClientProtocol::entryFromJson(value.toObject(), &entry) && entry.id < m_oldestId) {
                entry.own = isOwn(entry.username);
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
    m_kicked = false;
    m_kickReason.clear();
    m_refusalCode.clear();
    m_refusalMessage.clear();

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setProxy(QNetworkProxy::NoProxy);
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &ChatClient::onTextMessage);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketGone(socket, {}); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError) {
                onSocketGone(socket, socket->errorString());
            });
    connect(socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });
    if (m_endpoint.tls) {
        socket->setSslConfiguration(CertificatePins::clientConfiguration());
        connect(socket, &QWebSocket::sslErrors, this,
                [this, socket](const QList<QSslError> &errors) {
                    if (socket != m_socket)
                        return;
                    const QSslCertificate peer = socket->sslConfiguration().peerCertificate();
                    if (checkCertificate(errors, peer))
                        socket->ignoreSslErrors(errors); // exactly these, after the pin matched
                });
    }

    QUrl url;
    url.setScheme(m_endpoint.tls ? u"wss"_s : u"ws"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    url.setPath(u"/ws"_s);
    url.setQuery(u"token="_s + encoded(m_endpoint.token) + u"&username="_s
                 + encoded(m_endpoint.username));
    setState(State::Connecting);
    m_connectTimer->start(m_connectTimeoutMs);
    socket->open(url);
}

void ChatClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ChatClient::onTextMessage(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value("type"_L1).toString();
    if (type == "welcome"_L1) {
        onWelcome(frame);
    } else if (type == "kicked"_L1) {
        m_kicked = true;
        m_kickReason = frame.value("reason"_L1).toString();
    } else if (type == "error"_L1) {
        onErrorFrame(frame);
    } else if (m_state == State::Connected) {
        onEvent(frame);
    }
}

void ChatClient::onWelcome(const QJsonObject &frame)
{
    m_connectTimer->stop();
    m_username = frame.value("username"_L1).toString(m_endpoint.username);
    m_usernameKey = UsernameRules::comparisonKey(m_username.trimmed());
    m_users.clear();
    const QJsonArray users = frame.value("users"_L1).toArray();
    for (const QJsonValue &user : users)
        m_users.append(user.toString());
    std::sort(m_users.begin(), m_users.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    m_maxTextLength
        = frame.value("limits"_L1).toObject().value("maxTextLength"_L1).toInt(DefaultMaxTextLength);
    const qint64 lastId = frame.value("lastId"_L1).toInteger();

    m_problem = Problem::None;
    m_problemDetail.clear();
    m_syncing = true;
    m_historyDone = false;
    m_syncBuffer.clear();
    m_resentCids.clear();
    m_ackedWhileSyncing.clear();
    m_awaitingPong = false;
    m_pingTimer->start();
    m_inFlight.clear();
    m_paceMs = 0; // a new connection starts with a full allowance
    m_sendTimer->stop();
    setState(State::Connected);
    emit usersChanged(m_users);

    // Whatever was not acknowledged goes again, with the same cid (the server
    // stores it once), one at a time like everything else: all at once, a large
    // outbox would be refused with rate_limited and then closed as a flood.
    pumpOutbox();

    if (m_newestId > lastId)
        resetTimeline(); // not the history we saw: another server, or its database
                         // was replaced
    const int generation = m_generation;
    if (m_newestId == 0) {
        m_initialLoad = true;
        if (lastId == 0) {
            m_hasOlder = false;
            m_historyDone = true;
        } else {
            // The newest page up to the welcome; everything later arrives live.
            requestHistory(u"limit=%1&before=%2"_s.arg(m_historyPageSize).arg(lastId + 1),
                           generation, false);
        }
    } else {
        m_initialLoad = false;
        requestHistory(u"limit=%1&after=%2"_s.arg(CatchUpPageSize).arg(m_newestId), generation,
                       true);
    }
    maybeFinishSync();
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
    }

    bool pendingChangedNow = false;
    if (!entry.cid.isEmpty()) {
        const QList<OutgoingMessage> &queued = m_outbox->messages();
        const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                     [&](const OutgoingMessage &m) { return m.cid == entry.cid; });
        if (it != queued.cend()) {
            if (m_syncing)
                m_ackedWhileSyncing.append(*it); // still shown as pending until handed out
            m_outbox->remove(entry.cid);
            m_resentCids.remove(entry.cid);
            pendingChangedNow = true;
            emit messageAcknowledged(entry.cid, entry.id);
        }
        if (entry.cid == m_inFlight) {
            m_inFlight.clear();
            m_storageRetryMs = 0;
            if (m_outbox->isEmpty())
                m_paceMs = 0;
            pumpOutbox();
        }
    }

    if (m_syncing) {
        if (!m_syncBuffer.contains(entry.id) || !entry.cid.isEmpty())
            m_syncBuffer.insert(entry.id, entry);
        if (pendingChangedNow)
            emitPending();
        maybeFinishSync();
    } else {
        deliver({entry});
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
    QString cid = frame.value("cid"_L1).toString();
    // Refusals come as one error frame without a cid, followed by the close.
    if (cid.isEmpty() && m_state != State::Connected) {
        m_refusalCode = code;
        m_refusalMessage = message;
        return;
    }
    if (cid.isEmpty() && isRetryable(code))
        cid = m_inFlight; // a server that could not read the cid: it can only be
                          // that one
    if (cid.isEmpty())
        return;
    if (code == Error::RateLimited) {
        // Dropped by the flood control, not stored: again after a pause, and slower
        // from now on.
        m_paceMs = m_paceMs == 0 ? RateLimitPauseMs : qMin(m_paceMs * 3 / 2, MaxPaceMs);
        retryInFlight(cid, m_paceMs);
        return;
    }
    if (code == Error::StorageFailed) {
        // The history is full or cannot be written: the operator has been told;
        // keep trying.
        m_storageRetryMs = m_storageRetryMs == 0 ? StorageRetryInitialMs
                                                 : qMin(m_storageRetryMs * 2, StorageRetryMaxMs);
        retryInFlight(cid, m_storageRetryMs);
        return;
    }
    const QList<OutgoingMessage> &queued = m_outbox->messages();
    const auto it = std::find_if(queued.cbegin(), queued.cend(),
                                 [&](const OutgoingMessage &m) { return m.cid == cid; });
    if (it == queued.cend())
        return;
    const QString text = it->text;
    m_outbox->remove(cid);
    m_resentCids.remove(cid);
    emit messageRefused(cid, text, message.isEmpty() ? code : message);
    emitPending();
    if (cid == m_inFlight) {
        m_inFlight.clear();
        pumpOutbox();
    }
    maybeFinishSync();
}

void ChatClient::retryInFlight(const QString &cid, int delayMs)
{
    if (cid != m_inFlight)
        return; // not sent by this connection, or answered already
    m_inFlight.clear();
    // Not stored: there is no acknowledgement to wait for before the timeline is
    // handed out.
    m_resentCids.remove(cid);
    m_sendTimer->start(delayMs);
    maybeFinishSync();
}

void ChatClient::pumpOutbox()
{
    if (m_state != State::Connected || !m_socket || !m_inFlight.isEmpty() || m_sendTimer->isActive()
        || m_outbox->isEmpty())
        return;
    if (m_paceMs > 0 && m_lastSend.isValid() && m_lastSend.elapsed() < m_paceMs) {
        m_sendTimer->start(int(m_paceMs - m_lastSend.elapsed()));
        return;
    }
    const OutgoingMessage &next = m_outbox->messages().first();
    m_inFlight = next.cid;
    if (m_syncing)
        m_resentCids.insert(next.cid); // the timeline waits for its answer
    m_lastSend.start();
    sendFrame(next);
}

void ChatClient::onSocketGone(QWebSocket *socket, const QString &errorText)
{
    if (socket != m_socket)
        return;
    const quint16 closeCode = quint16(socket->closeCode());
    const QString closeReason = socket->closeReason();
    if (m_kicked || closeCode == CloseKicked) {
        failAttempt(Problem::Kicked, m_kicked ? m_kickReason : closeReason, false);
    } else if (m_refusalCode == Error::InvalidToken || closeCode == ClosePolicy) {
        failAttempt(Problem::InvalidToken, m_refusalMessage, false);
    } else if (m_refusalCode == Error::InvalidUsername || closeCode == CloseInvalidUsername) {
        failAttempt(Problem::InvalidUsername,
                    m_refusalMessage.isEmpty() ? closeReason : m_refusalMessage, false);
    } else if (m_refusalCode == Error::UsernameTaken || closeCode == CloseUsernameTaken) {
        failAttempt(Problem::UsernameTaken, m_refusalMessage, false);
    } else if (m_refusalCode == Error::Banned || m_refusalCode == Error::AddressBlocked
               || closeCode == CloseBanned || closeCode == CloseAddressBlocked) {
        failAttempt(Problem::Banned, m_refusalMessage.isEmpty() ? closeReason : m_refusalMessage,
                    false);
    } else if (!m_endpoint.tls && m_state == State::Connecting
               && errorText.contains(u"403 (TLS Required)"_s)) {
        // QWebSocket reports a refused upgrade's status and reason phrase only in
        // its error text; a LanChat server with TLS on uses this one
        // (docs/PROTOCOL.md, "TLS").
        failAttempt(Problem::TlsRequired, errorText, false);
    } else if (!m_refusalCode.isEmpty()) {
        failAttempt(Problem::Refused, m_refusalMessage, true);
    } else if (closeCode == CloseGoingAway && m_state == State::Connected) {
        failAttempt(Problem::ServerShuttingDown, closeReason, true);
    } else {
        QString detail = errorText;
        if (detail.isEmpty())
            detail = closeCode != CloseNormal && !closeReason.isEmpty()
                         ? closeReason
                         : tr("The server closed the connection.");
        failAttempt(Problem::NetworkError, detail, true);
    }
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
        m_retryTimer->stop();
        setState(State::Disconnected);
    }
}

void ChatClient::scheduleRetry()
{
    const int shift = qMin(m_attempt, 20);
    const qint64 cap = qMin<qint64>(m_maxRetryMs, qint64(m_initialRetryMs) << shift);
    // Full jitter: anywhere from 0 to the cap, so that clients of a restarted
    // server spread out.
    m_retryDelayMs = QRandomGenerator::global()->bounded(cap + 1);
    ++m_attempt;
    m_retryClock.start();
    m_retryTimer->start(int(m_retryDelayMs));
    m_state = State::WaitingToReconnect;
    emit stateChanged(m_state);
}

void ChatClient::dropSocket()
{
    m_connectTimer->stop();
    m_pingTimer->stop();
    ++m_generation;
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    if (m_syncReply)
        m_syncReply->abort();
    if (m_olderReply)
        m_olderReply->abort();
    m_syncing = false;
    m_syncBuffer.clear();
    m_resentCids.clear();
    m_inFlight.clear(); // answered or not, it goes again on the next connection
    m_sendTimer->stop();
    if (!m_ackedWhileSyncing.isEmpty()) {
        // Stored by the server: they come back with the catch-up after the
        // reconnect.
        m_ackedWhileSyncing.clear();
        emitPending();
    }
}

void ChatClient::sendFrame(const OutgoingMessage &message)
{
    m_socket->sendTextMessage(QString::fromUtf8(messageFrame(message.text, message.cid)));
}

QNetworkReply *ChatClient::getHistory(const QString &query)
{
    QUrl url;
    url.setScheme(m_endpoint.tls ? u"https"_s : u"http"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    url.setPath(u"/api/history"_s);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toUtf8());
    request.setTransferTimeout(m_connectTimeoutMs);
    if (m_endpoint.tls)
        request.setSslConfiguration(CertificatePins::clientConfiguration());
    QNetworkReply *reply = m_network->get(request);
    if (m_endpoint.tls) {
        // The same pin as the WebSocket; the Authorization header goes out only
        // after it held.
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

bool ChatClient::checkCertificate(const QList<QSslError> &errors, const QSslCertificate &peer)
{
    switch (CertificatePins::check(errors, peer, m_endpoint.fingerprint)) {
    case CertificatePins::Verdict::Accept:
        return true;
    case CertificatePins::Verdict::Unpinned:
        m_presentedFingerprint = CertificatePins::fingerprintOf(peer);
        failAttempt(Problem::UntrustedCertificate, {}, false);
        emit certificateUntrusted(m_presentedFingerprint);
        return false;
    case CertificatePins::Verdict::Changed:
        m_presentedFingerprint = CertificatePins::fingerprintOf(peer);
        failAttempt(Problem::CertificateChanged, {}, false);
        return false;
    case CertificatePins::Verdict::Invalid:
        break;
    }
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons << error.errorString();
    failAttempt(Problem::NetworkError, reasons.join(u"; "_s), true);
    return false;
}

void ChatClient::requestHistory(const QString &query, int generation, bool catchUp)
{
    QNetworkReply *reply = getHistory(query);
    m_syncReply = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, generation, catchUp] { onHistoryReply(reply, generation, catchUp); });
}

void ChatClient::onHistoryReply(QNetworkReply *reply, int generation, bool catchUp)
{
    reply->deleteLater();
    if (m_syncReply == reply)
        m_syncReply = nullptr;
    if (generation != m_generation || !m_syncing)
        return;
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    if (reply->error() != QNetworkReply::NoError || !body.value("events"_L1).isArray()) {
        failAttempt(Problem::HistoryFailed,
                    reply->error() != QNetworkReply::NoError
                        ? reply->errorString()
                        : tr("The answer is not a history page."),
                    true);
        return;
    }
    qint64 lastInPage = 0;
    const QJsonArray events = body.value("events"_L1).toArray();
    for (const QJsonValue &value : events) {
        ChatEntry entry;
        if (!ClientProtocol::entryFromJson(value.toObject(), &entry))
            continue;
        entry.cid.clear();
        entry.own = isOwn(entry.username);
        lastInPage = qMax(lastInPage, entry.id);
        if (!m_syncBuffer.contains(entry.id))
            m_syncBuffer.insert(entry.id, entry);
    }
    const bool hasMore = body.value("hasMore"_L1).toBool();
    if (catchUp && hasMore && lastInPage > 0) {
        requestHistory(u"limit=%1&after=%2"_s.arg(CatchUpPageSize).arg(lastInPage), generation,
                       true);
        return;
    }
    if (!catchUp)
        m_hasOlder = hasMore;
    m_historyDone = true;
    maybeFinishSync();
}

void ChatClient::maybeFinishSync()
{
    if (!m_syncing || !m_historyDone || !m_resentCids.isEmpty())
        return;
    m_syncing = false;
    const QList<ChatEntry> entries = std::exchange(m_syncBuffer, {}).values();
    deliver(entries);
    if (!m_ackedWhileSyncing.isEmpty()) {
        m_ackedWhileSyncing.clear();
        emitPending();
    }
    m_attempt = 0; // a connection that got this far resets the backoff
    emit synced();
}

void ChatClient::deliver(QList<ChatEntry> entries)
{
    entries.removeIf([this](const ChatEntry &entry) { return entry.id <= m_newestId; });
    if (entries.isEmpty())
        return;
    if (m_oldestId == 0)
        m_oldestId = entries.first().id;
    m_newestId = entries.last().id;
    emit entriesAppended(entries);
}

void ChatClient::emitPending()
{
    emit pendingChanged(pendingMessages());
}

bool ChatClient::isOwn(const QString &username) const
{
    const QString key = m_usernameKey.isEmpty()
                            ? UsernameRules::comparisonKey(m_endpoint.username.trimmed())
                            : m_usernameKey;
    return UsernameRules::comparisonKey(username.trimmed()) == key;
}

void ChatClient::resetTimeline()
{
    m_oldestId = 0;
    m_newestId = 0;
    m_hasOlder = false;
    emit timelineReset();
}

void ChatClient::onPingTimer()
{
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        failAttempt(Problem::Timeout, tr("The server stopped answering."), true);
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}
