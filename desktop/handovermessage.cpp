#include "handovermessage.h"

#include "invitelink.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {
constexpr auto VersionKey = "handover"_L1;
constexpr auto ActionKey = "action"_L1;
constexpr auto InviteKey = "invite"_L1;
constexpr auto ActivateAction = "activate"_L1;
constexpr auto JoinAction = "join"_L1;
constexpr auto OkKey = "ok"_L1;
constexpr auto ErrorKey = "error"_L1;

QByteArray compactLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}
} // namespace

HandOverMessage HandOverMessage::activate()
{
    return {};
}

HandOverMessage HandOverMessage::join(const QString &invite)
{
    HandOverMessage message;
    message.action = Action::Join;
    message.invite = invite;
    return message;
}

QByteArray HandOverMessage::toLine() const
{
    QJsonObject object {{VersionKey, Version}};
    if (action == Action::Join) {
        object.insert(ActionKey, JoinAction);
        object.insert(InviteKey, invite);
    } else {
        object.insert(ActionKey, ActivateAction);
    }
    return compactLine(object);
}

std::optional<HandOverMessage> HandOverMessage::fromLine(const QByteArray &line, QString *error)
{
    const auto fail = [error](const QString &reason) -> std::optional<HandOverMessage> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    if (line.size() > MaxLineBytes)
        return fail(tr("The message is longer than %1 bytes.").arg(MaxLineBytes));
    const QByteArray content = line.endsWith('\n') ? line.chopped(1) : line;
    if (content.contains('\n'))
        return fail(tr("The message is more than one line."));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(content, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("The message is not a JSON object."));
    const QJsonObject object = document.object();
    if (object.value(VersionKey).toInt(-1) != Version)
        return fail(tr("The message is not a LanChat hand-over of version %1.").arg(Version));
    const QString action = object.value(ActionKey).toString();
    if (action == ActivateAction)
        return activate();
    if (action != JoinAction)
        return fail(tr("Unknown action in the message."));
    const QJsonValue invite = object.value(InviteKey);
    if (!invite.isString() || invite.toString().size() > MaxInviteLength)
        return fail(tr("The message has no invite, or one that is too long."));
    const InviteLink link = InviteLink::parse(invite.toString());
    if (!link.isValid())
        return fail(tr("The invite is not valid: %1").arg(link.errorString()));
    return join(invite.toString());
}

QByteArray HandOverMessage::replyLine(const QString &error)
{
    if (error.isEmpty())
        return compactLine({{OkKey, true}});
    return compactLine({{OkKey, false}, {ErrorKey, error}});
}

bool HandOverMessage::parseReply(const QByteArray &line, QString *error)
{
    const QJsonDocument document = QJsonDocument::fromJson(line.trimmed());
    const QJsonObject object = document.object();
    if (object.value(OkKey).toBool(false))
        return true;
    if (error) {
        const QString reason = object.value(ErrorKey).toString();
        *error = reason.isEmpty() ? tr("The running LanChat gave no valid answer.") : reason;
    }
    return false;
}
