// Lives in the GUI thread, as every model a view shows. What each flat table model of the operator
// console and of the join dialog would otherwise write again (the boilerplate of Qt's own model
// examples): its rows kept in one list; rowCount(), columnCount(), headerData() and data() from a
// description of the columns (a title, and what a column shows of a row for display, tooltip
// and sorting); clear(). A model names its columns with QT_TRANSLATE_NOOP in its own class's
// context, so that their titles are translated when a view asks, as tr() would.
#pragma once

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QList>

#include <initializer_list>
#include <utility>

template<typename Row>
class RowTableModel : public QAbstractTableModel
{
public:
    // What one column shows of a row, in one role; captureless lambdas in the model's
    // constructor, where they may call its static tr().
    using Cell = QVariant (*)(const Row &row);

    struct Column
    {
        const char *title; // QT_TRANSLATE_NOOP("<the model's class>", "…")
        Cell display; // Qt::DisplayRole
        Cell toolTip = nullptr; // Qt::ToolTipRole; nothing when null
        Cell sortKey = nullptr; // the sort role (setSortRole()); nothing when null
        const char *headerToolTip = nullptr; // same context as the title
    };

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows.at(index.row());
        const Column &column = m_columns.at(index.column());
        Cell cell = nullptr;
        if (role == Qt::DisplayRole)
            cell = column.display;
        else if (role == Qt::ToolTipRole)
            cell = column.toolTip;
        else if (role == m_sortRole)
            cell = column.sortKey;
        else
            return rowData(row, index.column(), role);
        return cell != nullptr ? cell(row) : QVariant();
    }

    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        const char *text = nullptr;
        if (orientation == Qt::Horizontal && section >= 0 && section < m_columns.size()) {
            if (role == Qt::DisplayRole)
                text = m_columns.at(section).title;
            else if (role == Qt::ToolTipRole)
                text = m_columns.at(section).headerToolTip;
        }
        if (text == nullptr)
            return QAbstractTableModel::headerData(section, orientation, role);
        // The context tr() would use in the model's own class.
        return QCoreApplication::translate(metaObject()->className(), text);
    }

    // Drops every row in one reset.
    virtual void clear()
    {
        if (m_rows.isEmpty())
            return;
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }

protected:
    RowTableModel(std::initializer_list<Column> columns, QObject *parent)
        : QAbstractTableModel(parent), m_columns(columns)
    { }

    // The roles of a row that no column describes (user roles, fonts, alignment); none here.
    virtual QVariant rowData(const Row &row, int column, int role) const
    {
        Q_UNUSED(row);
        Q_UNUSED(column);
        Q_UNUSED(role);
        return {};
    }

    // The role in which the columns' sortKey answer (for a QSortFilterProxyModel).
    void setSortRole(int role) { m_sortRole = role; }

    // Replaces all rows in one reset.
    void resetRows(QList<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }

    QList<Row> m_rows;

private:
    const QList<Column> m_columns;
    int m_sortRole = -1;
};
