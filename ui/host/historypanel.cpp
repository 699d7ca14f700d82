#include "historypanel.h"

#include "servercontroller.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

HistoryPanel::HistoryPanel(ServerController *controller, QWidget *parent)
    : TablePanel(new EventTableModel(0), u"historyView"_s, parent), m_controller(controller)
{
    auto *layout = new QVBoxLayout(this);
    auto *searchRow = new QHBoxLayout;
    m_textField = new QLineEdit(this);
    m_textField->setObjectName(u"historyTextField"_s);
    m_textField->setPlaceholderText(tr("Search text"));
    m_textField->setClearButtonEnabled(true);
    m_userField = new QLineEdit(this);
    m_userField->setObjectName(u"historyUserField"_s);
    m_userField->setPlaceholderText(tr("Username"));
    m_userField->setClearButtonEnabled(true);
    auto *search = new QPushButton(tr("&Search"), this);
    search->setObjectName(u"historySearchButton"_s);
    m_exportButton = new QPushButton(tr("&Export…"), this);
    m_exportButton->setObjectName(u"historyExportButton"_s);
    searchRow->addWidget(m_textField, 2);
    searchRow->addWidget(m_userField, 1);
    searchRow->addWidget(search);
    searchRow->addWidget(m_exportButton);
    layout->addLayout(searchRow);

    showInView(m_model);
    // Rows from before today show their date.
    HostTables::setEventColumnWidths(
        m_view, QLocale().toString(QDate(2088, 12, 28), QLocale::ShortFormat) + u" 88:88:88"_s);
    layout->addWidget(m_view, 1);

    // DMs are the two people's: never shown here, in an export only when the operator says so.
    m_includeDirect = new QCheckBox(tr("Export &direct messages too"), this);
    m_includeDirect->setObjectName(u"historyIncludeDirect"_s);
    m_includeDirect->setToolTip(
        tr("Direct messages are stored on this computer; they are never shown in this panel."));
    layout->addWidget(m_includeDirect);
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"historyStatus"_s);
    m_statusLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(m_statusLabel);

    connect(m_textField, &QLineEdit::returnPressed, this, &HistoryPanel::reload);
    connect(m_userField, &QLineEdit::returnPressed, this, &HistoryPanel::reload);
    connect(search, &QPushButton::clicked, this, &HistoryPanel::reload);
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryPanel::chooseExportFile);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &HistoryPanel::maybeLoadMore);
    // A page that does not fill the view cannot be scrolled up: load the one before it too.
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int min, int max) {
        if (min == max)
            maybeLoadMore();
    });
    connect(m_controller, &ServerController::historyPage, this, &HistoryPanel::onPage);
    connect(m_controller, &ServerController::exportFinished, this, &HistoryPanel::onExportFinished);
    connect(m_controller, &ServerController::started, this, &HistoryPanel::reload);
}

HistoryPanel::~HistoryPanel() = default;

HistoryQuery HistoryPanel::filter() const
{
    HistoryQuery query;
    query.limit = PageSize;
    query.textContains = m_textField->text().trimmed();
    query.username = m_userField->text().trimmed();
    query.allConversations = true; // every room; never a DM
    return query;
}

void HistoryPanel::reload()
{
    m_replace = true;
    m_hasMore = false;
    request(-1);
}

void HistoryPanel::loadOlder()
{
    if (m_pendingRequest != 0 || !m_hasMore || m_model->rowCount() == 0)
        return;
    m_replace = false;
    request(m_model->oldestId());
}

void HistoryPanel::request(qint64 beforeId)
{
    if (!m_controller->isRunning()) {
        m_statusLabel->setText(tr("The history can be read while the server runs."));
        return;
    }
    HistoryQuery query = filter();
    query.beforeId = beforeId;
    m_pendingRequest = m_nextRequest++;
    m_statusLabel->setText(tr("Loading…"));
    m_controller->queryHistory(m_pendingRequest, query);
}

void HistoryPanel::onPage(quint64 requestId, const HistoryPage &page, bool ok)
{
    if (requestId != m_pendingRequest)
        return; // a page of an earlier search
    m_pendingRequest = 0;
    if (!ok) {
        m_statusLabel->setText(tr("The history could not be read."));
        return;
    }
    m_hasMore = page.hasMore;
    if (m_replace) {
        m_replace = false;
        m_model->clear();
        m_model->prependEvents(page.events);
        m_view->scrollToBottom();
    } else {
        // Keep the row the operator was looking at in place above the new page.
        const int topRow = std::max(0, m_view->rowAt(0));
        m_model->prependEvents(page.events);
        m_view->scrollTo(m_model->index(topRow + int(page.events.size()), 0),
                         QAbstractItemView::PositionAtTop);
    }
    m_statusLabel->setText(
        m_hasMore ? tr("%n events shown; scroll up for older ones.", nullptr, m_model->rowCount())
                  : tr("%n events shown, all that match.", nullptr, m_model->rowCount()));
    QTimer::singleShot(0, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        if (bar->minimum() == bar->maximum())
            maybeLoadMore();
    });
}

void HistoryPanel::maybeLoadMore()
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    if (m_hasMore && m_pendingRequest == 0 && bar->value() == bar->minimum())
        loadOlder();
}

void HistoryPanel::exportTo(const QString &filePath, bool asJson)
{
    if (!m_controller->isRunning()) {
        m_statusLabel->setText(tr("The history can be exported while the server runs."));
        return;
    }
    HistoryQuery query = filter();
    query.includeDirect = m_includeDirect->isChecked();
    m_statusLabel->setText(tr("Exporting to %1…").arg(filePath));
    m_exportButton->setEnabled(false);
    m_controller->exportHistory(filePath, asJson, query);
}

void HistoryPanel::focusSearch()
{
    m_textField->setFocus(Qt::ShortcutFocusReason);
    m_textField->selectAll();
}

void HistoryPanel::chooseExportFile()
{
    const QString textFilter = tr("Text files (*.txt)");
    const QString jsonFilter = tr("JSON files (*.json)");
    QString selected = textFilter;
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export history"), u"lanchat-history.txt"_s,
                                       textFilter + u";;"_s + jsonFilter, &selected);
    if (path.isEmpty())
        return;
    exportTo(path, selected == jsonFilter || path.endsWith(u".json"_s, Qt::CaseInsensitive));
}

void HistoryPanel::onExportFinished(const QString &filePath, qint64 count, const QString &error)
{
    m_exportButton->setEnabled(true);
    const QString message = error.isEmpty()
                                ? tr("Exported %n events to %1.", nullptr, int(count)).arg(filePath)
                                : tr("Export to %1 failed: %2").arg(filePath, error);
    m_statusLabel->setText(message);
    emit exportDone(message);
}

#include "moc_historypanel.cpp"
