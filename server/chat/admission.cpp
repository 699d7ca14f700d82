#include "admission.h"

#include "accesstoken.h"
#include "httpapi.h"
#include "logging.h"
#include "protocolconstants.h"
#include "registrations.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
// The request as the log shows it: never with the token someone tried, nor an identity.
QString redactedUrl(QUrl url)
{
    QUrlQuery query(url);
    for (const QLatin1String secret : {Protocol::Query::Token, Protocol::Query::Identity}) {
        if (query.hasQueryItem(secret)) {
            query.removeAllQueryItems(secret);
            query.addQueryItem(secret, u"REDACTED"_s);
        }
    }
    url.setQuery(query);
    return url.toString();
}

AdmissionDecision logged(AdmissionDecision decision, const QString &note, bool warning)
{
    decision.logNote = note;
    decision.logAsWarning = warning;
    return decision;
}

QString banText(const BanInfo &ban)
{
    QString text = ban.isPermanent() ? u"You are banned from this chat."_s
                                     : u"You are banned from this chat until %1."_s.arg(
                                         QDateTime::fromMSecsSinceEpoch(ban.untilMs, Qt::UTC)
                                             .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
    if (!ban.reason.isEmpty())
        text += u" Reason: "_s + ban.reason;
    return text;
}
} // namespace

AdmissionDecision AdmissionDecision::admit(Role role, const QString &username,
                                           const QString &usernameKey)
{
    AdmissionDecision decision;
    decision.role = role;
    decision.username = username;
    decision.usernameKey = usernameKey;
    return decision;
}

AdmissionDecision AdmissionDecision::refuse(QLatin1String code, const QString &message)
{
    AdmissionDecision decision;
    decision.errorCode = code;
    decision.closeCode = Protocol::errorInfo(QString(code)).closeCode;
    Q_ASSERT_X(decision.closeCode != 0, "AdmissionDecision::refuse", "an error without a close");
    decision.message = message;
    return decision;
}

Admission::Admission(const Policy &policy, State &state) : m_policy(policy), m_state(state) { }

AdmissionDecision Admission::decide(const AdmissionRequest &request, qint64 nowMs) const
{
    using Decision = AdmissionDecision;
    if (!request.hostAllowed) {
        // DNS rebinding: a page on another name that now points here.
        return logged(Decision::refuse(Protocol::Error::HostNotAllowed,
                                       u"This server does not answer to that host name."_s),
                      u"refused a WebSocket connection from %1 addressed to the host %2"_s.arg(
                          request.address, LanChat::escapeForLog(request.url.host())),
                      true);
    }
    if (!isOriginAllowed(request)) {
        return logged(Decision::refuse(Protocol::Error::OriginNotAllowed,
                                       u"This page's origin may not connect to this chat."_s),
                      u"refused a browser connection from %1 with the foreign origin %2"_s.arg(
                          request.address,
                          // Qt read the field as Latin-1: log its bytes.
                          LanChat::escapeForLog(QByteArrayView(request.origin.toLatin1()))),
                      true);
    }
    if (m_state.isAddressBlocked(request.address, nowMs))
        return Decision::refuse(
            Protocol::Error::AddressBlocked,
            u"Too many wrong tokens came from your address; try again later."_s);
    const QString presented
        = QUrlQuery(request.url).queryItemValue(Protocol::Query::Token, QUrl::FullyDecoded);
    const bool asOperator
        = !m_policy.operatorKey.isEmpty() && AccessToken::matches(presented, m_policy.operatorKey);
    if (!asOperator && !AccessToken::matches(presented, m_policy.token)) {
        Decision refusal
            = logged(Decision::refuse(Protocol::Error::InvalidToken, u"invalid token"_s),
                     u"refused a connection with a wrong or missing token from %1 to %2"_s.arg(
                         request.address, LanChat::escapeForLog(redactedUrl(request.url))),
                     true);
        refusal.wrongToken = true;
        return refusal;
    }
    if (request.url.path() == HttpApi::EchoPath)
        return checkCapacity(request.address, Decision::admit(Decision::Role::Echo));
    return decideChat(request, asOperator, nowMs);
}

bool Admission::isOriginAllowed(const AdmissionRequest &request) const
{
    if (request.origin.isEmpty()) // native clients send none
        return true;
    const QUrl originUrl(request.origin);
    // The server's own page: same host and port as the request was addressed to.
    if (originUrl.host().compare(request.url.host(), Qt::CaseInsensitive) == 0
        && originUrl.port(80) == request.url.port(80)
        && (originUrl.scheme() == "http"_L1 || originUrl.scheme() == "https"_L1))
        return true;
    return m_policy.allowedOrigins.contains(request.origin, Qt::CaseInsensitive);
}

