// Lives in the GUI thread. The connected clients as the operator console shows them, updated from
// the server's activity batches: new clients are inserted with one beginInsertRows per batch,
// changed ones announced with one dataChanged per batch.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

#include <QHash>

class ClientTableModel final : public RowTableModel<ClientInfo>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientTableModel)

public:
    enum Column { Username, Address, ConnectedSince, Messages, LastActivity, Muted, ColumnCount };
    enum Role { ClientIdRole = Qt::UserRole, SortRole };

    explicit ClientTableModel(QObject *parent = nullptr);
    ~ClientTableModel() override;

    // Applies one activity batch: updates (joined or changed clients) first, then removals.
    void applyChanges(const QList<ClientInfo> &updated, const QList<ClientId> &removed);
    void clear() override;
    // Re-evaluates the time-dependent "muted" column (a mute that ran out shows as not muted).
    void refreshMuted();

    ClientInfo client(int row) const { return m_rows.value(row); }
    int rowOf(ClientId id) const { return m_rowById.value(id, -1); }

private:
    QVariant rowData(const ClientInfo &client, int column, int role) const override;
    void reindex();

    QHash<ClientId, int> m_rowById;
};
