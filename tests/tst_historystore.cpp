// HistoryStore against a real SQLite file in a temporary directory: ids, keyset paging, filters,
// cid de-duplication, durability settings, schema versions (and the migration of a real schema 2
// file, tests/fixtures), the read-only connection, a full database and damaged files.
#include "historyfile.h"
#include "historystore.h"
#include "historywriter.h"
#include "testsupport.h"
#include "usernamerules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class tst_HistoryStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void appendAssignsIncreasingIds();
    void eventsRoundTrip();
    void defaultPageIsNewestOldestFirst();
    void walkTheWholeStore_data();
    void walkTheWholeStore();
    void limitIsHonoured();
    void textFilter_data();
    void textFilter();
    void usernameFilter();
    void cidDeduplicatedWithinOneBatch();
    void cidDeduplicatedAcrossBatches();
    void cidIsPerUser();
    void largeBatchMatchesIdsToRowsInOrder_data();
    void largeBatchMatchesIdsToRowsInOrder();
    void duplicateInsideALargeBatchIsAnsweredWithTheOriginal();
    void idsNeverReusedAfterReopen();
    void idsNeverReusedAfterDeletingTheNewestRow();
    void writerUsesWalAndFullSync();
    void newerSchemaIsRefused();
    void schema2FixtureMigratesWithNothingLost();
    void currentSchemaOpensAsIs();
    void nextSchemaIsRefused();
    void uncreatableDirectoryFails();
    void readOnlySeesWriterCommits();
    void readOnlyRefusesWrites();
    void fullDatabaseFailsWholeBatchesAndRecovers();
    void damagedFileIsRefusedUntouched_data();
    void damagedFileIsRefusedUntouched();
    void directoryInsteadOfFileIsRefused();
    void filesAreOwnerOnly();

private:
    QString databasePath() const { return m_dir->filePath(u"history.sqlite"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

const QString WriterName = u"tst-history-writer"_s;
const QString ReaderName = u"tst-history-reader"_s;
const QString RawName = u"tst-history-raw"_s;
constexpr qint64 BaseTs = 1'790'000'000'000; // 2026-09-22, any fixed UTC instant

PendingEvent message(const QString &username, const QString &text, const QString &cid = {},
                     qint64 ts = BaseTs, ClientId sender = 1)
{
    PendingEvent pending;
    pending.event.kind = ChatEvent::Kind::Message;
    pending.event.timestampMs = ts;
    pending.event.username = username;
    pending.event.text = text;
    pending.sender = sender;
    pending.userKey = UsernameRules::comparisonKey(username);
    pending.cid = cid;
    return pending;
}

PendingEvent serverEvent(ChatEvent::Kind kind, const QString &username, const QString &text = {},
                         qint64 ts = BaseTs)
{
    PendingEvent pending;
    pending.event.kind = kind;
    pending.event.timestampMs = ts;
    pending.event.username = username;
    pending.event.text = text;
    pending.userKey = UsernameRules::comparisonKey(username);
    return pending;
}

QList<qint64> idsOf(const QList<ChatEvent> &events)
{
    QList<qint64> ids;
    for (const ChatEvent &event : events)
        ids.append(event.id);
    return ids;
}

QList<qint64> idsOf(const QList<StoredEvent> &stored)
{
    QList<qint64> ids;
    for (const StoredEvent &event : stored)
        ids.append(event.event.id);
    return ids;
}

bool strictlyIncreasing(const QList<qint64> &ids)
{
    return std::adjacent_find(ids.cbegin(), ids.cend(), [](qint64 a, qint64 b) { return b <= a; })
           == ids.cend();
}

// Appends `count` messages one batch each, texts "m1".."mN"; returns the ids.
QList<qint64> fill(HistoryStore &store, int count)
{
    QList<qint64> ids;
    for (int i = 1; i <= count; ++i) {
        QList<StoredEvent> stored;
        if (!store.append({message(u"alice"_s, u"m%1"_s.arg(i), {}, BaseTs + i)}, &stored)
            || stored.size() != 1)
            return {};
        ids.append(stored.first().event.id);
    }
    return ids;
}

// Runs fn with a raw connection of our own to the database file.
template<typename Fn>
void withRawConnection(const QString &path, Fn fn)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, RawName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open())
            fn(db);
        else
            qWarning() << "raw connection failed:" << db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(RawName);
}

} // namespace

void tst_HistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HistoryStore::cleanup()
{
    m_dir.reset();
    QVERIFY(!QSqlDatabase::contains(WriterName));
    QVERIFY(!QSqlDatabase::contains(ReaderName));
}

void tst_HistoryStore::appendAssignsIncreasingIds()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QVERIFY(store.isOpen());
    QCOMPARE(store.lastId(), 0);
    QCOMPARE(store.count(), 0);

    QList<StoredEvent> first;
    QVERIFY(store.append({serverEvent(ChatEvent::Kind::Join, u"alice"_s),
                          message(u"alice"_s, u"one"_s, u"c1"_s, BaseTs, 7),
                          message(u"alice"_s, u"two"_s, {}, BaseTs, 7)},
                         &first));
    QCOMPARE(first.size(), 3);
    QVERIFY(first.at(0).event.id > 0);
    QVERIFY(strictlyIncreasing(idsOf(first)));
    QCOMPARE(first.at(0).sender, ClientId(0));
    QCOMPARE(first.at(1).sender, ClientId(7));
    QCOMPARE(first.at(1).cid, u"c1"_s);
    QCOMPARE(first.at(1).event.text, u"one"_s);
    for (const StoredEvent &stored : std::as_const(first))
        QVERIFY(!stored.duplicate);

    QList<StoredEvent> second;
    QVERIFY(store.append({message(u"bob"_s, u"three"_s), message(u"bob"_s, u"four"_s)}, &second));
    QCOMPARE(second.size(), 2);
    QVERIFY(second.at(0).event.id > first.last().event.id);
    QVERIFY(strictlyIncreasing(idsOf(second)));
    QCOMPARE(store.lastId(), second.last().event.id);
    QCOMPARE(store.count(), 5);

    QList<StoredEvent> none;
    QVERIFY(store.append({}, &none));
    QVERIFY(none.isEmpty());
    QCOMPARE(store.count(), 5);
}

