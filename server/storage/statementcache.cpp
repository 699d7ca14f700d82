#include "statementcache.h"

#include "logging.h"

#include <QSqlDatabase>
#include <QSqlError>

QSqlQuery &StatementCache::get(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            qCWarning(lcStore).noquote() << "cannot prepare" << sql << query.lastError().text();
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return it->second;
}
