#include "moderationlogpanel.h"

#include "hosttables.h"
#include "lanchatsettings.h"
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
    // The reason takes what the other columns leave; who acted (mostly the host) and the
    // details start hidden.
    HostTables::fitColumns(m_view, ModerationLogModel::Reason,
                           {{ModerationLogModel::When, u"when"_s},
                            {ModerationLogModel::Actor, u"actor"_s},
                            {ModerationLogModel::Action, u"action"_s},
                            {ModerationLogModel::Target, u"target"_s},
                            {ModerationLogModel::Detail, u"detail"_s}},
                           Settings::UiHiddenModerationColumns, tr("C&olumns"));
    setFocusProxy(m_view);

    connect(controller, &ServerController::started, this, [this](const ServerStatus &status) {
        m_model->clear();
        m_model->addRecords(status.recentModeration);
    });
    connect(controller, &ServerController::activity, this,
            [this](const ServerActivity &activity) { m_model->addRecords(activity.moderation); });
}

ModerationLogPanel::~ModerationLogPanel() = default;

#include "moc_moderationlogpanel.cpp"
