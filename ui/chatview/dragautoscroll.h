// Lives in the GUI thread. Scrolls a view while the pointer of a drag (a text selection) is above
// or below its viewport, faster the further outside, and says after each step where the pointer
// is, so that the selection follows it into the rows that scroll into view.
#pragma once

#include <QObject>
#include <QPoint>

class QAbstractScrollArea;
class QTimer;

class DragAutoScroll final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DragAutoScroll)

public:
    static constexpr int IntervalMs = 30;

    explicit DragAutoScroll(QAbstractScrollArea *view);
    ~DragAutoScroll() override;

    // The drag's pointer is at point (viewport coordinates): scrolling runs while it is outside,
    // by at most maximumStep pixels a step.
    void track(const QPoint &point, int maximumStep);
    // The drag ended.
    void stop();

signals:
    // The view scrolled; the pointer is still at point (viewport coordinates).
    void scrolled(const QPoint &point);

private:
    void step();

    QAbstractScrollArea *m_view;
    QTimer *m_timer;
    QPoint m_point;
    int m_maximumStep = 0;
};
