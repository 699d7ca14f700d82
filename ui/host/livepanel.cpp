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
    HostTables::setEventColumnWidths(m_view, u"88:88:88"_s); // only today's rows
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

#include "moc_livepanel.cpp"
