#include "clientspanel.h"

#include "bandialog.h"
#include "compactheader.h"
#include "hosttables.h"
#include "lanchatsettings.h"
#include "safetext.h"
#include "servercontroller.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ClientsPanel::ClientsPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new ClientTableModel, u"clientView"_s, parent),
      m_controller(controller),
      m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ClientTableModel::SortRole);
    m_proxy->setFilterKeyColumn(ClientTableModel::Username);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"clientFilter"_s);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);

    showInView(m_proxy, new CompactHeader(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ClientTableModel::Username, Qt::AscendingOrder);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClientsPanel::updateActions);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);
    createActions();
    // The name takes what the other columns leave (elided; its tooltip shows it whole); in a
    // narrow dock the times since connecting and of the last activity start hidden.
    m_columnMenu = HostTables::fitColumns(m_view, ClientTableModel::Username,
                                          {{ClientTableModel::Address, u"address"_s},
                                           {ClientTableModel::ConnectedSince, u"connectedSince"_s},
                                           {ClientTableModel::Messages, u"messages"_s},
                                           {ClientTableModel::LastActivity, u"lastActivity"_s},
                                           {ClientTableModel::Muted, u"muted"_s}},
                                          Settings::UiHiddenClientColumns, tr("C&olumns"));
    m_columnMenu->setObjectName(u"clientColumnMenu"_s);
    // The actions also as buttons under the table, where the operator looks.
    auto *buttons = new QHBoxLayout;
    for (QAction *action : clientActions()) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        if (action == m_muteAction)
            button->setPopupMode(QToolButton::MenuButtonPopup);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);

    // A mute that ran out shows as over within a second.
    m_mutedTimer = new QTimer(this);
    m_mutedTimer->setInterval(1000);
    connect(m_mutedTimer, &QTimer::timeout, m_model, &ClientTableModel::refreshMuted);
    m_mutedTimer->start();

    connect(m_controller, &ServerController::activity, this, [this](const ServerActivity &a) {
        if (a.updatedClients.isEmpty() && a.removedClients.isEmpty())
            return;
        m_model->applyChanges(a.updatedClients, a.removedClients);
        updateActions();
    });
    connect(m_controller, &ServerController::started, m_model, &ClientTableModel::clear);
    connect(m_controller, &ServerController::stopped, m_model, &ClientTableModel::clear);
    connect(m_controller, &ServerController::stateChanged, this, &ClientsPanel::updateActions);
    updateActions();
}

ClientsPanel::~ClientsPanel() = default;

void ClientsPanel::createActions()
{
    const auto makeAction = [this](const QString &text, const QString &name,
                                   const QKeySequence &shortcut, const QString &icon) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        return action;
    };
    m_kickAction = makeAction(tr("&Kick…"), u"kickAction"_s, QKeySequence(Qt::CTRL | Qt::Key_K),
                              u"user-offline"_s);
    connect(m_kickAction, &QAction::triggered, this, &ClientsPanel::kickSelected);
    m_banAction = makeAction(tr("&Ban…"), u"banAction"_s, QKeySequence(Qt::CTRL | Qt::Key_B),
                             u"dialog-cancel"_s);
    connect(m_banAction, &QAction::triggered, this, &ClientsPanel::banSelected);
    auto *muteMenu = new QMenu(tr("&Mute"), this);
    const QList<QPair<QString, qint64>> durations {{tr("for 5 minutes"), 5 * 60},
                                                   {tr("for 15 minutes"), 15 * 60},
                                                   {tr("for 1 hour"), 3600},
                                                   {tr("for 1 day"), 86400}};
    for (const auto &[label, seconds] : durations) {
        QAction *action = muteMenu->addAction(label);
        action->setObjectName(u"mute%1Action"_s.arg(seconds));
        connect(action, &QAction::triggered, this,
                [this, seconds = seconds] { muteSelected(seconds); });
    }
    m_muteAction = makeAction(tr("&Mute 15 min"), u"muteAction"_s,
                              QKeySequence(Qt::CTRL | Qt::Key_M), u"audio-volume-muted"_s);
    m_muteAction->setMenu(muteMenu);
    connect(m_muteAction, &QAction::triggered, this, [this] { muteSelected(15 * 60); });
    m_unmuteAction
        = makeAction(tr("&Unmute"), u"unmuteAction"_s,
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), u"audio-volume-high"_s);
    connect(m_unmuteAction, &QAction::triggered, this, &ClientsPanel::unmuteSelected);
    m_view->addActions(clientActions());
}

QList<QAction *> ClientsPanel::clientActions() const
{
    return {m_kickAction, m_banAction, m_muteAction, m_unmuteAction};
}

void ClientsPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
}

ClientInfo ClientsPanel::selectedClient() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->client(m_proxy->mapToSource(rows.first()).row());
}

void ClientsPanel::updateActions()
{
    const ClientInfo client = selectedClient();
    const bool selected = m_controller->isRunning() && client.id != 0;
    m_kickAction->setEnabled(selected);
    m_banAction->setEnabled(selected);
    m_muteAction->setEnabled(selected);
    m_unmuteAction->setEnabled(selected
                               && client.mutedUntilMs > QDateTime::currentMSecsSinceEpoch());
}

void ClientsPanel::kickSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id == 0 || !m_controller->isRunning())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"kickDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(SafeText::windowTitle(tr("Kick %1").arg(client.username)));
    dialog->setLabelText(tr("Reason (optional; everyone sees it):"));
    dialog->setOkButtonText(tr("&Kick"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, id = client.id](const QString &reason) {
                m_controller->kick(id, reason.trimmed());
            });
    dialog->open();
}

void ClientsPanel::banSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id == 0 || !m_controller->isRunning())
        return;
    auto *dialog = new BanDialog(client, this);
    dialog->setObjectName(u"banDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_controller->ban(dialog->request()); });
    dialog->open();
}

void ClientsPanel::muteSelected(qint64 seconds)
{
    const ClientInfo client = selectedClient();
    if (client.id != 0 && m_controller->isRunning())
        m_controller->mute(client.id, seconds, QString());
}

void ClientsPanel::unmuteSelected()
{
    const ClientInfo client = selectedClient();
    if (client.id != 0 && m_controller->isRunning())
        m_controller->unmute(client.id);
}

bool ClientsPanel::selectClient(const QString &username)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->client(row).username != username)
            continue;
        QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!index.isValid()) { // filtered out
            m_filter->clear();
            index = m_proxy->mapFromSource(m_model->index(row, 0));
        }
        m_view->setCurrentIndex(index);
        m_view->selectRow(index.row());
        return true;
    }
    return false;
}

int ClientsPanel::participantCount() const
{
    int count = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        count += m_model->client(row).isOperator ? 0 : 1;
    return count;
}

#include "moc_clientspanel.cpp"
