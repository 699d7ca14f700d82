// Runs in a worker thread (ChatServer's export pool); any thread may cancel it. Writes the
// events matching a query to a file, page by page: memory stays at a page whatever the size of
// the history. The file appears only when the export is complete (QSaveFile); a failed or
// cancelled export leaves whatever was at that path before untouched.
#pragma once

#include "historystore.h"

#include <QString>

#include <atomic>

class HistoryExport final
{
public:
    enum class Format {
        Text, // one line per event: "time  #room  name: text" ("@addressee" for a DM)
        // An array with one event object (as in docs/PROTOCOL.md, with `room`, or `to` for a
        // DM) per line.
        Json,
    };
    static constexpr int PageSize = 500; // events read and written at a time

    struct Result
    {
        qint64 count = 0; // events written; 0 unless the file was completed
        QString error; // empty on success
    };

    // Reads with a read-only connection of its own (connectionName must be unique among the
    // threads that use one). Checks `cancelled` before each page.
    static Result write(const QString &databasePath, const QString &connectionName,
                        const QString &filePath, Format format, const HistoryQuery &filter,
                        const std::atomic<bool> &cancelled);
};
