#include "bantablemodel.h"

#include "hosttables.h"

BanTableModel::BanTableModel(QObject *parent) : QAbstractTableModel(parent) { }

BanTableModel::~BanTableModel() = default;

int BanTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_bans.size());
}

int BanTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BanTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BanInfo &ban = m_bans.at(index.row());
    if (role == BanIdRole)
        return ban.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Username:
        return ban.username.isEmpty() ? tr("(any)") : ban.username;
    case Address:
        return ban.address.isEmpty() ? tr("(any)") : ban.address;
    case Until:
        return ban.isPermanent() ? tr("permanent") : HostTables::shortTime(ban.untilMs);
    case Reason:
        return ban.reason;
    case CreatedBy:
        return ban.createdBy;
    case CreatedAt:
        return HostTables::shortTime(ban.createdMs);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant BanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Username:
        return tr("User");
    case Address:
        return tr("Address");
    case Until:
        return tr("Until");
    case Reason:
        return tr("Reason");
    case CreatedBy:
        return tr("By");
    case CreatedAt:
        return tr("Since");
    case ColumnCount:
        break;
    }
    return {};
}

void BanTableModel::setBans(const QList<BanInfo> &bans)
{
    beginResetModel();
    m_bans = bans;
    endResetModel();
}
