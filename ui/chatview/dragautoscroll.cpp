#include "dragautoscroll.h"

#include <QAbstractScrollArea>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

DragAutoScroll::DragAutoScroll(QAbstractScrollArea *view)
    : QObject(view), m_view(view), m_timer(new QTimer(this))
{
    m_timer->setInterval(IntervalMs);
    connect(m_timer, &QTimer::timeout, this, &DragAutoScroll::step);
}

DragAutoScroll::~DragAutoScroll() = default;

void DragAutoScroll::track(const QPoint &point, int maximumStep)
{
    m_point = point;
    m_maximumStep = maximumStep;
    const bool outside = point.y() < 0 || point.y() >= m_view->viewport()->height();
    if (outside && !m_timer->isActive())
        m_timer->start();
    else if (!outside)
        m_timer->stop();
}

void DragAutoScroll::stop()
{
    m_timer->stop();
}

void DragAutoScroll::step()
{
    // Faster the further the pointer is outside.
    const int height = m_view->viewport()->height();
    const int distance = m_point.y() < 0 ? m_point.y() : m_point.y() - height;
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->value() + std::clamp(distance, -m_maximumStep, m_maximumStep));
    emit scrolled(m_point);
}

#include "moc_dragautoscroll.cpp"
