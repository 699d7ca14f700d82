// Lives in the GUI thread. The moderation log as the operator console shows it, newest first:
// when, who, what (kick, ban, unban, mute, unmute, block, drop), to whom, why, and details. Each
// batch from the server is inserted with one beginInsertRows at the top; the oldest rows beyond
// MaxRows go with one beginRemoveRows.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

class ModerationLogModel final : public RowTableModel<ModerationRecord>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationLogModel)

public:
    static constexpr int MaxRows = 1'000;
    enum Column { When, Actor, Action, Target, Reason, Detail, ColumnCount };

    explicit ModerationLogModel(QObject *parent = nullptr);
    ~ModerationLogModel() override;

    // Records oldest first, as the server reports them; they are shown newest first.
    void addRecords(const QList<ModerationRecord> &records);
    ModerationRecord record(int row) const { return m_rows.value(row); }
    static QString actionText(ModerationRecord::Action action);
};
