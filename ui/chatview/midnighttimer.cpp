#include "midnighttimer.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

MidnightTimer::MidnightTimer(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        emit dateChanged();
        schedule();
    });
    schedule();
}

MidnightTimer::~MidnightTimer() = default;

void MidnightTimer::schedule()
{
    // Again from the clock each day: a suspended machine or a changed clock is caught up.
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime midnight(now.date().addDays(1), QTime(0, 0, 1));
    m_timer->start(int(std::clamp<qint64>(now.msecsTo(midnight), 1000, 86'400'000)));
}

#include "moc_midnighttimer.cpp"
