#include "registrationtable.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace RegistrationTable {

namespace {
bool run(QSqlQuery &query, const QString &what, QString *error)
{
    if (query.exec())
        return true;
    *error = what + u": "_s + query.lastError().text();
    return false;
}
} // namespace

bool load(const QString &connectionName, QList<Registration> *registrations, QString *error)
{
    registrations->clear();
    QSqlQuery select(QSqlDatabase::database(connectionName, false));
    select.prepare(u"SELECT user_key, username, identity_hash, first_seen, last_seen"
                   u" FROM registrations ORDER BY user_key"_s);
    if (!run(select, u"Cannot read the registered names"_s, error))
        return false;
    while (select.next()) {
        Registration registration;
        registration.userKey = select.value(0).toString();
        registration.username = select.value(1).toString();
        registration.identityHash = select.value(2).toByteArray();
        registration.firstSeenMs = select.value(3).toLongLong();
        registration.lastSeenMs = select.value(4).toLongLong();
        registrations->append(registration);
    }
    return true;
}

bool insert(const QString &connectionName, const Registration &registration, QString *error)
{
    QSqlQuery insert(QSqlDatabase::database(connectionName, false));
    insert.prepare(u"INSERT INTO registrations (user_key, username, identity_hash, first_seen,"
                   u" last_seen) VALUES (?, ?, ?, ?, ?)"_s);
    insert.addBindValue(registration.userKey);
    insert.addBindValue(registration.username);
    insert.addBindValue(registration.identityHash);
    insert.addBindValue(registration.firstSeenMs);
    insert.addBindValue(registration.lastSeenMs);
    return run(insert, u"Cannot store a registered name"_s, error);
}

bool touch(const QString &connectionName, const QString &userKey, qint64 lastSeenMs, QString *error)
{
    QSqlQuery update(QSqlDatabase::database(connectionName, false));
    update.prepare(u"UPDATE registrations SET last_seen = ? WHERE user_key = ?"_s);
    update.addBindValue(lastSeenMs);
    update.addBindValue(userKey);
    return run(update, u"Cannot note when a registered name was seen"_s, error);
}

bool remove(const QString &connectionName, const QString &userKey, QString *error)
{
    QSqlQuery remove(QSqlDatabase::database(connectionName, false));
    remove.prepare(u"DELETE FROM registrations WHERE user_key = ?"_s);
    remove.addBindValue(userKey);
    return run(remove, u"Cannot release a registered name"_s, error);
}

} // namespace RegistrationTable
