#include "moderationlogmodel.h"

#include "hosttables.h"

ModerationLogModel::ModerationLogModel(QObject *parent) : QAbstractTableModel(parent) { }

ModerationLogModel::~ModerationLogModel() = default;

int ModerationLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int ModerationLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ModerationLogModel::actionText(ModerationRecord::Action action)
{
    switch (action) {
    case ModerationRecord::Action::Kick:
        return tr("kick");
    case ModerationRecord::Action::Ban:
        return tr("ban");
    case ModerationRecord::Action::Unban:
        return tr("unban");
    case ModerationRecord::Action::Mute:
        return tr("mute");
    case ModerationRecord::Action::Unmute:
        return tr("unmute");
    case ModerationRecord::Action::Block:
        return tr("block");
    case ModerationRecord::Action::Drop:
        return tr("drop");
    }
    return {};
}

QVariant ModerationLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole)
        return {};
    const ModerationRecord &record = m_records.at(index.row());
    switch (Column(index.column())) {
    case When:
        return HostTables::shortTime(record.timestampMs);
    case Actor:
        return record.actor;
    case Action:
        return actionText(record.action);
    case Target:
        return record.target;
    case Reason:
        return record.reason;
    case Detail:
        return record.detail;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ModerationLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case When:
        return tr("When");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Target:
        return tr("Target");
    case Reason:
        return tr("Reason");
    case Detail:
        return tr("Detail");
    case ColumnCount:
        break;
    }
    return {};
}

void ModerationLogModel::addRecords(const QList<ModerationRecord> &records)
{
    if (records.isEmpty())
        return;
    // A batch larger than the log keeps only its newest MaxRows.
    const qsizetype count = std::min<qsizetype>(records.size(), MaxRows);
    beginInsertRows({}, 0, int(count) - 1);
    QList<ModerationRecord> newestFirst;
    newestFirst.reserve(count + m_records.size());
    for (auto it = records.crbegin(); it != records.crbegin() + count; ++it)
        newestFirst.append(*it);
    newestFirst.append(m_records);
    m_records = std::move(newestFirst);
    endInsertRows();
    if (m_records.size() > MaxRows) {
        beginRemoveRows({}, MaxRows, int(m_records.size()) - 1);
        m_records.resize(MaxRows);
        endRemoveRows();
    }
}

void ModerationLogModel::clear()
{
    if (m_records.isEmpty())
        return;
    beginResetModel();
    m_records.clear();
    endResetModel();
}
