#include "livepanel.h"

#include "servercontroller.h"

#include <QScrollBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

LivePanel::LivePanel(ServerController *controller, QWidget *parent)
    : TablePanel(new EventTableModel(MaxRows), u"liveView"_s, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    showInView(m_model);
    // Fixed widths: ResizeToContents would measure up to 1,000 rows on every batch.
    const QFontMetrics metrics = m_view->fontMetrics();
    m_view->setColumnWidth(EventTableModel::Time, metrics.horizontalAdvance(u"88:88:88"_s)
                                                      + metrics.averageCharWidth() * 3);
    m_view->setColumnWidth(EventTableModel::Sender, metrics.averageCharWidth() * 16);
    layout->addWidget(m_view);
    setFocusProxy(m_view);

    connect(controller, &ServerController::activity, this, &LivePanel::onActivity);
}

LivePanel::~LivePanel() = default;

void LivePanel::onActivity(const ServerActivity &activity)
{
    if (activity.events.isEmpty())
        return;
    const QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    m_model->appendEvents(activity.events);
    if (atBottom)
        m_view->scrollToBottom();
}
