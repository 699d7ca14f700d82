#include "endingverdict.h"

#include "clienterrortext.h"
#include "protocolconstants.h"

#include <QUrl>

using namespace Qt::StringLiterals;
using namespace Protocol;
using Problem = ChatClient::Problem;

namespace {
EndingVerdict verdict(Problem problem, const QString &detail, bool retry)
{
    EndingVerdict result;
    result.problem = problem;
    result.detail = detail;
    result.retry = retry;
    return result;
}

// Whether the text can name a host at all (a name, an IPv4 or IPv6 address).
bool isHostName(const QString &host)
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(host);
    return url.isValid() && !url.host().isEmpty();
}

EndingVerdict socketFailure(const ClientConnection::Ending &ending,
                            const EndingVerdict::Context &context)
{
    switch (ending.socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        // A host that stopped its server refuses until it starts again: that is still the news.
        return verdict(context.previous == Problem::HostStopped ? Problem::HostStopped
                                                                : Problem::ConnectionRefused,
                       {}, true);
    case QAbstractSocket::HostNotFoundError:
        // A name that could never resolve is not retried; one the resolver did not know may
        // appear (a host joining the network).
        return verdict(Problem::HostNotFound, {}, isHostName(context.host));
    case QAbstractSocket::NetworkError:
        return verdict(!context.wasConnected ? Problem::HostUnreachable : Problem::NetworkError,
                       ending.errorText, true);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return verdict(Problem::TlsHandshakeFailed, ending.errorText, false);
    default:
        return verdict(Problem::NetworkError, ending.errorText, true);
    }
}

} // namespace

EndingVerdict EndingVerdict::of(const ClientConnection::Ending &ending, const Context &context)
{
    const quint16 closeCode = ending.closeCode;
    const QString &closeReason = ending.closeReason;
    const QString &refusal = ending.refusalCode;
    const QString &refusalMessage = ending.refusalMessage;
    if (ending.kicked || closeCode == CloseKicked) {
        return verdict(Problem::Kicked, ending.kicked ? ending.kickReason : closeReason, false);
    } else if (refusal == Error::InvalidToken || closeCode == ClosePolicy) {
        return verdict(Problem::InvalidToken, refusalMessage, false);
    } else if (refusal == Error::InvalidUsername || closeCode == CloseInvalidUsername) {
        return verdict(Problem::InvalidUsername,
                       refusalMessage.isEmpty() ? closeReason : refusalMessage, false);
    } else if (refusal == Error::UsernameTaken || closeCode == CloseUsernameTaken) {
        return verdict(Problem::UsernameTaken, refusalMessage, false);
    } else if (refusal == Error::InvalidIdentity) {
        return verdict(Problem::Refused, ClientErrorText::errorCode(refusal, refusalMessage),
                       false);
    } else if (refusal == Error::NameRegistered || closeCode == CloseNameRegistered) {
        return verdict(Problem::NameRegistered, refusalMessage, false);
    } else if (refusal == Error::Banned || refusal == Error::AddressBlocked
               || closeCode == CloseBanned || closeCode == CloseAddressBlocked) {
        return verdict(Problem::Banned,
                       refusal.isEmpty() ? closeReason
                                         : ClientErrorText::errorCode(refusal, refusalMessage,
                                                                      ending.refusalSanction),
                       false);
    } else if (ending.upgradeRefused && !context.tls
               && ending.errorText.contains(u"403 (TLS Required)"_s)) {
        // QWebSocket reports a refused upgrade's status and reason phrase only in its error
        // text; a LanChat server with TLS on uses this one (docs/PROTOCOL.md, "TLS").
        return verdict(Problem::TlsRequired, ending.errorText, false);
    } else if (!refusal.isEmpty()) {
        return verdict(Problem::Refused, ClientErrorText::errorCode(refusal, refusalMessage), true);
    } else if (closeCode == CloseGoingAway && context.wasConnected) {
        return verdict(Problem::HostStopped, closeReason, true);
    } else if (ending.socketError != QAbstractSocket::UnknownSocketError
               && !ending.upgradeRefused) {
        return socketFailure(ending, context);
    } else {
        QString detail = ending.errorText;
        if (detail.isEmpty() && closeCode != CloseNormal)
            detail = closeReason;
        return verdict(Problem::NetworkError, detail, true);
    }
}
