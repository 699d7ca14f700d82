#include "moderationlogpanel.h"

#include "servercontroller.h"

#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ModerationLogPanel::ModerationLogPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new ModerationLogModel, u"moderationLog"_s, parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    showInView(m_model);
    layout->addWidget(m_view);
    setFocusProxy(m_view);

    connect(controller, &ServerController::started, this, [this](const ServerStatus &status) {
        m_model->clear();
        m_model->addRecords(status.recentModeration);
    });
    connect(controller, &ServerController::activity, this,
            [this](const ServerActivity &activity) { m_model->addRecords(activity.moderation); });
}

ModerationLogPanel::~ModerationLogPanel() = default;
