// Lives in the GUI thread. The stored history: loaded page by page through
// ServerController::queryHistory as the operator scrolls up, searchable by text and username,
// exportable to a text or JSON file through ServerController::exportHistory. No disk I/O here.
#pragma once

#include "chattypes.h"
#include "eventtablemodel.h"
#include "tablepanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class ServerController;

class HistoryPanel final : public TablePanel<EventTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)

public:
    static constexpr int PageSize = 100;

    explicit HistoryPanel(ServerController *controller, QWidget *parent = nullptr);
    ~HistoryPanel() override;

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
    QLineEdit *m_textField = nullptr;
    QLineEdit *m_userField = nullptr;
    QPushButton *m_exportButton = nullptr;
    QCheckBox *m_includeDirect = nullptr;
    QLabel *m_statusLabel = nullptr;
    quint64 m_nextRequest = 1;
    quint64 m_pendingRequest = 0;
    bool m_replace = false; // the pending page replaces the rows (a new search)
    bool m_hasMore = false;
};