void tst_HistoryStore::eventsRoundTrip()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    const QString hostile = u"Robert'); DROP TABLE events;-- 👋 <b>x</b>\n\ttab"_s;
    QList<StoredEvent> stored;
    QVERIFY(store.append(
        {serverEvent(ChatEvent::Kind::Join, u"Zoë"_s, {}, BaseTs + 1),
         message(u"Zoë"_s, hostile, u"n"_s, BaseTs + 2),
         serverEvent(ChatEvent::Kind::Announcement, u"Operator"_s, u"hello all"_s, BaseTs + 3),
         serverEvent(ChatEvent::Kind::Kick, u"Zoë"_s, u"spam"_s, BaseTs + 4),
         serverEvent(ChatEvent::Kind::Leave, u"bob"_s, {}, BaseTs + 5)},
        &stored));
    HistoryPage page;
    QVERIFY(store.page({}, &page));
    QCOMPARE(page.events.size(), 5);
    QCOMPARE(idsOf(page.events), idsOf(stored));
    const QList<ChatEvent::Kind> kinds
        = {ChatEvent::Kind::Join, ChatEvent::Kind::Message, ChatEvent::Kind::Announcement,
           ChatEvent::Kind::Kick, ChatEvent::Kind::Leave};
    for (qsizetype i = 0; i < page.events.size(); ++i) {
        QCOMPARE(page.events.at(i).kind, kinds.at(i));
        QCOMPARE(page.events.at(i).timestampMs, BaseTs + 1 + i);
    }
    QCOMPARE(page.events.at(1).text, hostile);
    QCOMPARE(page.events.at(1).username, u"Zoë"_s);
    QCOMPARE(page.events.at(2).text, u"hello all"_s);
    QCOMPARE(page.events.at(3).text, u"spam"_s);
    QCOMPARE(page.events.at(4).username, u"bob"_s);
    QVERIFY(!page.hasMore);
}

void tst_HistoryStore::defaultPageIsNewestOldestFirst()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    const QList<qint64> ids = fill(store, 30);
    QCOMPARE(ids.size(), 30);

    HistoryQuery query;
    query.limit = 10;
    HistoryPage page;
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), ids.mid(20));
    QCOMPARE(page.events.first().text, u"m21"_s);
    QCOMPARE(page.events.last().text, u"m30"_s);
    QVERIFY(page.hasMore);

    HistoryPage all; // default limit 100
    QVERIFY(store.page({}, &all));
    QCOMPARE(idsOf(all.events), ids);
    QVERIFY(!all.hasMore);
}

void tst_HistoryStore::walkTheWholeStore_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("limit");
    QTest::addRow("47 by 10") << 47 << 10;
    QTest::addRow("40 by 10 (exact pages)") << 40 << 10;
    QTest::addRow("7 by 1") << 7 << 1;
    QTest::addRow("5 by 100") << 5 << 100;
    QTest::addRow("empty") << 0 << 10;
}

void tst_HistoryStore::walkTheWholeStore()
{
    QFETCH(int, total);
    QFETCH(int, limit);
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    const QList<qint64> ids = fill(store, total);
    QCOMPARE(ids.size(), total);
    const int expectedPages = std::max(1, (total + limit - 1) / limit);

    // Backwards: the newest page, then before=<oldest id seen> until hasMore is false.
    QList<qint64> backwards;
    HistoryQuery query;
    query.limit = limit;
    int pages = 0;
    for (;;) {
        HistoryPage page;
        QVERIFY(store.page(query, &page));
        QVERIFY(page.events.size() <= limit);
        QVERIFY(strictlyIncreasing(idsOf(page.events)));
        backwards = idsOf(page.events) + backwards;
        ++pages;
        QVERIFY(pages <= expectedPages);
        if (!page.hasMore)
            break;
        QCOMPARE(page.events.size(), limit);
        query.beforeId = page.events.first().id;
    }
    QCOMPARE(pages, expectedPages);
    QCOMPARE(backwards, ids);

    // Forwards: after=0, then after=<newest id seen>.
    QList<qint64> forwards;
    query = HistoryQuery();
    query.limit = limit;
    query.afterId = 0;
    pages = 0;
    for (;;) {
        HistoryPage page;
        QVERIFY(store.page(query, &page));
        QVERIFY(page.events.size() <= limit);
        QVERIFY(strictlyIncreasing(idsOf(page.events)));
        forwards += idsOf(page.events);
        ++pages;
        QVERIFY(pages <= expectedPages);
        if (!page.hasMore)
            break;
        QCOMPARE(page.events.size(), limit);
        query.afterId = page.events.last().id;
    }
    QCOMPARE(pages, expectedPages);
    QCOMPARE(forwards, ids);

    // Past either end: nothing, and nothing more.
    if (total > 0) {
        HistoryQuery beyond;
        beyond.afterId = ids.last();
        HistoryPage page;
        QVERIFY(store.page(beyond, &page));
        QVERIFY(page.events.isEmpty());
        QVERIFY(!page.hasMore);
        beyond = HistoryQuery();
        beyond.beforeId = ids.first();
        QVERIFY(store.page(beyond, &page));
        QVERIFY(page.events.isEmpty());
        QVERIFY(!page.hasMore);
    }
}

