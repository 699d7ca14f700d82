// Lives in the GUI thread. Says when the local date has changed: just after each midnight, so
// that what a view writes relative to today ("Today", "Yesterday") is written again.
#pragma once

#include <QObject>

class QTimer;

class MidnightTimer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MidnightTimer)

public:
    explicit MidnightTimer(QObject *parent = nullptr);
    ~MidnightTimer() override;

signals:
    // A second after midnight, local time; then again a day later.
    void dateChanged();

private:
    void schedule();

    QTimer *m_timer;
};
