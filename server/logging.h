// Logging categories of the server library, and what peer-controlled text must go through before
// it reaches a log line. Thread-safe, usable from any thread.
#pragma once

#include <QByteArrayView>
#include <QLoggingCategory>
#include <QString>
#include <QStringView>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcConnections)

namespace LanChat {
// Text a peer controls (an origin, a user agent, a path, a username, any header), made safe for
// one log line: control characters (C0, DEL, C1), line and paragraph separators, lone surrogates
// and Unicode format characters (bidi controls, zero-width characters, the BOM, the soft hyphen)
// become visible escapes (\r, \n, \t, \xNN, \uNNNN) and a backslash is doubled, so a terminal
// shows neither a forged line nor reordered text, and every escape reads back one way. Longer text
// is cut after maxLength characters, with "…(N more)". Log it with noquote().
QString escapeForLog(QStringView text, qsizetype maxLength = 200);
// The same for raw bytes off the wire: valid UTF-8 as above; otherwise every byte that is not
// printable ASCII becomes \xNN.
QString escapeForLog(QByteArrayView bytes, qsizetype maxLength = 200);
} // namespace LanChat