void tst_HistoryStore::limitIsHonoured()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    const QList<qint64> ids = fill(store, 12);
    QCOMPARE(ids.size(), 12);

    HistoryQuery query;
    HistoryPage page;
    query.limit = 1;
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), QList<qint64>({ids.last()}));
    QVERIFY(page.hasMore);

    query.limit = 12;
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), ids);
    QVERIFY(!page.hasMore);

    query.limit = 11;
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), ids.mid(1));
    QVERIFY(page.hasMore);

    // The oldest page after an id, limited.
    query.limit = 3;
    query.afterId = ids.at(4);
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), ids.mid(5, 3));
    QVERIFY(page.hasMore);

    // The newest page before an id, limited.
    query = HistoryQuery();
    query.limit = 3;
    query.beforeId = ids.at(4);
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), ids.mid(1, 3));
    QVERIFY(page.hasMore);
}

void tst_HistoryStore::textFilter_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("plain") << u"hello"_s << QStringList({u"Hello World"_s, u"say hello"_s});
    QTest::addRow("case-insensitive")
        << u"HELLO"_s << QStringList({u"Hello World"_s, u"say hello"_s});
    QTest::addRow("percent is literal") << u"%"_s << QStringList({u"100% sure"_s});
    QTest::addRow("percent in a word") << u"0% s"_s << QStringList({u"100% sure"_s});
    QTest::addRow("underscore is literal") << u"_"_s << QStringList({u"snake_case"_s});
    QTest::addRow("underscore in a word") << u"e_c"_s << QStringList({u"snake_case"_s});
    QTest::addRow("backslash is literal") << u"\\"_s << QStringList({u"C:\\temp"_s});
    QTest::addRow("escape-like sequence") << u"\\%"_s << QStringList();
    QTest::addRow("quote") << u"it's"_s << QStringList({u"it's fine"_s});
    QTest::addRow("no match") << u"zebra"_s << QStringList();
}

void tst_HistoryStore::textFilter()
{
    QFETCH(QString, needle);
    QFETCH(QStringList, expected);
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<PendingEvent> batch;
    for (const QString &text : {u"Hello World"_s, u"100% sure"_s, u"100 percent"_s, u"snake_case"_s,
                                u"snakeXcase"_s, u"say hello"_s, u"C:\\temp"_s, u"it's fine"_s})
        batch.append(message(u"alice"_s, text));
    QList<StoredEvent> stored;
    QVERIFY(store.append(batch, &stored));

    HistoryQuery query;
    query.textContains = needle;
    HistoryPage page;
    QVERIFY2(store.page(query, &page), qPrintable(store.lastError()));
    QCOMPARE(textsOf(page.events), expected);
    QVERIFY(!page.hasMore);
}

void tst_HistoryStore::usernameFilter()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<PendingEvent> batch;
    for (int i = 0; i < 6; ++i) {
        batch.append(message(u"Alice"_s, u"a%1"_s.arg(i)));
        batch.append(message(u"bob"_s, u"b%1"_s.arg(i)));
    }
    batch.append(message(u"Alicia"_s, u"not alice"_s));
    QList<StoredEvent> stored;
    QVERIFY(store.append(batch, &stored));

    HistoryQuery query;
    query.username = UsernameRules::comparisonKey(u"ALICE"_s);
    HistoryPage page;
    QVERIFY(store.page(query, &page));
    QCOMPARE(textsOf(page.events),
             QStringList({u"a0"_s, u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s, u"a5"_s}));
    for (const ChatEvent &event : std::as_const(page.events))
        QCOMPARE(event.username, u"Alice"_s);
    QVERIFY(!page.hasMore);

    // Combined with paging and the text filter.
    query.limit = 4;
    QVERIFY(store.page(query, &page));
    QCOMPARE(textsOf(page.events), QStringList({u"a2"_s, u"a3"_s, u"a4"_s, u"a5"_s}));
    QVERIFY(page.hasMore);
    query.beforeId = page.events.first().id;
    QVERIFY(store.page(query, &page));
    QCOMPARE(textsOf(page.events), QStringList({u"a0"_s, u"a1"_s}));
    QVERIFY(!page.hasMore);

    query = HistoryQuery();
    query.username = u"bob"_s;
    query.textContains = u"3"_s;
    QVERIFY(store.page(query, &page));
    QCOMPARE(textsOf(page.events), QStringList({u"b3"_s}));

    query = HistoryQuery();
    query.username = u"nobody"_s;
    QVERIFY(store.page(query, &page));
    QVERIFY(page.events.isEmpty());
    QVERIFY(!page.hasMore);
}

