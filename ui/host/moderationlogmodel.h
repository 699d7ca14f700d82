// Lives in the GUI thread. The moderation log as the operator console shows it, newest first:
// when, who, what (kick, ban, unban, mute, unmute, block, drop), to whom, why, and details. Each
// batch from the server is inserted with one beginInsertRows at the top; the oldest rows beyond
// MaxRows go with one beginRemoveRows.
#pragma once

#include "chattypes.h"

#include <QAbstractTableModel>
#include <QList>

class ModerationLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationLogModel)

public:
    static constexpr int MaxRows = 1'000;
    enum Column { When, Actor, Action, Target, Reason, Detail, ColumnCount };

    explicit ModerationLogModel(QObject *parent = nullptr);
    ~ModerationLogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Records oldest first, as the server reports them; they are shown newest first.
    void addRecords(const QList<ModerationRecord> &records);
    void clear();
    ModerationRecord record(int row) const { return m_records.value(row); }
    static QString actionText(ModerationRecord::Action action);

private:
    QList<ModerationRecord> m_records; // newest first
};
