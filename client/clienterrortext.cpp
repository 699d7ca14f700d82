#include "clienterrortext.h"

#include "chattime.h"
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
const char *const CouldNotRead
    = QT_TRANSLATE_NOOP("ClientErrorText", "The server could not read what this client sent.");
const char *const NotOffered
    = QT_TRANSLATE_NOOP("ClientErrorText", "The server does not offer what this client asked for.");
const char *const MutedText
    = QT_TRANSLATE_NOOP("ClientErrorText", "The operator muted you: you can read, but not send.");

// The sentence, and the operator's reason after it when there is one.
QString withReason(const QString &sentence, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return sentence;
    return sentence + u' ' + ClientErrorText::tr("Reason: %1").arg(reason.trimmed());
}

QString momentText(qint64 msecsSinceEpoch)
{
    return ChatTime::moment(QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch));
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
    case Problem::NameRegistered:
        return tr("The name \"%1\" is registered to someone else's device. Choose another name; "
                  "if it is yours, ask the host to release it.")
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

namespace {
// The client's sentence for each code of the protocol's table (docs/PROTOCOL.md, "Error codes");
// detailed: the server's message carries what the operator wrote or why, shown after it.
struct CodeText
{
    QLatin1String code;
    const char *text;
    bool detailed = false;
};

const CodeText Catalogue[] = {
    // Refusals of the connection.
    {Error::InvalidToken, QT_TRANSLATE_NOOP("ClientErrorText", "The server refused the token.")},
    {Error::OriginNotAllowed,
     QT_TRANSLATE_NOOP("ClientErrorText", "This page's origin may not connect to this chat.")},
    {Error::HostNotAllowed,
     QT_TRANSLATE_NOOP("ClientErrorText", "This server does not answer to that host name.")},
    {Error::AddressBlocked,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "Too many wrong tokens came from your address; try again later.")},
    {Error::InvalidUsername,
     QT_TRANSLATE_NOOP("ClientErrorText", "The server refused the username."), true},
    {Error::UsernameTaken,
     QT_TRANSLATE_NOOP("ClientErrorText", "The username is already taken by someone online.")},
    {Error::NameRegistered,
     QT_TRANSLATE_NOOP("ClientErrorText", "The name is registered to someone else's device.")},
    {Error::InvalidIdentity,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "This device's identity is damaged; remove it from the settings.")},
    {Error::Banned, QT_TRANSLATE_NOOP("ClientErrorText", "You are banned from this chat."), true},
    {Error::ServerFull,
     QT_TRANSLATE_NOOP("ClientErrorText", "The chat server is full; try again later.")},
    {Error::TooManyConnections,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "Your address already has as many connections to this chat as it may.")},
    {Error::InternalError,
     QT_TRANSLATE_NOOP("ClientErrorText", "The server could not take this connection.")},
    // Answers to one frame.
    {Error::InvalidJson, CouldNotRead},
    {Error::NotObject, CouldNotRead},
    {Error::MissingType, CouldNotRead},
    {Error::UnknownType, CouldNotRead},
    {Error::InvalidCid, CouldNotRead},
    {Error::UsernameMismatch,
     QT_TRANSLATE_NOOP("ClientErrorText", "The message named another sender.")},
    {Error::InvalidText,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "The message contains characters the server does not accept.")},
    {Error::EmptyText, QT_TRANSLATE_NOOP("ClientErrorText", "The message is empty.")},
    {Error::TextTooLong,
     QT_TRANSLATE_NOOP("ClientErrorText", "The message is too long for this server.")},
    {Error::Muted, MutedText, true},
    {Error::RateLimited,
     QT_TRANSLATE_NOOP("ClientErrorText", "You are sending faster than the server allows; the "
                                          "message goes again shortly.")},
    {Error::StorageFailed,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "The server could not store the message; it goes again shortly.")},
    // Rooms and direct messages.
    {Error::InvalidRoom,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "That is not a room's name: use lower-case letters, digits, - and _.")},
    {Error::UnknownRoom, QT_TRANSLATE_NOOP("ClientErrorText", "There is no such room.")},
    {Error::NotMember, QT_TRANSLATE_NOOP("ClientErrorText", "You are not in that room.")},
    {Error::UnknownUser,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "Nobody has registered that name, so it cannot get direct messages.")},
    {Error::TopicTooLong, QT_TRANSLATE_NOOP("ClientErrorText", "The topic is too long.")},
    {Error::RoomLocked,
     QT_TRANSLATE_NOOP("ClientErrorText", "The operator locked this room's topic.")},
    {Error::TooManyRooms,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "You are in as many rooms as the server allows; leave one first.")},
    {Error::RoomsFull,
     QT_TRANSLATE_NOOP("ClientErrorText",
                       "The server has as many rooms as it allows; join an existing one.")},
    {Error::IdentityRequired,
     QT_TRANSLATE_NOOP("ClientErrorText", "Direct messages need a registered name.")},
    {Error::InvalidTarget, CouldNotRead},
    // The HTTP API's (the history).
    {Error::InvalidParameter,
     QT_TRANSLATE_NOOP("ClientErrorText", "The server did not understand the history request.")},
    {Error::MethodNotAllowed, NotOffered},
    {Error::NotFound, NotOffered},
    {Error::UpgradeRequired, NotOffered},
    {Error::Forbidden,
     QT_TRANSLATE_NOOP("ClientErrorText", "The server did not allow this request.")},
};
} // namespace

QString ClientErrorText::errorCode(const QString &code, const QString &serverMessage,
                                   const std::optional<Protocol::Sanction> &sanction)
{
    if (sanction && code == Error::Banned)
        return banned(*sanction);
    if (sanction && code == Error::Muted)
        return muted(*sanction);
    for (const CodeText &entry : Catalogue) {
        if (entry.code == code)
            return entry.detailed ? withServerWords(entry.text, serverMessage) : tr(entry.text);
    }
    if (!serverMessage.isEmpty())
        return serverMessage;
    return tr("The server refused this (%1).").arg(code);
}

QString ClientErrorText::banned(const Protocol::Sanction &ban)
{
    return withReason(
        ban.isPermanent()
            ? tr("You are banned from this chat permanently.")
            : tr("You are banned from this chat until %1.").arg(momentText(ban.untilMs)),
        ban.reason);
}

QString ClientErrorText::muted(const Protocol::Sanction &mute)
{
    // A mute always ends; a permanent one is a server's mistake, worded without a time.
    return withReason(mute.isPermanent()
                          ? tr(MutedText)
                          : tr("The operator muted you until %1: you can read, but not send.")
                                .arg(momentText(mute.untilMs)),
                      mute.reason);
}