void tst_HistoryStore::cidDeduplicatedWithinOneBatch()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<StoredEvent> stored;
    QVERIFY(store.append({message(u"alice"_s, u"first"_s, u"n1"_s, BaseTs + 1, 3),
                          message(u"alice"_s, u"other"_s, {}, BaseTs + 2, 3),
                          message(u"ALICE"_s, u"second"_s, u"n1"_s, BaseTs + 3, 3)},
                         &stored));
    QCOMPARE(stored.size(), 3);
    QVERIFY(!stored.at(0).duplicate);
    QVERIFY(!stored.at(1).duplicate);
    QVERIFY(stored.at(2).duplicate);
    QCOMPARE(stored.at(2).event.id, stored.at(0).event.id);
    QCOMPARE(stored.at(2).event.timestampMs, BaseTs + 1);
    QCOMPARE(stored.at(2).event.text, u"first"_s);
    QCOMPARE(stored.at(2).cid, u"n1"_s);
    QCOMPARE(stored.at(2).sender, ClientId(3));
    QCOMPARE(store.count(), 2);

    HistoryPage page;
    QVERIFY(store.page({}, &page));
    QCOMPARE(textsOf(page.events), QStringList({u"first"_s, u"other"_s}));
}

void tst_HistoryStore::cidDeduplicatedAcrossBatches()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<StoredEvent> original;
    QVERIFY(store.append({message(u"alice"_s, u"hello"_s, u"nonce-1"_s, BaseTs + 10)}, &original));
    QCOMPARE(original.size(), 1);
    QVERIFY(!original.first().duplicate);
    QList<StoredEvent> later;
    QVERIFY(store.append({message(u"alice"_s, u"later"_s, u"nonce-2"_s, BaseTs + 20)}, &later));

    // The re-send after a reconnect: new timestamp, maybe even a different text.
    QList<StoredEvent> resent;
    QVERIFY(store.append({message(u"alice"_s, u"hello (resent)"_s, u"nonce-1"_s, BaseTs + 99, 8),
                          message(u"alice"_s, u"new"_s, u"nonce-3"_s, BaseTs + 100, 8)},
                         &resent));
    QCOMPARE(resent.size(), 2);
    QVERIFY(resent.at(0).duplicate);
    QCOMPARE(resent.at(0).event.id, original.first().event.id);
    QCOMPARE(resent.at(0).event.text, u"hello"_s);
    QCOMPARE(resent.at(0).event.timestampMs, BaseTs + 10);
    QCOMPARE(resent.at(0).sender, ClientId(8));
    QCOMPARE(resent.at(0).cid, u"nonce-1"_s);
    QVERIFY(!resent.at(1).duplicate);
    QVERIFY(resent.at(1).event.id > later.first().event.id);
    QCOMPARE(store.count(), 3);

    // Still recognised after the store is closed and reopened.
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<StoredEvent> again;
    QVERIFY(store.append({message(u"alice"_s, u"x"_s, u"nonce-3"_s, BaseTs + 500)}, &again));
    QVERIFY(again.first().duplicate);
    QCOMPARE(again.first().event.id, resent.at(1).event.id);
    QCOMPARE(again.first().event.text, u"new"_s);
    QCOMPARE(store.count(), 3);
}

void tst_HistoryStore::cidIsPerUser()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<StoredEvent> stored;
    QVERIFY(store.append({message(u"alice"_s, u"from alice"_s, u"same"_s),
                          message(u"bob"_s, u"from bob"_s, u"same"_s)},
                         &stored));
    QVERIFY(!stored.at(0).duplicate);
    QVERIFY(!stored.at(1).duplicate);
    QVERIFY(stored.at(1).event.id > stored.at(0).event.id);
    QCOMPARE(store.count(), 2);
}

// The ids handed back for a large batch (joins among the messages) must be the rows' own, in the
// batch's order.
void tst_HistoryStore::largeBatchMatchesIdsToRowsInOrder_data()
{
    QTest::addColumn<int>("size");
    for (int size : {5, 63, 64, 85, 200, 1000})
        QTest::addRow("%d rows", size) << size;
}

void tst_HistoryStore::largeBatchMatchesIdsToRowsInOrder()
{
    QFETCH(int, size);
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QCOMPARE(fill(store, 3).size(), 3);
    QList<PendingEvent> batch;
    for (int i = 0; i < size; ++i) {
        if (i % 7 == 3)
            batch.append(serverEvent(ChatEvent::Kind::Join, u"user%1"_s.arg(i)));
        else
            batch.append(message(u"user%1"_s.arg(i % 5), u"b%1"_s.arg(i), u"c%1"_s.arg(i),
                                 BaseTs + i, ClientId(i % 5 + 1)));
    }
    QList<StoredEvent> stored;
    QVERIFY2(store.append(batch, &stored), qPrintable(store.lastError()));
    QCOMPARE(stored.size(), size);
    QVERIFY(strictlyIncreasing(idsOf(stored)));
    QVERIFY(stored.first().event.id > 3);
    QCOMPARE(store.count(), size + 3);

    QHash<qint64, std::pair<QString, QString>> rows; // id -> (username, text)
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT id, username, text FROM events"_s));
        while (query.next())
            rows.insert(query.value(0).toLongLong(),
                        {query.value(1).toString(), query.value(2).toString()});
    });
    for (int i = 0; i < size; ++i) {
        const StoredEvent &event = stored.at(i);
        QVERIFY(!event.duplicate);
        QCOMPARE(event.cid, batch.at(i).cid);
        QCOMPARE(event.sender, batch.at(i).sender);
        const auto row = rows.value(event.event.id);
        QCOMPARE(row.first, batch.at(i).event.username);
        QCOMPARE(row.second, batch.at(i).event.text);
    }
}

