// Lives in the GUI thread. The live rooms as the operator console lists them: name, topic,
// whether the operator locked it, how many members it has and how many of them are online. The
// server sends the whole list while it changes (ServerController::roomsChanged); setRooms()
// replaces the rows in one reset, and only when something shown changed (a reset drops the view's
// selection). Topics and member names are peers' text: their tooltips go through SafeText.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

class RoomTableModel final : public RowTableModel<RoomSummary>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomTableModel)

public:
    // Members: how many, and how many of them are online (one column: a narrow dock has no room
    // for another).
    enum Column { Name, Topic, Locked, Members, ColumnCount };

    explicit RoomTableModel(QObject *parent = nullptr);
    ~RoomTableModel() override;

    // False when the rows were the same (nothing reset).
    bool setRooms(const QList<RoomSummary> &rooms);
    RoomSummary room(int row) const { return m_rows.value(row); }
    // The row of the room of that name, or -1.
    int rowOf(const QString &name) const;
};
