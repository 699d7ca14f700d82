// Lives in the thread that created it (the GUI thread in the app). A LanChat chat client
// (docs/PROTOCOL.md): one WebSocket for live events and sending, the HTTP history API for the
// initial page, older pages and catch-up after a reconnect. It reconnects by itself with
// exponential backoff and full jitter, keeps unacknowledged messages in a persisted Outbox and
// sends them one at a time in the order written (the next when the previous one is answered),
// pacing itself when the server's flood control answers `rate_limited` and backing off while it
// answers `storage_failed`: those are not refusals, the message goes again with the same cid.
// It hands the timeline out in id order without gaps or duplicates: entriesAppended() only ever
// carries ids above everything handed out before, olderEntriesLoaded() only ids below.
// Every conversation (general, the other rooms the user is in, DMs) has a timeline of its own;
// entriesAppended() carries one conversation's entries at a time (ChatEntry::conversation).
// The jobs are classes of their own: ClientConnection (the WebSocket, handshake, pings, pin
// check), OutboxPacer (one message in flight, pacing and back-off), ConversationSet (the
// conversations, their state and a TimelineSync each: initial page, catch-up, older pages,
// gap-free merge); ChatClient ties them together.
#pragma once

#include "clientconnection.h"
#include "clienttypes.h"
#include "conversationset.h"
#include "onlineusers.h"
#include "outboxpacer.h"
#include "protocol.h"
#include "protocolconstants.h"
#include "reconnectbackoff.h"
#include "timelinesync.h"

#include <QHash>

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>

class Outbox;
class QNetworkAccessManager;
class QTimer;

class ChatClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatClient)

