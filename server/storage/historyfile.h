// Not a QObject; used in the thread of the HistoryStore that opens it. The history database
// file as HistoryStore finds it: opened on a named QSQLITE connection and vetted before any use
// (private permissions, WAL and synchronous=FULL read back, a write probe, the schema version;
// SQLite's quick_check before a migration), then migrated to SchemaVersion. checkIntegrity()
// checks every page; the server runs it after its start, before its first write. A refused file is
// never replaced or repaired: the refusal says what is wrong and what to do.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class HistoryFile final
{
public:
    static constexpr int SchemaVersion = 3;
    // The statements that build the schema, one list per version (the one definition of the
    // tables; the history benchmark's raw reference uses it too).
    static const QList<QStringList> &schemaSteps();

    // The connection is added under connectionName; its owner closes and removes it.
    HistoryFile(const QString &connectionName, const QString &filePath);

    // A writable open checks the file first (WAL and synchronous=FULL read back, a write lock
    // taken and released; quick_check too when the schema must be migrated, since that writes)
    // and migrates it; a read-only open expects the current schema in WAL mode. On false, what()
    // and detail() say why.
    bool open(bool readOnly);
    // SQLite's quick_check on the connection open() added (or one under the same name): every
    // page is read, about 1 s per GB. On false, what() and detail() say why.
    bool checkIntegrity();
    QString what() const { return m_what; }
    QString detail() const { return m_detail; }

private:
    bool fail(const QString &what, const QString &detail);
    bool exec(const QString &statement);
    bool checkWritable(int schema);
    bool migrate(int version); // from version to SchemaVersion

    QString m_connectionName;
    QString m_filePath;
    QString m_what;
    QString m_detail;
};