// A re-sent cid in the middle of a large batch (one stored before, one twice in the batch): both
// are answered with their originals, and every other row is stored in order.
void tst_HistoryStore::duplicateInsideALargeBatchIsAnsweredWithTheOriginal()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QList<StoredEvent> original;
    QVERIFY(store.append({message(u"alice"_s, u"old"_s, u"c-old"_s, BaseTs)}, &original));
    QList<PendingEvent> batch;
    for (int i = 0; i < 100; ++i)
        batch.append(message(u"alice"_s, u"b%1"_s.arg(i), u"c%1"_s.arg(i), BaseTs + i));
    batch[40] = message(u"alice"_s, u"old, re-sent"_s, u"c-old"_s, BaseTs + 40);
    batch[70] = message(u"Alice"_s, u"b10, re-sent"_s, u"c10"_s, BaseTs + 70);
    QList<StoredEvent> stored;
    QVERIFY2(store.append(batch, &stored), qPrintable(store.lastError()));
    QCOMPARE(stored.size(), 100);
    QVERIFY(stored.at(40).duplicate);
    QCOMPARE(stored.at(40).event.id, original.first().event.id);
    QCOMPARE(stored.at(40).event.text, u"old"_s);
    QVERIFY(stored.at(70).duplicate);
    QCOMPARE(stored.at(70).event.id, stored.at(10).event.id);
    QCOMPARE(stored.at(70).event.text, u"b10"_s);
    QList<qint64> newIds;
    QStringList newTexts;
    for (int i = 0; i < 100; ++i) {
        if (i == 40 || i == 70)
            continue;
        QVERIFY(!stored.at(i).duplicate);
        newIds.append(stored.at(i).event.id);
        newTexts.append(batch.at(i).event.text);
    }
    QVERIFY(strictlyIncreasing(newIds));
    QVERIFY(newIds.first() > original.first().event.id);
    QCOMPARE(store.count(), 99);

    HistoryQuery query;
    query.afterId = original.first().event.id;
    query.limit = 200;
    HistoryPage page;
    QVERIFY(store.page(query, &page));
    QCOMPARE(idsOf(page.events), newIds);
    QCOMPARE(textsOf(page.events), newTexts);
}

void tst_HistoryStore::idsNeverReusedAfterReopen()
{
    qint64 lastBefore = 0;
    {
        HistoryStore store(WriterName);
        QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
        const QList<qint64> ids = fill(store, 3);
        QCOMPARE(ids.size(), 3);
        lastBefore = ids.last();
        QVERIFY(store.checkpoint());
    } // destructor closes
    QVERIFY(!QSqlDatabase::contains(WriterName));

    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QCOMPARE(store.lastId(), lastBefore);
    QCOMPARE(store.count(), 3);
    const QList<qint64> more = fill(store, 2);
    QCOMPARE(more.size(), 2);
    QVERIFY(more.first() > lastBefore);
    QVERIFY(more.last() > more.first());
}

void tst_HistoryStore::idsNeverReusedAfterDeletingTheNewestRow()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    const QList<qint64> ids = fill(store, 5);
    QCOMPARE(ids.size(), 5);

    // Someone deletes the newest rows with another connection (the store stays open).
    bool deleted = false;
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        deleted = query.exec(u"DELETE FROM events WHERE id >= %1"_s.arg(ids.at(3)))
                  && query.numRowsAffected() == 2;
    });
    QVERIFY(deleted);
    QCOMPARE(store.lastId(), ids.at(2));
    QCOMPARE(store.count(), 3);

    QList<StoredEvent> stored;
    QVERIFY(store.append({message(u"alice"_s, u"after delete"_s)}, &stored));
    QVERIFY2(
        stored.first().event.id > ids.last(),
        qPrintable(
            u"id %1 reused (newest ever was %2)"_s.arg(stored.first().event.id).arg(ids.last())));

    // Also across a reopen with every row gone.
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        deleted = query.exec(u"DELETE FROM events"_s);
    });
    QVERIFY(deleted);
    store.close();
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QCOMPARE(store.count(), 0);
    QList<StoredEvent> fresh;
    QVERIFY(store.append({message(u"alice"_s, u"fresh"_s)}, &fresh));
    QVERIFY(fresh.first().event.id > stored.first().event.id);
}

void tst_HistoryStore::writerUsesWalAndFullSync()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QCOMPARE(fill(store, 1).size(), 1);

    // journal_mode=WAL is a property of the file: any connection sees it.
    QString journalMode;
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(u"PRAGMA journal_mode"_s) && query.next())
            journalMode = query.value(0).toString();
    });
    QCOMPARE(journalMode.toLower(), u"wal"_s);
    QVERIFY(QFile::exists(databasePath() + u"-wal"_s));

    // synchronous is per connection: ask the store's own (the connection name is ours).
    QVERIFY(QSqlDatabase::contains(WriterName));
    QSqlQuery query(QSqlDatabase::database(WriterName, false));
    QVERIFY(query.exec(u"PRAGMA synchronous"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 2); // FULL
    query.finish();

    // The schema version is stamped.
    QVERIFY(query.exec(u"PRAGMA user_version"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), HistoryFile::SchemaVersion);
}

void tst_HistoryStore::newerSchemaIsRefused()
{
    bool prepared = false;
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        prepared = query.exec(u"CREATE TABLE future (x INTEGER)"_s)
                   && query.exec(u"PRAGMA user_version=99"_s);
    });
    QVERIFY(prepared);

    HistoryStore store(WriterName);
    QVERIFY(!store.open(databasePath()));
    QVERIFY2(store.lastError().contains(u"newer"_s), qPrintable(store.lastError()));
    QVERIFY2(store.lastError().contains(u"99"_s), qPrintable(store.lastError()));
    QVERIFY2(!store.isOpen(), "a refused database must not be left open");
    QList<StoredEvent> stored;
    QVERIFY(!store.append({message(u"alice"_s, u"x"_s)}, &stored));
    store.close();

    // The file was not migrated or otherwise touched.
    int version = 0;
    bool hasEvents = true;
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(u"PRAGMA user_version"_s) && query.next())
            version = query.value(0).toInt();
        hasEvents = db.tables().contains(u"events"_s);
    });
    QCOMPARE(version, 99);
    QVERIFY(!hasEvents);
}

