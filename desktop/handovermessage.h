// Any thread (a value type). What a starting LanChat hands to the one already running in the
// user's session (SingleInstance): show your window, or join with this invite. The wire form is
// defined here and nowhere else: the starting process writes one line of compact JSON,
//   {"handover":1,"action":"activate"}
//   {"handover":1,"action":"join","invite":"lanchat://HOST:PORT?token=…"}
// at most MaxLineBytes including the newline, and the running instance answers one line,
// {"ok":true} or {"ok":false,"error":"…"}, then closes the connection.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <optional>

struct HandOverMessage
{
    Q_DECLARE_TR_FUNCTIONS(HandOverMessage)

public:
    enum class Action { Activate, Join };

    static constexpr int Version = 1;
    static constexpr qsizetype MaxLineBytes = 8192;
    static constexpr qsizetype MaxInviteLength = 4096;

    Action action = Action::Activate;
    QString invite; // Join only: an invite that InviteLink accepts

    static HandOverMessage activate();
    static HandOverMessage join(const QString &invite);

    QByteArray toLine() const;
    // The message in a line (with or without its newline); nullopt and the reason for anything
    // else: too long, not JSON, another version, an unknown action, an invite InviteLink refuses.
    static std::optional<HandOverMessage> fromLine(const QByteArray &line, QString *error);

    // The answer line; an empty error means accepted.
    static QByteArray replyLine(const QString &error);
    // True for an accepted reply; else false and the running instance's reason.
    static bool parseReply(const QByteArray &line, QString *error);
};

Q_DECLARE_METATYPE(HandOverMessage)
