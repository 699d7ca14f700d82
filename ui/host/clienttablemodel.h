// Lives in the GUI thread. The connected clients as the operator console shows them, updated from
// the server's activity batches: new clients are inserted with one beginInsertRows per batch,
// changed ones announced with one dataChanged per batch.
#pragma once

#include "chattypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

class ClientTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientTableModel)

public:
    enum Column { Username, Address, ConnectedSince, Messages, LastActivity, Muted, ColumnCount };
    enum Role { ClientIdRole = Qt::UserRole, SortRole };

    explicit ClientTableModel(QObject *parent = nullptr);
    ~ClientTableModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Applies one activity batch: updates (joined or changed clients) first, then removals.
    void applyChanges(const QList<ClientInfo> &updated, const QList<ClientId> &removed);
    void clear();
    // Re-evaluates the time-dependent "muted" column (a mute that ran out shows as not muted).
    void refreshMuted();

    ClientInfo client(int row) const { return m_clients.value(row); }
    int rowOf(ClientId id) const { return m_rows.value(id, -1); }

private:
    void reindex();

    QList<ClientInfo> m_clients;
    QHash<ClientId, int> m_rows;
};
