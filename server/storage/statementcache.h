// Not a QObject; used in the thread of the HistoryStore that owns it. Prepared statements of one
// database connection, by SQL text: preparing costs as much as a small query, so each statement
// is prepared once and reused.
#pragma once

#include <QSqlQuery>
#include <QString>

#include <unordered_map>

class StatementCache final
{
public:
    explicit StatementCache(const QString &connectionName) : m_connectionName(connectionName) { }
    Q_DISABLE_COPY_MOVE(StatementCache)

    // A forward-only query prepared with sql on the connection (prepared on first use).
    QSqlQuery &get(const QString &sql);
    // Drops every statement: before the connection closes, and after a failed transaction so
    // that none holds a cursor or an error state into the next one.
    void clear() { m_statements.clear(); }

private:
    QString m_connectionName;
    std::unordered_map<QString, QSqlQuery> m_statements;
};