namespace {
// The events table as the raw rows say it, one string per row (every column the fixture had).
QStringList rawEvents(const QString &path, const QString &extraColumns = {})
{
    QStringList rows;
    withRawConnection(path, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT id, ts, kind, username, user_key, text, cid, operator%1"
                        u" FROM events ORDER BY id"_s.arg(extraColumns)))
            return;
        while (query.next()) {
            QStringList columns;
            for (int i = 0; i < query.record().count(); ++i)
                columns << (query.isNull(i) ? u"NULL"_s : query.value(i).toString());
            rows << columns.join(u'|');
        }
    });
    return rows;
}

int userVersion(const QString &path)
{
    int version = -1;
    withRawConnection(path, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(u"PRAGMA user_version"_s) && query.next())
            version = query.value(0).toInt();
    });
    return version;
}
} // namespace

// The file a LanChat before rooms wrote (tests/fixtures/README.md): opened by today's store, it
// is schema 3 with every event unchanged and in general.
void tst_HistoryStore::schema2FixtureMigratesWithNothingLost()
{
    const QString fixture = QFINDTESTDATA("fixtures/history-schema2.sqlite");
    QVERIFY2(!fixture.isEmpty(), "tests/fixtures/history-schema2.sqlite is missing");
    QVERIFY(QFile::copy(fixture, databasePath()));
    QVERIFY(QFile::setPermissions(databasePath(), QFile::ReadOwner | QFile::WriteOwner));
    QCOMPARE(userVersion(databasePath()), 2);
    const QStringList before = rawEvents(databasePath());
    QCOMPARE(before.size(), 10);
    QVERIFY(before.first().startsWith(u"1|"_s));
    QVERIFY(before.last().startsWith(u"10|"_s));

    {
        HistoryStore store(WriterName);
        QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
        QCOMPARE(store.count(), 10);
        QCOMPARE(store.lastId(), 10);

        // general's page is the whole old history, as it was.
        HistoryPage page;
        QVERIFY(store.page(HistoryQuery {}, &page));
        QCOMPARE(page.events.size(), 10);
        QCOMPARE(idsOf(page.events), (QList<qint64> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        for (const ChatEvent &event : std::as_const(page.events)) {
            QCOMPARE(event.room, u"general"_s);
            QVERIFY(event.to.isEmpty());
        }
        QCOMPARE(page.events.at(2).text, u"Zweite Zeile\nmit Umbruch"_s);
        QCOMPARE(page.events.at(5).username, u"Bob Ünïcode"_s);
        QCOMPARE(page.events.at(5).text, u"emoji 😀 and <b>markup</b>"_s);
        QCOMPARE(page.events.at(4).kind, ChatEvent::Kind::Join);
        QCOMPARE(page.events.at(6).kind, ChatEvent::Kind::Leave);

        // The old cids still de-duplicate; new events continue after id 10, in general.
        QList<StoredEvent> stored;
        QVERIFY(store.append({message(u"alice"_s, u"after the upgrade"_s, u"alice-3-0"_s),
                              message(u"alice"_s, u"resent"_s, u"alice-1-0"_s),
                              message(u"Bob Ünïcode"_s, u"resent"_s, u"Bob Ünïcode-1-0"_s)},
                             &stored));
        QCOMPARE(stored.size(), 3);
        QVERIFY(!stored.at(0).duplicate);
        QCOMPARE(stored.at(0).event.id, 11);
        QVERIFY(stored.at(1).duplicate);
        QCOMPARE(stored.at(1).event.id, 2);
        QCOMPARE(stored.at(1).event.text, u"Hello from before rooms"_s);
        QVERIFY(stored.at(2).duplicate);
        QCOMPARE(stored.at(2).event.id, 6);
        QVERIFY(store.page(HistoryQuery {}, &page));
        QCOMPARE(page.events.size(), 11);
        QCOMPARE(page.events.last().text, u"after the upgrade"_s);

        QList<RoomInfo> rooms;
        QVERIFY(store.rooms(&rooms));
        QCOMPARE(rooms.size(), 1);
        QCOMPARE(rooms.first().name, u"general"_s);
    }

    QCOMPARE(userVersion(databasePath()), 3);
    // Every column of every old row unchanged, and each in conversation 1 with no recipient.
    QStringList after = rawEvents(databasePath(), u", conversation, recipient"_s);
    QCOMPARE(after.size(), 11);
    QVERIFY(after.takeLast().startsWith(u"11|"_s));
    for (qsizetype i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i), before.at(i) + u"|1|"_s);
    QString integrity;
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(u"PRAGMA integrity_check"_s) && query.next())
            integrity = query.value(0).toString();
    });
    QCOMPARE(integrity, u"ok"_s);
}

void tst_HistoryStore::currentSchemaOpensAsIs()
{
    {
        HistoryStore store(WriterName);
        QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
        QCOMPARE(fill(store, 3).size(), 3);
    }
    QCOMPARE(userVersion(databasePath()), 3);
    const QStringList before = rawEvents(databasePath(), u", conversation, recipient"_s);

    // No step runs again (a second CREATE TABLE would fail the open).
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QCOMPARE(store.count(), 3);
    store.close();
    QCOMPARE(rawEvents(databasePath(), u", conversation, recipient"_s), before);
}

