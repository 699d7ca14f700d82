// Lives in the GUI thread. What the console's table panels (live, clients, bans, moderation log)
// share: the model the panel owns, and the one table view that shows it (or a proxy of it) with
// the console tables' look (HostTables), named for tests.
#pragma once

#include "hosttables.h"

#include <QHeaderView>
#include <QString>
#include <QTableView>
#include <QWidget>

template<typename Model>
class TablePanel : public QWidget
{
public:
    Model *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    // The panel takes model over; the view is named viewName and not yet in a layout.
    TablePanel(Model *model, const QString &viewName, QWidget *parent)
        : QWidget(parent), m_model(model), m_view(new QTableView(this))
    {
        m_model->setParent(this);
        m_view->setObjectName(viewName);
    }

    // Shows shown (the model or a proxy of it) in the view; a header given replaces the view's
    // own horizontal header first, so that the look applies to it.
    void showInView(QAbstractItemModel *shown, QHeaderView *header = nullptr)
    {
        if (header != nullptr)
            m_view->setHorizontalHeader(header);
        m_view->setModel(shown);
        HostTables::setUp(m_view);
    }

    Model *const m_model;
    QTableView *const m_view;
};