public:
    enum class State { Disconnected, Connecting, Connected, WaitingToReconnect };
    Q_ENUM(State)

    // Why the client is not connected (or was not, last time).
    enum class Problem {
        None,
        ConnectionRefused, // nothing accepts connections at the address and port: retried
        HostNotFound, // the name does not resolve (retried) or is no host name (not retried)
        HostUnreachable, // no route to the address: retried
        NetworkError, // the connection was lost, or failed otherwise: retried
        Timeout, // no welcome in time, or no pong: retried
        TlsHandshakeFailed, // no TLS session (not a TLS server, a broken certificate): not retried
        HostStopped, // close 1001, the host stopped its server: retried (refused meanwhile)
        HistoryFailed, // the history API failed while syncing: retried
        Kicked, // close 4000: not retried
        InvalidToken, // close 1008: not retried
        InvalidUsername, // close 4001: not retried
        UsernameTaken, // close 4002: not retried
        NameRegistered, // close 4009 (registered to another identity): not retried
        Banned, // close 4003 (banned) or 4006 (address blocked after wrong tokens): not retried
        Refused, // close 4005 (server full, too many connections) and other refusals: retried
        UntrustedCertificate, // TLS without a pinned fingerprint: the user decides; not retried
        CertificateChanged, // TLS with another certificate than the pinned one: not retried
        TlsRequired, // a plain connection to a server with TLS on (HTTP 403): not retried
    };
    Q_ENUM(Problem)

    static constexpr int DefaultConnectTimeoutMs = 10000;
    static constexpr int DefaultInitialRetryMs = 500;
    static constexpr int DefaultMaxRetryMs = 20000;
    static constexpr int DefaultPingIntervalMs = 15000;
    static constexpr int DefaultHistoryPageSize = Protocol::Limits::HistoryPageDefault;
    static constexpr int CatchUpPageSize = TimelineSync::CatchUpPageSize;
    static constexpr int DefaultMaxTextLength = Protocol::Limits::MaxTextLength;
    // The pacing after `rate_limited` and the back-off after `storage_failed` (OutboxPacer).
    static constexpr int RateLimitPauseMs = OutboxPacer::RateLimitPauseMs;
    static constexpr int MaxPaceMs = OutboxPacer::MaxPaceMs;
    static constexpr int StorageRetryInitialMs = OutboxPacer::StorageRetryInitialMs;
    static constexpr int StorageRetryMaxMs = OutboxPacer::StorageRetryMaxMs;

    // Error codes after which the message was neither stored nor broadcast and is sent again
    // later with the same cid (docs/PROTOCOL.md, "Error codes"); every other error that names a
    // cid refuses that message for good.
    static bool isRetryable(const QString &errorCode);

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    // Where to connect; forgets the timeline and switches the outbox when the server or the
    // username changes. Takes effect at the next connectToServer().
    void setEndpoint(const ServerEndpoint &endpoint);
    // The identity secret sent with every connect, whatever the endpoint (ClientIdentity); empty:
    // none, as a version 1 client.
    void setIdentity(const QString &identity) { m_identity = identity; }
    ServerEndpoint endpoint() const { return m_endpoint; }
    // Where the outbox files are kept (default: QStandardPaths::AppDataLocation/outbox).
    void setDataDirectory(const QString &directory);
    QString outboxFilePath() const;

    void setConnectTimeout(int ms)
    {
        m_connectTimeoutMs = ms;
        m_conversations->setRequestTimeout(ms);
    }
    void setRetryDelays(int initialMs, int maxMs);
    void setPingInterval(int ms);
    void setHistoryPageSize(int size) { m_conversations->setPageSize(size); }

    State state() const { return m_state; }
    Problem problem() const { return m_problem; }
    // A sentence for the user that says why the client is not connected (ClientErrorText);
    // empty when it is.
    QString problemText() const;
    // The fingerprint of the certificate the server presented when the pin check failed
    // (UntrustedCertificate, CertificateChanged); empty otherwise.
    QString presentedFingerprint() const { return m_presentedFingerprint; }
    bool isRetrying() const { return m_state == State::WaitingToReconnect; }
    qint64 msecsUntilRetry() const;
    int attempt() const { return m_backoff.attempt(); }
    // The initial page and the catch-up after a reconnect are complete, in every conversation.
    bool isSynced() const { return m_state == State::Connected && !m_conversations->isSyncing(); }

    QString username() const { return m_username; }
    QStringList users() const { return m_online.names(); }
    bool isOnline(const QString &username) const { return m_online.isOnline(username); }
    // Whether the user online is an operator (the welcome's `operators`, a join's `operator`).
    bool isOperator(const QString &username) const;
    int maxTextLength() const { return m_maxTextLength; }
    // The operator muted this client (the `muted` error frame's `until` and `reason`): messages
    // would be refused until the server says `unmuted`. Not known from servers older than those
    // members; forgotten at the next welcome (the server tells it again while it lasts).
    bool isMuted() const { return m_mute.has_value(); }
    std::optional<Protocol::Sanction> mute() const { return m_mute; }
    // A conversation's timeline (general when none is named); false and 0 for one there is not.
    bool hasOlder(const ConversationId &id = {}) const { return m_conversations->hasOlder(id); }
    bool isLoadingOlder(const ConversationId &id = {}) const
    {
        return m_conversations->isLoadingOlder(id);
    }
    qint64 oldestId(const ConversationId &id = {}) const { return m_conversations->oldestId(id); }
    qint64 newestId(const ConversationId &id = {}) const { return m_conversations->newestId(id); }
    // The conversation's newest event when its last sync started (the welcome's or
    // room_joined's lastId): newer ones arrived live.
    qint64 historyEnd(const ConversationId &id) const { return m_conversations->historyEnd(id); }
    // The conversations: rooms (general first), then DMs.
    QList<ConversationInfo> conversations() const { return m_conversations->conversations(); }
    ConversationInfo conversation(const ConversationId &id) const
    {
        return m_conversations->info(id);
    }
    bool hasConversation(const ConversationId &id) const { return m_conversations->contains(id); }
    // The welcome said the name is registered to this client's identity: it may send DMs.
    bool isRegistered() const { return m_registered; }
    QList<OutgoingMessage> pendingMessages() const;

    // The text as it would be sent (line breaks normalised, control characters removed).
    static QString normalizedText(const QString &text);
    // Whether the text names the user as a word of its own (case-insensitive).
    static bool mentions(const QString &text, const QString &username);
    // Where the text names the user: start, length pairs (UTF-16 positions in text).
    static QList<int> mentionRanges(const QString &text, const QString &username);

public slots:
    void connectToServer();
    // Closes the connection and stops retrying.
    void disconnectFromServer();
    // While waiting to retry: retries at once.
    void retryNow();
    // Queues the message (persisted) and sends it to the conversation when connected. Returns
    // its cid, or an empty string when the text is empty or longer than maxTextLength().
    QString sendMessage(const QString &text, const ConversationId &target = {});
    // Fetches the conversation's page before its oldestId(); olderEntriesLoaded() follows.
    void loadOlder(const ConversationId &id = {});
    // Conversation requests; the server answers with room_joined or events, or an error
    // (requestRefused()). Nothing is sent while not connected: false then.
    bool joinRoom(const QString &room);
    bool leaveRoom(const QString &room);
    bool setTopic(const QString &room, const QString &topic);
    // Opens the DM conversation with the user (nothing is sent until a message is).
    ConversationId openDirect(const QString &username);
    // The user is typing in the conversation: sent at most once per Protocol::TypingIntervalMs.
    void sendTyping(const ConversationId &id);