void tst_HistoryStore::nextSchemaIsRefused()
{
    {
        HistoryStore store(WriterName);
        QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
        QCOMPARE(fill(store, 2).size(), 2);
    }
    withRawConnection(databasePath(), [&](QSqlDatabase &db) {
        QSqlQuery(db).exec(u"PRAGMA user_version=%1"_s.arg(HistoryFile::SchemaVersion + 1));
    });
    QCOMPARE(userVersion(databasePath()), 4);
    HistoryStore store(WriterName);
    QVERIFY(!store.open(databasePath()));
    QVERIFY2(store.lastError().contains(u"newer"_s), qPrintable(store.lastError()));
    HistoryStore reader(ReaderName);
    QVERIFY(!reader.open(databasePath(), true));
    QCOMPARE(userVersion(databasePath()), 4);
}

void tst_HistoryStore::uncreatableDirectoryFails()
{
    // A regular file where a directory would have to be: mkpath fails for anyone, even root.
    const QString blocker = m_dir->filePath(u"blocker"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a directory");
    file.close();

    const QString path = blocker + u"/sub/history.sqlite"_s;
    HistoryStore store(WriterName);
    QVERIFY(!store.open(path));
    QVERIFY(!store.isOpen());
    QVERIFY2(store.lastError().contains(u"Cannot create the data directory"_s),
             qPrintable(store.lastError()));
    QVERIFY2(store.lastError().contains(QDir::cleanPath(blocker + u"/sub"_s)),
             qPrintable(store.lastError()));
    QVERIFY(!QFileInfo::exists(blocker + u"/sub"_s));
}

void tst_HistoryStore::readOnlySeesWriterCommits()
{
    HistoryStore writer(WriterName);
    QVERIFY2(writer.open(databasePath()), qPrintable(writer.lastError()));
    const QList<qint64> ids = fill(writer, 2);
    QCOMPARE(ids.size(), 2);

    HistoryStore reader(ReaderName);
    QVERIFY2(reader.open(databasePath(), true), qPrintable(reader.lastError()));
    QVERIFY(reader.isOpen());
    HistoryPage page;
    QVERIFY(reader.page({}, &page));
    QCOMPARE(idsOf(page.events), ids);
    QCOMPARE(reader.lastId(), ids.last());

    // Later commits are visible to the already-open reader at once.
    QList<StoredEvent> stored;
    QVERIFY(writer.append({message(u"bob"_s, u"fresh"_s, u"c"_s)}, &stored));
    QCOMPARE(reader.lastId(), stored.first().event.id);
    QCOMPARE(reader.count(), 3);
    HistoryQuery query;
    query.afterId = ids.last();
    QVERIFY(reader.page(query, &page));
    QCOMPARE(page.events.size(), 1);
    QCOMPARE(page.events.first().text, u"fresh"_s);
    QCOMPARE(page.events.first().username, u"bob"_s);
}

void tst_HistoryStore::readOnlyRefusesWrites()
{
    {
        HistoryStore writer(WriterName);
        QVERIFY2(writer.open(databasePath()), qPrintable(writer.lastError()));
        QCOMPARE(fill(writer, 1).size(), 1);
    }
    HistoryStore reader(ReaderName);
    QVERIFY2(reader.open(databasePath(), true), qPrintable(reader.lastError()));
    QList<StoredEvent> stored;
    QVERIFY(!reader.append({message(u"alice"_s, u"sneaky"_s)}, &stored));
    QVERIFY(stored.isEmpty());
    QVERIFY(!reader.lastError().isEmpty());
    QCOMPARE(reader.count(), 1);

    // A read-only open of a file that does not exist fails instead of creating it.
    HistoryStore missing(u"tst-history-missing"_s);
    const QString nowhere = m_dir->filePath(u"missing.sqlite"_s);
    QVERIFY(!missing.open(nowhere, true));
    QVERIFY(!missing.lastError().isEmpty());
    missing.close();
    QVERIFY(!QFileInfo::exists(nowhere));
}

// With max_page_count reached, a batch fails as a whole with SQLITE_FULL, is rolled back, and the
// same connection and its cached statements work again once there is room.
void tst_HistoryStore::fullDatabaseFailsWholeBatchesAndRecovers()
{
    HistoryStore store(WriterName);
    QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
    QVERIFY(store.setSizeLimit(64 * 1024));
    QList<StoredEvent> stored;
    QVERIFY(store.append({message(u"alice"_s, u"first"_s, u"c0"_s)}, &stored));
    const qint64 firstId = stored.first().event.id;

    const QString big(2000, u'x');
    int batches = 0;
    bool failed = false;
    QList<PendingEvent> batch;
    for (; batches < 200 && !failed; ++batches) {
        const qint64 before = store.count();
        batch.clear();
        for (int i = 0; i < 3; ++i)
            batch.append(message(u"alice"_s, big, u"b%1-%2"_s.arg(batches).arg(i)));
        failed = !store.append(batch, &stored);
        if (failed) {
            QVERIFY(stored.isEmpty());
            QCOMPARE(store.count(), before); // nothing of the batch
        }
    }
    QVERIFY2(failed, "64 KiB never filled up");
    QVERIFY(store.lastErrorWasFull());
    QVERIFY2(store.lastError().contains(u"full"_s), qPrintable(store.lastError()));
    QVERIFY(QFileInfo(databasePath()).size() <= 64 * 1024);

    // Full stays full: the same batch fails the same way again, and leaves nothing behind.
    const qint64 countWhenFull = store.count();
    QVERIFY(!store.append(batch, &stored));
    QVERIFY(store.lastErrorWasFull());
    QCOMPARE(store.count(), countWhenFull);

    // Room again: the transaction was rolled back and the statements still work.
    QVERIFY(store.setSizeLimit(0));
    QVERIFY2(
        store.append({message(u"alice"_s, big, u"after"_s), message(u"alice"_s, u"x"_s, u"c0"_s)},
                     &stored),
        qPrintable(store.lastError()));
    QCOMPARE(stored.size(), 2);
    QVERIFY(!stored.at(0).duplicate);
    QVERIFY(stored.at(1).duplicate);
    QCOMPARE(stored.at(1).event.id, firstId);
    QCOMPARE(store.count(), countWhenFull + 1);
    HistoryPage page;
    QVERIFY(store.page({}, &page));
    QCOMPARE(page.events.last().id, stored.first().event.id);
}

void tst_HistoryStore::damagedFileIsRefusedUntouched_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addRow("random bytes") << u"random"_s;
    QTest::addRow("valid header, garbage pages") << u"pages"_s;
}

