// Lives in the GUI thread. What the console's table panels (live, clients, bans, moderation log)
// share: the model the panel owns, and the one table view that shows it (or a proxy of it) with
// the console tables' look (HostTables), named for tests.
#pragma once

#include "hosttables.h"

#include <QHeaderView>
#include <QString>
#include <QTableView>
#include <QVBoxLayout>
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

    // A panel that is a list of rows picked one at a time (bans, registered names): the model in
    // the view, filling the panel's layout, which is returned for the buttons under it.
    QVBoxLayout *layOutSingleSelectionList()
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        showInView(m_model);
        m_view->setSelectionMode(QAbstractItemView::SingleSelection);
        layout->addWidget(m_view, 1);
        this->setFocusProxy(m_view);
        return layout;
    }

    Model *const m_model;
    QTableView *const m_view;
};
