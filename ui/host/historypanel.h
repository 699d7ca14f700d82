// Lives in the GUI thread. The stored history: loaded page by page through
// ServerController::queryHistory as the operator scrolls up, searchable by text and username,
// exportable to a text or JSON file through ServerController::exportHistory. No disk I/O here.
#pragma once

#include "chattypes.h"

#include <QWidget>

class EventTableModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class ServerController;

class HistoryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)

public:
    static constexpr int PageSize = 100;

    explicit HistoryPanel(ServerController *controller, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    EventTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    bool hasMore() const { return m_hasMore; }
    bool isLoading() const { return m_pendingRequest != 0; }
    HistoryQuery filter() const;

    // Drops what is shown and loads the newest page that matches the search fields.
    void reload();
    // Loads the page before the oldest row shown.
    void loadOlder();
    void exportTo(const QString &filePath, bool asJson);
    void focusSearch();

signals:
    void exportDone(const QString &message);

private:
    void request(qint64 beforeId);
    void onPage(quint64 requestId, const HistoryPage &page, bool ok);
    void onExportFinished(const QString &filePath, qint64 count, const QString &error);
    void chooseExportFile();
    void maybeLoadMore();

    ServerController *m_controller;
    EventTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_textField = nullptr;
    QLineEdit *m_userField = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    quint64 m_nextRequest = 1;
    quint64 m_pendingRequest = 0;
    bool m_replace = false; // the pending page replaces the rows (a new search)
    bool m_hasMore = false;
};
