// Any thread, on the connection of the thread that calls it (a HistoryStore's). The SQL of the
// `bans` and `moderation` tables: the operator's bans and the moderation log.
#pragma once

#include "chattypes.h"

#include <QList>
#include <QString>

namespace ModerationTables {
// Each function returns false and sets *error (one line: what failed and SQLite's reason) when
// the statement failed.
bool addBan(const QString &connectionName, BanInfo *ban, QString *error); // assigns ban->id
bool removeBan(const QString &connectionName, qint64 id, QString *error);
// The bans in force at nowMs, oldest first.
bool activeBans(const QString &connectionName, qint64 nowMs, QList<BanInfo> *bans, QString *error);
// Assigns record->id.
bool addModeration(const QString &connectionName, ModerationRecord *record, QString *error);
// The newest `limit` records, oldest first.
bool recentModeration(const QString &connectionName, int limit, QList<ModerationRecord> *records,
                      QString *error);
} // namespace ModerationTables
