// Lives in the GUI thread. The active bans as the operator console lists them: who (name and/or
// address), until when, why, by whom and since when. The server sends the whole list whenever it
// changes (ServerController::bansChanged); setBans() replaces the rows in one reset.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

class BanTableModel final : public RowTableModel<BanInfo>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BanTableModel)

public:
    enum Column { Username, Address, Until, Reason, CreatedBy, CreatedAt, ColumnCount };
    enum Role { BanIdRole = Qt::UserRole };

    explicit BanTableModel(QObject *parent = nullptr);
    ~BanTableModel() override;

    void setBans(const QList<BanInfo> &bans) { resetRows(bans); }
    BanInfo ban(int row) const { return m_rows.value(row); }

private:
    QVariant rowData(const BanInfo &ban, int column, int role) const override;
};
