#include "hosttables.h"

#include "eventtablemodel.h"
#include "settingvalue.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QSettings>
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

QMenu *fitColumns(QTableView *view, int stretchColumn, const QList<OptionalColumn> &optional,
                  const SettingValue<QStringList> &hiddenSetting, const QString &title)
{
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    view->setTextElideMode(Qt::ElideMiddle);

    auto *menu = new QMenu(title, view);
    const QStringList hidden = hiddenSetting.value(QSettings());
    const QAbstractItemModel *model = view->model();
    for (const OptionalColumn &optionalColumn : optional) {
        const int column = optionalColumn.column;
        const QString key = optionalColumn.key;
        // The header's tooltip where it abbreviates ("Since": "Connected since").
        QString text = model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        if (text.isEmpty())
            text = model->headerData(column, Qt::Horizontal).toString();
        QAction *action = menu->addAction(text);
        action->setObjectName(key + u"ColumnAction"_s);
        action->setCheckable(true);
        action->setChecked(!hidden.contains(key));
        header->setSectionHidden(column, hidden.contains(key));
        QObject::connect(action, &QAction::toggled, header,
                         [header, column, key, &hiddenSetting](bool shown) {
                             header->setSectionHidden(column, !shown);
                             QSettings settings;
                             QStringList hiddenNow = hiddenSetting.value(settings);
                             hiddenNow.removeAll(key);
                             if (!shown)
                                 hiddenNow << key;
                             hiddenSetting.setValue(settings, hiddenNow);
                         });
    }
    // Also at the end of the table's own context menu: the menu key reaches it.
    auto *separator = new QAction(view);
    separator->setSeparator(true);
    view->addActions({separator, menu->menuAction()});
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QWidget::customContextMenuRequested, menu,
                     [menu, header](const QPoint &at) { menu->popup(header->mapToGlobal(at)); });
    return menu;
}

QString shortTime(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch);
    const QLocale locale;
    return time.date() == QDate::currentDate() ? time.toString(u"HH:mm:ss"_s)
                                               : locale.toString(time, QLocale::ShortFormat);
}

} // namespace HostTables
