#include "registeredpanel.h"

#include "hosttables.h"
#include "lanchatsettings.h"
#include "servercontroller.h"

#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RegisteredPanel::RegisteredPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new RegisteredTableModel, u"registeredList"_s, parent), m_controller(controller)
{
    QVBoxLayout *layout = layOutSingleSelectionList();

    auto *row = new QHBoxLayout;
    m_releaseButton = new QPushButton(tr("&Release…"), this);
    m_releaseButton->setObjectName(u"releaseButton"_s);
    m_releaseButton->setToolTip(tr("Frees the name for a person who lost their device's identity"));
    m_releaseButton->setEnabled(false);
    connect(m_releaseButton, &QPushButton::clicked, this, &RegisteredPanel::releaseSelected);
    row->addStretch();
    row->addWidget(m_releaseButton);
    layout->addLayout(row);

    HostTables::fitColumns(m_view, RegisteredTableModel::Username,
                           {{RegisteredTableModel::FirstSeen, u"firstSeen"_s},
                            {RegisteredTableModel::LastSeen, u"lastSeen"_s},
                            {RegisteredTableModel::Online, u"online"_s}},
                           Settings::UiHiddenRegisteredColumns, tr("C&olumns"));

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RegisteredPanel::updateActions);
    // A reset (a new list) drops the selection without selectionChanged.
    connect(m_model, &QAbstractItemModel::modelReset, this, &RegisteredPanel::updateActions);
    connect(m_controller, &ServerController::registrationsChanged, m_model,
            &RegisteredTableModel::setRegistrations);
    connect(m_controller, &ServerController::started, this, [this](const ServerStatus &status) {
        m_model->setRegistrations(status.registrations);
    });
    connect(m_controller, &ServerController::stateChanged, this, &RegisteredPanel::updateActions);
    updateActions();
}

RegisteredPanel::~RegisteredPanel() = default;

void RegisteredPanel::updateActions()
{
    m_releaseButton->setEnabled(m_controller->isRunning()
                                && m_view->selectionModel()->hasSelection());
}

void RegisteredPanel::releaseSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_controller->isRunning() || m_confirmation)
        return;
    const RegisteredName name = m_model->registration(rows.constFirst().row());
    m_confirmation = new QMessageBox(
        QMessageBox::Question, tr("Release a registered name"),
        tr("Release the name \"%1\"? Its owner's device no longer proves the name: the next "
           "person to connect with it and an identity registers it. Nobody is disconnected.")
            .arg(name.username),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirmation->setObjectName(u"releaseConfirmation"_s);
    m_confirmation->setTextFormat(Qt::PlainText); // the name is a peer's text
    m_confirmation->button(QMessageBox::Yes)->setText(tr("&Release"));
    m_confirmation->setDefaultButton(QMessageBox::Cancel);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::accepted, this,
            [this, key = name.userKey] { m_controller->releaseRegistration(key); });
    m_confirmation->open();
}

#include "moc_registeredpanel.cpp"
