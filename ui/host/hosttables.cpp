#include "hosttables.h"

#include "eventtablemodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace HostTables {

void setUp(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
}

void setEventColumnWidths(QTableView *view, const QString &sampleTime)
{
    const QFontMetrics metrics = view->fontMetrics();
    view->setColumnWidth(EventTableModel::Time,
                         metrics.horizontalAdvance(sampleTime) + metrics.averageCharWidth() * 3);
    view->setColumnWidth(EventTableModel::Sender, metrics.averageCharWidth() * 16);
}

QString shortTime(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    const QLocale locale;
    return time.date() == QDate::currentDate() ? time.toString(u"HH:mm:ss"_s)
                                               : locale.toString(time, QLocale::ShortFormat);
}

} // namespace HostTables
