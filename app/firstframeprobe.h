// Lives in the GUI thread. Logs, once, when the first window can be painted (its first expose
// event), as a time on the monotonic clock (CLOCK_MONOTONIC, milliseconds): bench/run-startup
// compares it with the moment it started the process. A debug line of `lanchat.startup`, so it
// costs nothing unless QT_LOGGING_RULES turns it on.
#pragma once

#include <QObject>

class QWindow;

class FirstFrameProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstFrameProbe)

public:
    // Watches window (a child of it: it goes with the window).
    static void watch(QWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit FirstFrameProbe(QObject *parent) : QObject(parent) { }
};
