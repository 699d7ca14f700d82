// Lives in the GUI thread. The active bans as the operator console lists them: who (name and/or
// address), until when, why, by whom and since when. The server sends the whole list whenever it
// changes (ServerController::bansChanged); setBans() replaces the rows in one reset.
#pragma once

#include "chattypes.h"

#include <QAbstractTableModel>
#include <QList>

class BanTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BanTableModel)

public:
    enum Column { Username, Address, Until, Reason, CreatedBy, CreatedAt, ColumnCount };
    enum Role { BanIdRole = Qt::UserRole };

    explicit BanTableModel(QObject *parent = nullptr);
    ~BanTableModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setBans(const QList<BanInfo> &bans);
    BanInfo ban(int row) const { return m_bans.value(row); }

private:
    QList<BanInfo> m_bans;
};
