// Lives in the main thread. Turns SIGINT and SIGTERM into a Qt signal (self-pipe pattern from
// Qt's "Calling Qt Functions From Unix Signal Handlers"), so shutdown runs in the event loop.
#pragma once

#include <QObject>

class QSocketNotifier;

class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
