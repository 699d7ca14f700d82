#include "historyexporter.h"

#include <QCoreApplication>
#include <QThreadPool>

using namespace Qt::StringLiterals;

HistoryExporter::HistoryExporter(const QString &databasePath, QObject *parent)
    : QObject(parent), m_databasePath(databasePath), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
}

HistoryExporter::~HistoryExporter()
{
    cancel();
    m_pool->waitForDone();
}

void HistoryExporter::start(const QString &filePath, HistoryExport::Format format,
                            const HistoryQuery &filter)
{
    // The pool is waited for before this object goes away, so calling back into it is safe; a
    // stop cancels the export at its next page instead of waiting for all of it.
    m_pool->start([this, filePath, format, filter] {
        const HistoryExport::Result result = HistoryExport::write(
            m_databasePath, u"lanchat-export-%1"_s.arg(reinterpret_cast<quintptr>(this), 0, 16),
            filePath, format, filter, m_cancelled);
        QMetaObject::invokeMethod(this, [this, filePath, result] {
            emit finished(filePath, result.count, result.error);
        });
    });
}

void HistoryExporter::finish()
{
    cancel();
    m_pool->waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

#include "moc_historyexporter.cpp"
