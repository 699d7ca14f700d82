// Lives in the server thread (ChatServer owns it); a plain object without sockets or timers: the
// clock comes in as nowMs, the server's state through the narrow State interface, and the decision
// goes out as a value for ChatServer to carry out.
//
// Who may join (docs/PROTOCOL.md, "Authentication"): whether a WebSocket that finished its
// handshake becomes a chat client or an echo connection, or is refused with which error, close code
// and message. The checks, in this order (the first that fails decides): the Host named this
// server, the Origin is the server's own or an allowed one, the address is not blocked for wrong
// tokens, the token matches; then for a chat client the username follows the rules, no ban matches
// its name or address, the identity (if any) is well-formed, a registered name (or a look-alike
// of one) comes with its owner's identity, nobody else online has the name; last, for both kinds,
// the connection caps (in total, then per address).
#pragma once

#include "chattypes.h"
#include "protocol.h"

#include <QLatin1String>
#include <QString>
#include <QStringList>
#include <QUrl>

// What a peer presents when its WebSocket handshake is done. Fields are added (an operator's key,
// say) without changing the ones there are.
struct AdmissionRequest
{
    QString address; // the peer's, as ConnectionManager::addressText shows (and bans name) it
    QUrl url; // the request: its path (chat or /ws/echo), `token` and `username` in the query
    QString origin; // the Origin header as Qt read it; empty from native clients
    bool hostAllowed = false; // its Host header named this server (HostPolicy)
};

// The answer: admitted in a role, or refused with an error code of Protocol::Errors and the close
// code that table gives it.
struct AdmissionDecision
{
    // What an admitted connection becomes; further roles are added here.
    // Operator: the host's own chat client, which presented the operator key.
    enum class Role { Chat, Operator, Echo };

    static AdmissionDecision admit(Role role, const QString &username = {},
                                   const QString &usernameKey = {});
    // The close code is the error table's (Protocol::errorInfo); code must be one that closes.
    static AdmissionDecision refuse(QLatin1String code, const QString &message);

    bool isAdmitted() const { return errorCode.isEmpty(); }

    Role role = Role::Chat;
    QString username; // a chat client's, as UsernameRules checked it
    QString usernameKey; // its comparison key
    // The SHA-256 of the identity the client presented; empty: none (a version 1 client).
    QByteArray identityHash;
    // The name is registered to that identity (it was, or this connection registers it).
    bool registered = false;
    // This connection registers the name: store the registration before the welcome.
    bool registers = false;
    QLatin1String errorCode; // empty when admitted
    quint16 closeCode = 0;
    QString message; // the error frame's text, and the close reason's start
    // A ban's end and reason, for the error frame's `until` and `reason` (`banned` only).
    std::optional<Protocol::Sanction> sanction;
    // The refusal counts as a wrong token against the address (AddressBlocker).
    bool wrongToken = false;
    // What the server log says about the refusal (peer text escaped, the token redacted); empty:
    // nothing. A warning when it looks like a misconfiguration or an attack.
    QString logNote;
    bool logAsWarning = false;
};

class Admission final
{
public:
    // What admission asks of the server's state. ChatServer answers from AddressBlocker,
    // Moderation and ConnectionManager; a test answers from a fake.
    class State
    {
    public:
        virtual ~State() = default;
        virtual bool isAddressBlocked(const QString &address, qint64 nowMs) = 0;
        // The active ban matching the username (its comparison key) or address, or nullptr.
        virtual const BanInfo *findBan(const QString &usernameKey, const QString &address,
                                       qint64 nowMs)
            = 0;
        // The comparison key of the user online under the name or one that looks the same;
        // empty when nobody is.
        virtual QString onlineHolderKey(const QString &username) const = 0;
        // The registration of the name (its comparison key) or of one that looks the same, or
        // nullptr.
        virtual const Registration *findRegistration(const QString &usernameKey,
                                                     const QString &username) const = 0;
        // Connections of every kind, chat and echo: what the caps count.
        virtual int connectionCount() const = 0;
        virtual int connectionCountFrom(const QString &address) const = 0;
    };

    struct Policy
    {
        QString token;
        // Presented in the token's place by the host's own chat client; empty: no operator.
        QString operatorKey;
        QStringList allowedOrigins; // besides the server's own page
        int maxConnections = 0;
        int maxConnectionsPerAddress = 0;
    };

    Admission(const Policy &policy, State &state);

    AdmissionDecision decide(const AdmissionRequest &request, qint64 nowMs) const;

private:
    bool isOriginAllowed(const AdmissionRequest &request) const;
    // A chat client's own checks: the admission as a chat client, or the refusal.
    AdmissionDecision decideChat(const AdmissionRequest &request, bool asOperator,
                                 qint64 nowMs) const;
    // The identity's checks after the ban's: the admission with its registration, or the
    // refusal.
    AdmissionDecision checkIdentity(const AdmissionRequest &request,
                                    AdmissionDecision admitted) const;
    // The caps, last for both kinds: `admitted` when there is room, else the refusal.
    AdmissionDecision checkCapacity(const QString &address, AdmissionDecision admitted) const;

    Policy m_policy;
    State &m_state;
};