AdmissionDecision Admission::decideChat(const AdmissionRequest &request, bool asOperator,
                                        qint64 nowMs) const
{
    using Decision = AdmissionDecision;
    // Still percent-encoded: UsernameRules decodes the bytes strictly, where a decoded value
    // would already have turned invalid UTF-8 into U+FFFD.
    const UsernameRules::Verdict verdict = UsernameRules::checkQueryValue(
        QUrlQuery(request.url).queryItemValue(Protocol::Query::Username, QUrl::FullyEncoded));
    if (!verdict.isValid())
        return Decision::refuse(Protocol::Error::InvalidUsername, verdict.problem);
    // The operator cannot lock itself out.
    const BanInfo *ban
        = asOperator ? nullptr : m_state.findBan(verdict.key, request.address, nowMs);
    if (ban) {
        Decision refusal = logged(Decision::refuse(Protocol::Error::Banned, banText(*ban)),
                                  u"refused banned %1 from %2"_s.arg(
                                      LanChat::escapeForLog(verdict.username), request.address),
                                  false);
        refusal.sanction = Protocol::Sanction {ban->untilMs, ban->reason};
        return refusal;
    }
    const Decision admitted = checkIdentity(
        request, Decision::admit(asOperator ? Decision::Role::Operator : Decision::Role::Chat,
                                 verdict.username, verdict.key));
    if (!admitted.isAdmitted())
        return admitted;
    // The owner of a registered name may be online more than once (two tabs of one browser);
    // everyone else needs a name nobody online has or resembles. A connection that would register
    // the name is not its owner yet: whoever is online under it came first.
    const QString holder = m_state.onlineHolderKey(verdict.username);
    const bool ownerAgain = admitted.registered && !admitted.registers && holder == verdict.key;
    if (!holder.isEmpty() && !ownerAgain)
        return Decision::refuse(
            Protocol::Error::UsernameTaken,
            u"The username \"%1\" is already taken by someone online."_s.arg(verdict.username));
    return checkCapacity(request.address, admitted);
}

AdmissionDecision Admission::checkIdentity(const AdmissionRequest &request,
                                           AdmissionDecision admitted) const
{
    using Decision = AdmissionDecision;
    const QUrlQuery query(request.url);
    if (query.hasQueryItem(Protocol::Query::Identity)) {
        const QString identity
            = query.queryItemValue(Protocol::Query::Identity, QUrl::FullyDecoded);
        if (!Registrations::isValidIdentity(identity))
            return Decision::refuse(
                Protocol::Error::InvalidIdentity,
                u"The identity must be %1 to %2 characters of A-Z, a-z, 0-9, '-' and '_'."_s
                    .arg(Protocol::Limits::MinIdentityLength)
                    .arg(Protocol::Limits::MaxIdentityLength));
        admitted.identityHash = AccessToken::digest(identity);
    }
    const Registration *registration
        = m_state.findRegistration(admitted.usernameKey, admitted.username);
    if (!registration) {
        // The first connect of a name with an identity registers it; without one, the name
        // stays free for anyone (a version 1 client).
        admitted.registers = admitted.registered = !admitted.identityHash.isEmpty();
        return admitted;
    }
    // A look-alike of a registered name is refused even with the owner's identity: the owner
    // goes by the registered spelling's key.
    if (admitted.identityHash.isEmpty() || registration->userKey != admitted.usernameKey
        || !AccessToken::digestsMatch(admitted.identityHash, registration->identityHash))
        return logged(
            Decision::refuse(
                Protocol::Error::NameRegistered,
                u"The name \"%1\" is registered to someone else; choose another name."_s.arg(
                    admitted.username)),
            u"refused %1 from %2: the name is registered to another identity"_s.arg(
                LanChat::escapeForLog(admitted.username), request.address),
            false);
    admitted.registered = true;
    return admitted;
}

AdmissionDecision Admission::checkCapacity(const QString &address, AdmissionDecision admitted) const
{
    if (m_state.connectionCount() >= m_policy.maxConnections)
        return AdmissionDecision::refuse(
            Protocol::Error::ServerFull,
            u"The chat server is full (%1 connections); try again later."_s.arg(
                m_policy.maxConnections));
    if (m_state.connectionCountFrom(address) >= m_policy.maxConnectionsPerAddress)
        return AdmissionDecision::refuse(
            Protocol::Error::TooManyConnections,
            u"Your address already has %1 connections to this chat."_s.arg(
                m_policy.maxConnectionsPerAddress));
    return admitted;
}
