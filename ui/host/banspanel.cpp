#include "banspanel.h"

#include "bandialog.h"
#include "hosttables.h"
#include "lanchatsettings.h"
#include "servercontroller.h"

#include <QAction>
#include <QHBoxLayout>
#include <QIcon>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

BansPanel::BansPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new BanTableModel, u"banList"_s, parent), m_controller(controller)
{
    QVBoxLayout *layout = layOutSingleSelectionList();

    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Ban a name or address…"), this);
    add->setObjectName(u"addBanButton"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        auto *dialog = new BanDialog(ClientInfo(), this);
        dialog->setObjectName(u"banDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { m_controller->ban(dialog->request()); });
        dialog->open();
    });
    m_unbanButton = new QPushButton(tr("&Unban"), this);
    m_unbanButton->setObjectName(u"unbanButton"_s);
    m_unbanButton->setEnabled(false);
    connect(m_unbanButton, &QPushButton::clicked, this, &BansPanel::unbanSelected);
    row->addWidget(add);
    row->addStretch();
    row->addWidget(m_unbanButton);
    layout->addLayout(row);

    m_unbanAction = new QAction(QIcon::fromTheme(u"edit-undo"_s), tr("U&nban"), this);
    m_unbanAction->setObjectName(u"unbanAction"_s);
    connect(m_unbanAction, &QAction::triggered, this, &BansPanel::unbanSelected);
    m_view->addAction(m_unbanAction);
    // The reason takes what the other columns leave; who banned and when start hidden.
    HostTables::fitColumns(m_view, BanTableModel::Reason,
                           {{BanTableModel::Username, u"username"_s},
                            {BanTableModel::Address, u"address"_s},
                            {BanTableModel::Until, u"until"_s},
                            {BanTableModel::CreatedBy, u"createdBy"_s},
                            {BanTableModel::CreatedAt, u"createdAt"_s}},
                           Settings::UiHiddenBanColumns, tr("C&olumns"));

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BansPanel::updateActions);
    // A reset (a new list) drops the selection without selectionChanged.
    connect(m_model, &QAbstractItemModel::modelReset, this, &BansPanel::updateActions);
    const auto showBans = [this](const QList<BanInfo> &bans) {
        m_model->setBans(bans);
        emit countChanged(int(bans.size()));
    };
    connect(m_controller, &ServerController::bansChanged, this, showBans);
    connect(m_controller, &ServerController::started, this,
            [showBans](const ServerStatus &status) { showBans(status.bans); });
    connect(m_controller, &ServerController::stateChanged, this, &BansPanel::updateActions);
    updateActions();
}

BansPanel::~BansPanel() = default;

void BansPanel::updateActions()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    m_unbanButton->setEnabled(selected);
    m_unbanAction->setEnabled(m_controller->isRunning() && selected);
}

void BansPanel::unbanSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_controller->isRunning())
        return;
    for (const QModelIndex &row : rows)
        m_controller->unban(m_model->ban(row.row()).id);
}

#include "moc_banspanel.cpp"
