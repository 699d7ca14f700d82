// Lives in the GUI thread. The registered names as the operator console lists them: the name as
// first registered, when it was first and last seen, and whether its owner is online. The server
// sends the whole list whenever it changes (ServerController::registrationsChanged);
// setRegistrations() replaces the rows in one reset.
#pragma once

#include "chattypes.h"
#include "rowtablemodel.h"

class RegisteredTableModel final : public RowTableModel<RegisteredName>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisteredTableModel)

public:
    enum Column { Username, FirstSeen, LastSeen, Online, ColumnCount };

    explicit RegisteredTableModel(QObject *parent = nullptr);
    ~RegisteredTableModel() override;

    void setRegistrations(const QList<RegisteredName> &names) { resetRows(names); }
    RegisteredName registration(int row) const { return m_rows.value(row); }
};
