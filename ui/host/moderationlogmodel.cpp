#include "moderationlogmodel.h"

#include "hosttables.h"

ModerationLogModel::ModerationLogModel(QObject *parent)
    : RowTableModel(
        {{QT_TRANSLATE_NOOP("ModerationLogModel", "When"),
          [](const ModerationRecord &record) -> QVariant {
              return HostTables::shortTime(record.timestampMs);
          }},
         {QT_TRANSLATE_NOOP("ModerationLogModel", "Who"),
          [](const ModerationRecord &record) -> QVariant { return record.actor; }},
         {QT_TRANSLATE_NOOP("ModerationLogModel", "Action"),
          [](const ModerationRecord &record) -> QVariant { return actionText(record.action); }},
         {QT_TRANSLATE_NOOP("ModerationLogModel", "Target"),
          [](const ModerationRecord &record) -> QVariant { return record.target; }},
         {QT_TRANSLATE_NOOP("ModerationLogModel", "Reason"),
          [](const ModerationRecord &record) -> QVariant { return record.reason; }},
         {QT_TRANSLATE_NOOP("ModerationLogModel", "Detail"),
          [](const ModerationRecord &record) -> QVariant { return record.detail; }}},
        parent)
{ }

ModerationLogModel::~ModerationLogModel() = default;

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
    case ModerationRecord::Action::Release:
        return tr("release");
    case ModerationRecord::Action::RoomCreate:
        return tr("create room");
    case ModerationRecord::Action::RoomDelete:
        return tr("delete room");
    case ModerationRecord::Action::RoomLock:
        return tr("lock room");
    case ModerationRecord::Action::RoomUnlock:
        return tr("unlock room");
    case ModerationRecord::Action::RoomTopic:
        return tr("room topic");
    case ModerationRecord::Action::RoomKick:
        return tr("kick from room");
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
    newestFirst.reserve(count + m_rows.size());
    for (auto it = records.crbegin(); it != records.crbegin() + count; ++it)
        newestFirst.append(*it);
    newestFirst.append(m_rows);
    m_rows = std::move(newestFirst);
    endInsertRows();
    if (m_rows.size() > MaxRows) {
        beginRemoveRows({}, MaxRows, int(m_rows.size()) - 1);
        m_rows.resize(MaxRows);
        endRemoveRows();
    }
}

#include "moc_moderationlogmodel.cpp"