void tst_HistoryStore::damagedFileIsRefusedUntouched()
{
    QFETCH(QString, damage);
    {
        HistoryStore store(WriterName);
        QVERIFY2(store.open(databasePath()), qPrintable(store.lastError()));
        QList<PendingEvent> batch;
        for (int i = 0; i < 1500; ++i)
            batch.append(message(u"alice"_s, u"m%1"_s.arg(i)));
        QList<StoredEvent> stored;
        QVERIFY(store.append(batch, &stored));
        QVERIFY(store.checkpoint());
    }
    QFile file(databasePath());
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 8 * 4096);
    QRandomGenerator random(42);
    if (damage == "random"_L1) {
        for (char &byte : bytes)
            byte = char(random.bounded(256));
    } else {
        for (qsizetype i = 2 * 4096; i < 6 * 4096; ++i) // keep page 1 with the header
            bytes[i] = char(random.bounded(256));
    }
    file.seek(0);
    file.write(bytes);
    file.close();

    QString error;
    if (damage == "random"_L1) { // the open sees it
        HistoryStore store(WriterName);
        QVERIFY(!store.open(databasePath()));
        QVERIFY(!store.isOpen());
        error = store.lastError();
    } else {
        // Behind a sound header and schema the open does not look (the server starts at once);
        // the writer's check of every page, first in its queue, finds it, and the writer then
        // refuses every write.
        HistoryWriter writer;
        QVERIFY(writer.open(databasePath(), 0, &error));
        QSignalSpy checked(&writer, &HistoryWriter::integrityChecked);
        QSignalSpy stored(&writer, &HistoryWriter::batchStored);
        writer.checkIntegrity();
        QCOMPARE(checked.size(), 1);
        error = checked.first().first().toString();
        QVERIFY(!error.isEmpty());
        writer.store({message(u"bob"_s, u"after the check"_s)});
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored.first().at(0).value<QList<StoredEvent>>().isEmpty());
        QCOMPARE(stored.first().at(1).value<QList<PendingEvent>>().size(), 1);
        QCOMPARE(stored.first().at(2).toString(), error);
        writer.close();
    }
    QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
    QVERIFY2(error.contains(databasePath()), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QFile after(databasePath());
    QVERIFY(after.open(QIODevice::ReadOnly));
    QVERIFY2(after.readAll() == bytes, "the damaged file must be left as it was");
}

void tst_HistoryStore::directoryInsteadOfFileIsRefused()
{
    QVERIFY(QDir().mkpath(databasePath()));
    HistoryStore store(WriterName);
    QVERIFY(!store.open(databasePath()));
    QVERIFY2(store.lastError().contains(u"is a directory"_s), qPrintable(store.lastError()));
    QVERIFY(QFileInfo(databasePath()).isDir());
}

// The history is private: under umask 022 a directory the store creates is 0700, the database
// and its WAL and shared-memory files are 0600, and a file an older version left readable by
// everyone is made the owner's alone when it is opened.
void tst_HistoryStore::filesAreOwnerOnly()
{
    const auto modeOf = [](const QString &path) -> uint {
        struct stat info = {};
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 07777 : 0;
    };
    const mode_t previous = ::umask(022);
    const QString directory = m_dir->filePath(u"created/by/the/store"_s);
    const QString path = directory + u"/history.sqlite"_s;
    {
        HistoryStore store(WriterName);
        const bool opened = store.open(path);
        ::umask(previous);
        QVERIFY2(opened, qPrintable(store.lastError()));
        QCOMPARE(fill(store, 3).size(), 3);
        QCOMPARE(modeOf(directory), 0700u);
        QCOMPARE(modeOf(path), 0600u);
        QCOMPARE(modeOf(path + u"-wal"_s), 0600u);
        QCOMPARE(modeOf(path + u"-shm"_s), 0600u);
    }
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0644), 0);
    HistoryStore store(WriterName);
    QVERIFY2(store.open(path), qPrintable(store.lastError()));
    QCOMPARE(modeOf(path), 0600u);
    QCOMPARE(fill(store, 1).size(), 1);
    QCOMPARE(modeOf(path + u"-wal"_s), 0600u);
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_historystore.moc"
