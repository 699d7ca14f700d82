// Lives in the server thread (ChatServer owns it); each export runs in a worker thread of its
// own pool (one at a time) and reports back to this object's thread.
//
// Runs HistoryExport jobs for the operator: start() queues one, finished() reports it, and a stop
// of the server cancels a running export at its next page (cancel(), then finish()).
#pragma once

#include "historyexport.h"

#include <QObject>

#include <atomic>

class QThreadPool;

class HistoryExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryExporter)

public:
    explicit HistoryExporter(const QString &databasePath, QObject *parent = nullptr);
    ~HistoryExporter() override;

    // Writes every event matching the filter to the file, in a worker thread; finished() tells.
    void start(const QString &filePath, HistoryExport::Format format, const HistoryQuery &filter);
    // Any thread: a running export ends at its next page (its file is not written), and queued
    // ones end before they begin.
    void cancel() { m_cancelled.store(true); }
    // Cancels, waits for the worker and emits what it reported: every finished() has gone out
    // when this returns.
    void finish();

signals:
    void finished(const QString &filePath, qint64 count, const QString &error);

private:
    QString m_databasePath;
    QThreadPool *m_pool = nullptr;
    std::atomic<bool> m_cancelled {false}; // read by the export's worker thread
};