signals:
    void stateChanged(ChatClient::State state);
    // One conversation's newer entries (all of the same ChatEntry::conversation).
    void entriesAppended(const QList<ChatEntry> &entries);
    void olderEntriesLoaded(const QList<ChatEntry> &entries, bool hasMore,
                            const ConversationId &conversation);
    void olderLoadFailed(const QString &error, const ConversationId &conversation);
    // The server's history does not continue ours (another server at the same address): the
    // conversation's timeline starts again.
    void timelineReset(const ConversationId &conversation);
    // The conversations, or what is known of one (topic, lock, members), changed.
    void conversationsChanged();
    // The conversation handed out its initial page or its catch-up: what comes next is live.
    void conversationSynced(const ConversationId &conversation);
    // The user left the room, was removed from it, or it was deleted.
    void conversationRemoved(const ConversationId &conversation);
    // The operator removed the user from the room, or deleted it (conversationRemoved()
    // follows); reason: as the operator typed it, may be empty.
    void removedFromRoom(const QString &room, bool deleted, const QString &reason);
    // Someone else is typing in the conversation (docs/PROTOCOL.md, "Typing").
    void typing(const ConversationId &conversation, const QString &username);
    // The server refused a request that was no message (join, leave, topic, typing); reason:
    // ClientErrorText::errorCode().
    void requestRefused(const QString &reason);
    void synced();
    void usersChanged(const QStringList &users);
    // The messages waiting for their acknowledgement, oldest first.
    void pendingChanged(const QList<OutgoingMessage> &pending);
    void messageAcknowledged(const QString &cid, qint64 id);
    // The server refused the message for good (too long, invalid, muted…); it is not re-sent.
    // Transient errors (isRetryable()) never end here. reason: ClientErrorText::errorCode().
    void messageRefused(const QString &cid, const QString &text, const QString &reason,
                        const ConversationId &target);
    // isMuted() or mute() changed.
    void muteChanged();
    // The user was mentioned by someone else in a live message.
    void mentioned(const ChatEntry &entry);
    // A TLS server presented a certificate and nothing is pinned for it. To trust it, set an
    // endpoint with this fingerprint and connect again.
    void certificateUntrusted(const QString &fingerprint);

private:
    void startAttempt();
    void setState(State state);
    void onWelcome(const QJsonObject &frame);
    void onFrame(const QJsonObject &frame);
    void onEvent(const QJsonObject &frame);
    void onErrorFrame(const QJsonObject &frame);
    void setMute(const std::optional<Protocol::Sanction> &mute);
    void onEnded(const ClientConnection::Ending &ending);
    void onCertificateRejected(CertificatePins::Verdict verdict, const QString &presented,
                               const QString &errors);
    void onSynced();
    bool sendRequest(const QByteArray &frame);
    void failAttempt(Problem problem, const QString &detail, bool retry);
    void scheduleRetry();
    void dropSocket();
    void sendFrame(const OutgoingMessage &message);
    void emitPending();
    QString ownKey() const;
    bool isOwn(const QString &username) const;

    ServerEndpoint m_endpoint;
    QString m_identity;
    QString m_dataDirectory;
    Outbox *m_outbox = nullptr;
    OutboxPacer *m_pacer = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    ClientConnection *m_connection = nullptr;
    ConversationSet *m_conversations = nullptr;
    QTimer *m_retryTimer = nullptr;
    QElapsedTimer m_retryClock;
    qint64 m_retryDelayMs = 0;

    State m_state = State::Disconnected;
    Problem m_problem = Problem::None;
    QString m_problemDetail;
    QString m_presentedFingerprint;
    ReconnectBackoff m_backoff;
    int m_connectTimeoutMs = DefaultConnectTimeoutMs;

    QString m_username;
    QString m_usernameKey;
    bool m_registered = false;
    QHash<QString, qint64> m_typingSentMs; // by ConversationId::key(): when it was last sent
    OnlineUsers m_online;
    int m_maxTextLength = DefaultMaxTextLength;
    std::optional<Protocol::Sanction> m_mute;

    QList<OutgoingMessage> m_ackedWhileSyncing; // still shown as pending until handed out
};
