// Lives in the GUI thread. The hosts the join dialog found on the network (AvahiBrowser,
// NetworkScanner), one row each, with whether their certificate is the one pinned for their
// address (CertificatePins): trusted, or a warning when it differs. Names come from the network
// and are shown as plain text only.
#pragma once

#include "discoveredhost.h"

#include <QAbstractTableModel>
#include <QList>

class DiscoveredHostModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveredHostModel)

public:
    enum Column { Name, Address, Security, ColumnCount };
    enum class Trust {
        Plain, // no TLS
        Unknown, // TLS, nothing pinned for it (the client asks on connect)
        Trusted, // the announced or presented fingerprint is the pinned one
        Mismatch, // a fingerprint other than the pinned one: a warning
    };
    static constexpr int TrustRole = Qt::UserRole + 1;

    explicit DiscoveredHostModel(QObject *parent = nullptr);
    ~DiscoveredHostModel() override;

    // Adds a host, or updates the one with its key or address and port.
    void upsert(const DiscoveredHost &host);
    void remove(const QString &key);
    void clear();
    DiscoveredHost host(int row) const { return m_hosts.value(row); }
    Trust trust(int row) const { return m_trust.value(row, Trust::Plain); }
    // Re-reads the pins (after the user pinned or forgot one).
    void refreshTrust();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static Trust trustOf(const DiscoveredHost &host);

    QList<DiscoveredHost> m_hosts;
    QList<Trust> m_trust;
};
