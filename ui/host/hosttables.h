// Lives in the GUI thread. What the operator console's tables share: the look of a table of many
// one-line rows, and how they show a point in time.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QMenu;
class QTableView;
template<typename T>
class SettingValue;

namespace HostTables {
// Fixed row heights, no grid, whole rows selected, the last column stretched.
void setUp(QTableView *view);
// Fixed widths for an event table's (EventTableModel) time column, as wide as sampleTime, and
// sender column: ResizeToContents would measure every row on every batch.
void setEventColumnWidths(QTableView *view, const QString &sampleTime);
// A column the operator may hide, and its name in the settings.
struct OptionalColumn
{
    int column;
    QString key;
};
// Columns that fit a narrow dock without scrolling sideways: each as wide as its contents,
// stretchColumn (names, reasons: elided) takes what is left. The optional columns are shown or
// hidden from a menu (title) in the header's context menu and at the end of the table's (which
// becomes Qt::ActionsContextMenu); it is returned for a window's menu too. The hidden ones are
// kept in hiddenSetting.
QMenu *fitColumns(QTableView *view, int stretchColumn, const QList<OptionalColumn> &optional,
                  const SettingValue<QStringList> &hiddenSetting, const QString &title);
// A time as the tables show it: HH:mm:ss today, the locale's short date and time before.
QString shortTime(qint64 msSinceEpoch);
} // namespace HostTables
