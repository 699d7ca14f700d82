#include "logging.h"

#include <cstring>

Q_LOGGING_CATEGORY(lcServer, "lanchat.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "lanchat.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "lanchat.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConnections, "lanchat.connections", QtInfoMsg)

namespace {
QLoggingCategory::CategoryFilter previousFilter = nullptr;

void filterCategories(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (std::strncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}
} // namespace

namespace LanChat {
void installLogFilter()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    previousFilter = QLoggingCategory::installFilter(filterCategories);
}
} // namespace LanChat
