// Lives in the GUI thread. What the operator console's tables share: the look of a table of many
// one-line rows, and how they show a point in time.
#pragma once

#include <QtGlobal>

class QString;
class QTableView;

namespace HostTables {
// Fixed row heights, no grid, whole rows selected, the last column stretched.
void setUp(QTableView *view);
// Fixed widths for an event table's (EventTableModel) time column, as wide as sampleTime, and
// sender column: ResizeToContents would measure every row on every batch.
void setEventColumnWidths(QTableView *view, const QString &sampleTime);
// A time as the tables show it: HH:mm:ss today, the locale's short date and time before.
QString shortTime(qint64 msSinceEpoch);
} // namespace HostTables
