#include "clienterrortext.h"

#include "fingerprint.h"
#include "protocolconstants.h"

using namespace Qt::StringLiterals;
using namespace Protocol;

namespace {
// The client's sentence, and the server's words after it where they say more (the operator's
// reason, a ban's end). Untranslated (English), the server's words alone say it all.
QString withServerWords(const char *source, const QString &serverMessage)
{
    const QString sentence = ClientErrorText::tr(source);
    const QString words = serverMessage.trimmed();
    if (words.isEmpty())
        return sentence;
    if (sentence == QLatin1StringView(source))
        return words;
    return ClientErrorText::tr("%1 The server says: “%2”").arg(sentence, words);
}
} // namespace

QString ClientErrorText::problem(ChatClient::Problem problem, const QString &detail,
                                 const ServerEndpoint &endpoint, const QString &presented)
{
    using Problem = ChatClient::Problem;
    const QString where = endpoint.authority();
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::ConnectionRefused:
        return tr("Nothing answers at %1: LanChat is not running there, or not on this port. "
                  "Check the address and the port, or ask the host to start LanChat.")
            .arg(where);
    case Problem::HostNotFound:
        return tr("The host “%1” could not be found. Check the name, or use the host's IP "
                  "address.")
            .arg(endpoint.host);
    case Problem::HostUnreachable:
        return tr("%1 cannot be reached from this computer: check that both are on the same "
                  "network.")
            .arg(endpoint.host);
    case Problem::NetworkError:
        return detail.isEmpty() ? tr("The connection to %1 was lost.").arg(where)
                                : tr("The connection to %1 failed: %2").arg(where, detail);
    case Problem::Timeout:
        return detail;
    case Problem::TlsHandshakeFailed:
        return tr("An encrypted connection to %1 could not be set up. If the host does not use "
                  "TLS, join without “Encrypted (TLS)”. (%2)")
            .arg(where, detail);
    case Problem::HostStopped:
        return tr("The host stopped the chat.");
    case Problem::HistoryFailed:
        return tr("The history could not be loaded: %1").arg(detail);
    case Problem::Kicked:
        return detail.isEmpty() ? tr("The operator removed you from the chat.")
                                : tr("The operator removed you from the chat: %1").arg(detail);
    case Problem::InvalidToken:
        return tr("The server refused the token. Check the token in the invite and try again.");
    case Problem::InvalidUsername:
        return detail.isEmpty() ? tr("The server refused the username. Choose another one.")
                                : tr("The server refused the username: %1").arg(detail);
    case Problem::Banned:
    case Problem::Refused:
        return detail;
    case Problem::UsernameTaken:
        return tr("The username \"%1\" is already taken by someone online. Choose another one.")
            .arg(endpoint.username);
    case Problem::TlsRequired:
        return tr("The server accepts only encrypted connections. Join again with \"Encrypted "
                  "(TLS)\" ticked, and ask the host for a new token: this one was just sent "
                  "unencrypted.");
    case Problem::UntrustedCertificate:
        return tr("The server's certificate is not trusted yet. Its SHA-256 fingerprint is %1. "
                  "Trust it only if the host shows the same fingerprint.")
            .arg(presented);
    case Problem::CertificateChanged:
        return tr("Warning: the server's certificate has changed. Expected SHA-256 %1, but the "
                  "server presented %2. Someone may be intercepting the connection: do not "
                  "connect unless the host confirms that the certificate was replaced.")
            .arg(Fingerprint::normalized(endpoint.fingerprint), presented);
    }
    return {};
}

QString ClientErrorText::errorCode(const QString &code, const QString &serverMessage)
{
    // Refusals of the connection.
    if (code == Error::InvalidToken)
        return tr("The server refused the token.");
    if (code == Error::OriginNotAllowed)
        return tr("This page's origin may not connect to this chat.");
    if (code == Error::HostNotAllowed)
        return tr("This server does not answer to that host name.");
    if (code == Error::AddressBlocked)
        return tr("Too many wrong tokens came from your address; try again later.");
    if (code == Error::InvalidUsername)
        return withServerWords(QT_TR_NOOP("The server refused the username."), serverMessage);
    if (code == Error::UsernameTaken)
        return tr("The username is already taken by someone online.");
    if (code == Error::Banned)
        return withServerWords(QT_TR_NOOP("You are banned from this chat."), serverMessage);
    if (code == Error::ServerFull)
        return tr("The chat server is full; try again later.");
    if (code == Error::TooManyConnections)
        return tr("Your address already has as many connections to this chat as it may.");
    if (code == Error::InternalError)
        return tr("The server could not take this connection.");
    // Answers to one frame.
    if (code == Error::InvalidJson || code == Error::NotObject || code == Error::MissingType
        || code == Error::UnknownType || code == Error::InvalidCid)
        return tr("The server could not read what this client sent.");
    if (code == Error::UsernameMismatch)
        return tr("The message named another sender.");
    if (code == Error::InvalidText)
        return tr("The message contains characters the server does not accept.");
    if (code == Error::EmptyText)
        return tr("The message is empty.");
    if (code == Error::TextTooLong)
        return tr("The message is too long for this server.");
    if (code == Error::Muted)
        return withServerWords(QT_TR_NOOP("The operator muted you: you can read, but not send."),
                               serverMessage);
    if (code == Error::RateLimited)
        return tr("You are sending faster than the server allows; the message goes again "
                  "shortly.");
    if (code == Error::StorageFailed)
        return tr("The server could not store the message; it goes again shortly.");
    // The HTTP API's (the history).
    if (code == Error::InvalidParameter)
        return tr("The server did not understand the history request.");
    if (code == Error::MethodNotAllowed || code == Error::NotFound
        || code == Error::UpgradeRequired)
        return tr("The server does not offer what this client asked for.");
    if (!serverMessage.isEmpty())
        return serverMessage;
    return tr("The server refused this (%1).").arg(code);
}
