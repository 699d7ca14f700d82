// Lives in the GUI thread. The join dialog's "LanChat hosts on the network" box: the hosts
// announced through DNS-SD (AvahiBrowser, live from construction) and those "Scan network" finds
// (NetworkScanner) in one list, and one line under it that says what discovery is doing or why it
// is unavailable. A host clicked or activated in the list is reported by hostPicked; filling the
// form from it is the dialog's job.
#pragma once

#include <QGroupBox>

class AvahiBrowser;
class DiscoveredHostModel;
class NetworkScanner;
class QLabel;
class QPushButton;
class QTreeView;

class DiscoveryPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryPanel)

public:
    explicit DiscoveryPanel(QWidget *parent = nullptr);
    ~DiscoveryPanel() override;

    // The hosts found on the network, as the list shows them.
    DiscoveredHostModel *model() const { return m_model; }
    // The line under the list: searching, found, scanning, or why discovery is unavailable.
    QString statusText() const;
    // The ports of recent servers: a scan probes them besides the usual ones.
    void setRecentPorts(const QList<quint16> &ports) { m_recentPorts = ports; }
    // Probes this machine's networks (the "Scan network" button); again: stops the scan.
    void toggleScan();

signals:
    // The row of the model the user picked.
    void hostPicked(int row);

private:
    void updateStatus();

    DiscoveredHostModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_scanButton = nullptr;
    AvahiBrowser *m_browser = nullptr;
    NetworkScanner *m_scanner = nullptr;
    QList<quint16> m_recentPorts;
    int m_scanFound = 0;
    bool m_scanned = false;
};
