#include "moderationlogpanel.h"

#include "hosttables.h"
#include "moderationlogmodel.h"
#include "servercontroller.h"

#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ModerationLogPanel::ModerationLogPanel(ServerController *controller, QWidget *parent)
    : QWidget(parent), m_model(new ModerationLogModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new QTableView(this);
    m_view->setObjectName(u"moderationLog"_s);
    m_view->setModel(m_model);
    HostTables::setUp(m_view);
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
