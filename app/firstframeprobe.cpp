#include "firstframeprobe.h"

#include <QEvent>
#include <QLoggingCategory>
#include <QWindow>

#include <time.h>

namespace {
Q_LOGGING_CATEGORY(lcStartup, "lanchat.startup", QtWarningMsg)
} // namespace

void FirstFrameProbe::watch(QWindow *window)
{
    if (window && lcStartup().isDebugEnabled())
        window->installEventFilter(new FirstFrameProbe(window));
}

bool FirstFrameProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Expose && static_cast<QWindow *>(watched)->isExposed()) {
        timespec now {};
        clock_gettime(CLOCK_MONOTONIC, &now);
        qCDebug(lcStartup, "first window exposed at %lld ms (monotonic)",
                qlonglong(now.tv_sec) * 1000 + now.tv_nsec / 1000000);
        watched->removeEventFilter(this);
        deleteLater();
    }
    return false;
}
