#include "moderationtables.h"

#include "usernamerules.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
bool failed(const QString &what, const QSqlQuery &query, QString *error)
{
    *error = u"%1: %2"_s.arg(what, query.lastError().text());
    return false;
}
} // namespace

namespace ModerationTables {

bool addBan(const QString &connectionName, BanInfo *ban, QString *error)
{
    QSqlQuery insert(QSqlDatabase::database(connectionName, false));
    insert.prepare(u"INSERT INTO bans (username, user_key, address, created, until, reason,"
                   u" created_by) VALUES (COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), ?, ?,"
                   u" COALESCE(?, ''), COALESCE(?, ''))"_s);
    insert.addBindValue(ban->username);
    insert.addBindValue(UsernameRules::comparisonKey(ban->username));
    insert.addBindValue(ban->address);
    insert.addBindValue(ban->createdMs);
    insert.addBindValue(ban->untilMs);
    insert.addBindValue(ban->reason);
    insert.addBindValue(ban->createdBy);
    if (!insert.exec())
        return failed(u"Cannot store a ban"_s, insert, error);
    ban->id = insert.lastInsertId().toLongLong();
    return true;
}

bool removeBan(const QString &connectionName, qint64 id, QString *error)
{
    QSqlQuery remove(QSqlDatabase::database(connectionName, false));
    remove.prepare(u"DELETE FROM bans WHERE id = ?"_s);
    remove.addBindValue(id);
    if (!remove.exec())
        return failed(u"Cannot remove a ban"_s, remove, error);
    return true;
}

bool activeBans(const QString &connectionName, qint64 nowMs, QList<BanInfo> *bans, QString *error)
{
    bans->clear();
    QSqlQuery select(QSqlDatabase::database(connectionName, false));
    select.prepare(u"SELECT id, username, address, created, until, reason, created_by FROM bans"
                   u" WHERE until = 0 OR until > ? ORDER BY id"_s);
    select.addBindValue(nowMs);
    if (!select.exec())
        return failed(u"Cannot read the bans"_s, select, error);
    while (select.next()) {
        BanInfo ban;
        ban.id = select.value(0).toLongLong();
        ban.username = select.value(1).toString();
        ban.address = select.value(2).toString();
        ban.createdMs = select.value(3).toLongLong();
        ban.untilMs = select.value(4).toLongLong();
        ban.reason = select.value(5).toString();
        ban.createdBy = select.value(6).toString();
        bans->append(ban);
    }
    return true;
}

bool addModeration(const QString &connectionName, ModerationRecord *record, QString *error)
{
    QSqlQuery insert(QSqlDatabase::database(connectionName, false));
    insert.prepare(
        u"INSERT INTO moderation (ts, actor, action, target, reason, detail)"
        u" VALUES (?, COALESCE(?, ''), ?, COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''))"_s);
    insert.addBindValue(record->timestampMs);
    insert.addBindValue(record->actor);
    insert.addBindValue(LanChat::actionName(record->action));
    insert.addBindValue(record->target);
    insert.addBindValue(record->reason);
    insert.addBindValue(record->detail);
    if (!insert.exec())
        return failed(u"Cannot record a moderation action"_s, insert, error);
    record->id = insert.lastInsertId().toLongLong();
    return true;
}

bool recentModeration(const QString &connectionName, int limit, QList<ModerationRecord> *records,
                      QString *error)
{
    records->clear();
    QSqlQuery select(QSqlDatabase::database(connectionName, false));
    select.prepare(u"SELECT id, ts, actor, action, target, reason, detail FROM moderation"
                   u" ORDER BY id DESC LIMIT ?"_s);
    select.addBindValue(limit);
    if (!select.exec())
        return failed(u"Cannot read the moderation log"_s, select, error);
    while (select.next()) {
        ModerationRecord record;
        record.id = select.value(0).toLongLong();
        record.timestampMs = select.value(1).toLongLong();
        record.actor = select.value(2).toString();
        LanChat::actionFromName(select.value(3).toString(), &record.action);
        record.target = select.value(4).toString();
        record.reason = select.value(5).toString();
        record.detail = select.value(6).toString();
        records->prepend(record);
    }
    return true;
}

} // namespace ModerationTables
