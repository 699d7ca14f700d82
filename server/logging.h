// Logging categories of the server library (thread-safe, usable from any thread).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcConnections)

namespace LanChat {
// Keeps Qt's own qt.httpserver debug output off whatever the logging rules say: it prints full
// request URLs and headers, which carry the token.
void installLogFilter();
} // namespace LanChat
