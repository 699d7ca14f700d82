// The logging category of the desktop integration (thread-safe, usable from any thread).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDesktop)
