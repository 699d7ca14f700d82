#include "discoverypanel.h"

#include "avahibrowser.h"
#include "discoveredhostmodel.h"
#include "localnetworks.h"
#include "networkscanner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DiscoveryPanel::DiscoveryPanel(QWidget *parent)
    : QGroupBox(tr("LanChat hosts on the network"), parent)
{
    auto *layout = new QVBoxLayout(this);
    m_model = new DiscoveredHostModel(this);
    m_view = new QTreeView(this);
    m_view->setObjectName(u"foundView"_s);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(DiscoveredHostModel::Name,
                                    fontMetrics().averageCharWidth() * 26);
    m_view->header()->resizeSection(DiscoveredHostModel::Address,
                                    fontMetrics().averageCharWidth() * 22);
    m_view->setMinimumHeight(fontMetrics().height() * 7);
    layout->addWidget(m_view);
    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(u"discoveryStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_scanButton = new QPushButton(tr("&Scan network"), this);
    m_scanButton->setObjectName(u"scanButton"_s);
    m_scanButton->setToolTip(tr("Ask every address of this computer's networks for a LanChat "
                                "(for networks where hosts are not announced)"));
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_scanButton);
    layout->addLayout(statusRow);

    const auto pick = [this](const QModelIndex &index) { emit hostPicked(index.row()); };
    connect(m_view, &QAbstractItemView::clicked, this, pick);
    connect(m_view, &QAbstractItemView::activated, this, pick);
    connect(m_scanButton, &QPushButton::clicked, this, &DiscoveryPanel::toggleScan);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DiscoveryPanel::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DiscoveryPanel::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DiscoveryPanel::updateStatus);

    m_browser = new AvahiBrowser(this);
    connect(m_browser, &AvahiBrowser::hostFound, m_model, &DiscoveredHostModel::upsert);
    connect(m_browser, &AvahiBrowser::hostLost, m_model, &DiscoveredHostModel::remove);
    connect(m_browser, &AvahiBrowser::stateChanged, this, &DiscoveryPanel::updateStatus);
    m_scanner = new NetworkScanner(this);
    connect(m_scanner, &NetworkScanner::hostFound, this, [this](const DiscoveredHost &host) {
        ++m_scanFound;
        m_model->upsert(host);
    });
    connect(m_scanner, &NetworkScanner::progress, this, &DiscoveryPanel::updateStatus);
    connect(m_scanner, &NetworkScanner::finished, this, [this] {
        m_scanned = true;
        updateStatus();
    });
    m_browser->start();
    updateStatus();
}

DiscoveryPanel::~DiscoveryPanel() = default;

QString DiscoveryPanel::statusText() const
{
    return m_status->text();
}

void DiscoveryPanel::updateStatus()
{
    QString text;
    QString detail;
    const int found = m_model->rowCount();
    switch (m_browser->state()) {
    case AvahiBrowser::State::Unavailable:
        text = tr("Automatic discovery needs avahi-daemon, which is not running here: scan the "
                  "network or enter the address.");
        detail = m_browser->problem();
        break;
    case AvahiBrowser::State::Failed:
        text = tr("Automatic discovery failed (%1): scan the network or enter the address.")
                   .arg(m_browser->problem());
        break;
    case AvahiBrowser::State::Idle:
    case AvahiBrowser::State::Browsing:
        text = found == 0 ? tr("Looking for LanChat hosts on the network…")
                          : tr("%n host(s) found: pick one, then enter its token.", nullptr, found);
        break;
    }
    if (m_scanner->isRunning()) {
        const int total = std::max(1, m_scanner->probesTotal());
        text = tr("Scanning the network… %1 %").arg(m_scanner->probesDone() * 100 / total);
    } else if (m_scanned && found == 0) {
        text = tr("The scan found no LanChat host. See “The other machine does not show "
                  "up” in the README, or enter the address.");
    } else if (m_scanned) {
        text += u' ' + tr("The scan found %n host(s).", nullptr, m_scanFound);
    }
    m_status->setText(text);
    m_status->setToolTip(detail);
    m_scanButton->setText(m_scanner->isRunning() ? tr("&Stop scan") : tr("&Scan network"));
}

void DiscoveryPanel::toggleScan()
{
    if (m_scanner->isRunning()) {
        m_scanner->cancel();
        updateStatus();
        return;
    }
    m_scanFound = 0;
    m_scanned = false;
    m_scanner->start(LocalNetworks::current().scanTargets(),
                     NetworkScanner::portsToProbe(m_recentPorts));
    updateStatus();
}

#include "moc_discoverypanel.cpp"
