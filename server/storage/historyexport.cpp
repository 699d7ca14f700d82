#include "historyexport.h"

#include "protocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
QByteArray textLine(const ChatEvent &event)
{
    const QString time
        = QDateTime::fromMSecsSinceEpoch(event.timestampMs).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    QString line;
    switch (event.kind) {
    case ChatEvent::Kind::Message:
    case ChatEvent::Kind::Announcement:
        line = u"%1  %2: %3"_s.arg(time, event.username, event.text);
        break;
    case ChatEvent::Kind::Join:
        line = u"%1  %2 joined"_s.arg(time, event.username);
        break;
    case ChatEvent::Kind::Leave:
        line = u"%1  %2 left"_s.arg(time, event.username);
        break;
    case ChatEvent::Kind::Kick:
        line = u"%1  %2 was kicked: %3"_s.arg(time, event.username, event.text);
        break;
    case ChatEvent::Kind::Topic:
        line = u"%1  %2 set the topic: %3"_s.arg(time, event.username, event.text);
        break;
    }
    // Where it was said: the room, or a DM's addressee.
    const QString where = event.isDirect() ? u"@"_s + event.to : u"#"_s + event.room;
    line.insert(time.size() + 2, where + u"  "_s);
    return line.toUtf8() + '\n';
}

QJsonObject jsonEvent(const ChatEvent &event)
{
    QJsonObject object = Protocol::eventToJson(event);
    if (event.isDirect())
        object.insert("to"_L1, event.to);
    else
        object.insert("room"_L1, event.room);
    return object;
}
} // namespace

HistoryExport::Result HistoryExport::write(const QString &databasePath,
                                           const QString &connectionName, const QString &filePath,
                                           Format format, const HistoryQuery &filter,
                                           const std::atomic<bool> &cancelled)
{
    Result result;
    HistoryStore store(connectionName);
    if (!store.open(databasePath, true)) {
        result.error = store.lastError();
        return result;
    }
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = file.errorString();
        return result;
    }
    const bool json = format == Format::Json;
    // The array is written as it goes, one event object per line, never held whole.
    QByteArray chunk = json ? "[\n"_ba : QByteArray();
    HistoryQuery query = filter;
    query.beforeId = -1;
    query.afterId = 0;
    query.limit = PageSize;
    qint64 count = 0;
    for (;;) {
        if (cancelled.load()) {
            result.error = QCoreApplication::translate(
                "HistoryExport", "The export was cancelled because the server stopped.");
            return result; // the QSaveFile is discarded
        }
        HistoryPage page;
        if (!store.page(query, &page)) {
            result.error = store.lastError();
            return result;
        }
        for (const ChatEvent &event : std::as_const(page.events)) {
            if (json) {
                chunk += count == 0 ? "  "_ba : ",\n  "_ba;
                chunk += QJsonDocument(jsonEvent(event)).toJson(QJsonDocument::Compact);
            } else {
                chunk += textLine(event);
            }
            ++count;
            query.afterId = event.id;
        }
        if (!page.hasMore)
            break;
        if (file.write(chunk) != chunk.size())
            break; // the error is reported by commit() below
        chunk.clear();
    }
    if (json)
        chunk += count == 0 ? "]\n"_ba : "\n]\n"_ba;
    file.write(chunk);
    if (!file.commit()) {
        result.error = file.errorString();
        return result;
    }
    result.count = count;
    return result;
}
