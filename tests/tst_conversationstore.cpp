// The conversations of the history (schema version 3) through HistoryStore and HistoryWriter on
// a real SQLite file: rooms paged apart, DMs paired whatever the order of the two users, stored
// memberships of registered users only, topics, deleted rooms and their names reused, the
// operator's search without DMs, offline delivery reads.
#include "historystore.h"
#include "historywriter.h"
#include "testsupport.h"
#include "usernamerules.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class tst_ConversationStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roomsArePagedApart();
    void joinCreatesARoomOtherEventsDoNot();
    void directPairsWhateverTheOrder();
    void directPartnersAndOfflineDelivery();
    void membershipsOnlyForRegisteredUsers();
    void topicEventSetsTheTopic();
    void deletedRoomNameReusedStartsEmpty();
    void lateEventOfADeletedRoomStaysInIt();
    void operatorSearchNeverReturnsDirect();
    void roomChangesAreChecked();
    void directDeliveredNeverMovesBack();
    void writerSlotsAnswer();

private:
    QString databasePath() const { return m_dir->filePath(u"history.sqlite"_s); }
    void openStore();
    void store(const QList<PendingEvent> &batch, QList<StoredEvent> *stored = nullptr);
    void registerUser(const QString &username);
    QList<ChatEvent> page(const HistoryQuery &query);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_store;
};

namespace {

const QString WriterName = u"tst-conversations-writer"_s;
const QString RawName = u"tst-conversations-raw"_s;
constexpr qint64 BaseTs = 1'790'000'000'000;

QString key(const QString &username)
{
    return UsernameRules::comparisonKey(username);
}

PendingEvent roomEvent(ChatEvent::Kind kind, const QString &room, const QString &username,
                       const QString &text = {})
{
    PendingEvent pending;
    pending.event.kind = kind;
    pending.event.timestampMs = BaseTs;
    pending.event.username = username;
    pending.event.text = text;
    pending.event.room = room;
    pending.userKey = key(username);
    return pending;
}

PendingEvent say(const QString &room, const QString &username, const QString &text)
{
    return roomEvent(ChatEvent::Kind::Message, room, username, text);
}

PendingEvent direct(const QString &from, const QString &to, const QString &text)
{
    PendingEvent pending = say({}, from, text);
    pending.event.room.clear();
    pending.event.to = to;
    pending.recipientKey = key(to);
    return pending;
}

HistoryQuery roomQuery(const QString &room, int limit = 100)
{
    HistoryQuery query;
    query.room = room;
    query.limit = limit;
    return query;
}

HistoryQuery directQuery(const QString &own, const QString &with)
{
    HistoryQuery query;
    query.ownKey = key(own);
    query.withKey = key(with);
    return query;
}

QStringList roomNames(HistoryStore &store)
{
    QList<RoomInfo> rooms;
    if (!store.rooms(&rooms))
        return {u"(failed)"_s};
    QStringList names;
    for (const RoomInfo &room : std::as_const(rooms))
        names.append(room.name);
    return names;
}

} // namespace

void tst_ConversationStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    openStore();
}

void tst_ConversationStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
    QVERIFY(!QSqlDatabase::contains(WriterName));
}

void tst_ConversationStore::openStore()
{
    m_store = std::make_unique<HistoryStore>(WriterName);
    QVERIFY2(m_store->open(databasePath()), qPrintable(m_store->lastError()));
}

void tst_ConversationStore::store(const QList<PendingEvent> &batch, QList<StoredEvent> *stored)
{
    QList<StoredEvent> results;
    QVERIFY2(m_store->append(batch, &results), qPrintable(m_store->lastError()));
    QCOMPARE(results.size(), batch.size());
    if (stored)
        *stored = results;
}

// What the identity slice's registration writes: a row in `registrations`.
void tst_ConversationStore::registerUser(const QString &username)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, RawName);
        db.setDatabaseName(databasePath());
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery insert(db);
            insert.prepare(u"INSERT INTO registrations (user_key, username, identity_hash,"
                           u" first_seen, last_seen) VALUES (?, ?, ?, ?, ?)"_s);
            insert.addBindValue(key(username));
            insert.addBindValue(username);
            insert.addBindValue(QByteArray(32, 'x'));
            insert.addBindValue(BaseTs);
            insert.addBindValue(BaseTs);
            ok = insert.exec();
            if (!ok)
                qWarning() << insert.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(RawName);
    QVERIFY(ok);
}

QList<ChatEvent> tst_ConversationStore::page(const HistoryQuery &query)
{
    HistoryPage result;
    if (!m_store->page(query, &result))
        qWarning() << m_store->lastError();
    return result.events;
}

void tst_ConversationStore::roomsArePagedApart()
{
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s),
           roomEvent(ChatEvent::Kind::Join, u"ops"_s, u"bob"_s)});
    QList<PendingEvent> batch;
    for (int i = 1; i <= 10; ++i) {
        batch << say(u"dev"_s, u"alice"_s, u"dev %1"_s.arg(i))
              << say(u"ops"_s, u"bob"_s, u"ops %1"_s.arg(i))
              << say(u"general"_s, u"carol"_s, u"general %1"_s.arg(i));
    }
    store(batch);

    // Walk dev backwards three at a time: only dev's events, each page oldest first.
    QStringList walked;
    HistoryQuery query = roomQuery(u"dev"_s, 3);
    for (;;) {
        HistoryPage result;
        QVERIFY(m_store->page(query, &result));
        for (const ChatEvent &event : std::as_const(result.events))
            QCOMPARE(event.room, u"dev"_s);
        walked = textsOf(result.events) + walked;
        if (!result.hasMore)
            break;
        query.beforeId = result.events.first().id;
    }
    QStringList expected = {QString()}; // alice's join
    for (int i = 1; i <= 10; ++i)
        expected << u"dev %1"_s.arg(i);
    QCOMPARE(walked, expected);

    // Forwards from the start of ops, and general (the default) without the other rooms.
    HistoryQuery forwards = roomQuery(u"ops"_s, 4);
    forwards.afterId = 0;
    QCOMPARE(textsOf(page(forwards)),
             (QStringList {QString(), u"ops 1"_s, u"ops 2"_s, u"ops 3"_s}));
    const QList<ChatEvent> general = page(HistoryQuery {});
    QCOMPARE(general.size(), 10);
    QCOMPARE(general.first().text, u"general 1"_s);
    QCOMPARE(general.first().room, u"general"_s);

    // The username filter stays within the room; a room that does not exist is empty.
    HistoryQuery byAlice = roomQuery(u"ops"_s);
    byAlice.username = u"ALICE"_s;
    QVERIFY(page(byAlice).isEmpty());
    QVERIFY(page(roomQuery(u"nowhere"_s)).isEmpty());

    // The read-only connection sees the same.
    HistoryStore reader(u"tst-conversations-reader"_s);
    QVERIFY2(reader.open(databasePath(), true), qPrintable(reader.lastError()));
    HistoryPage fromReader;
    QVERIFY(reader.page(roomQuery(u"dev"_s), &fromReader));
    QCOMPARE(fromReader.events.size(), 11);
}

void tst_ConversationStore::joinCreatesARoomOtherEventsDoNot()
{
    QCOMPARE(roomNames(*m_store), (QStringList {u"general"_s}));
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s)});
    QList<RoomInfo> rooms;
    QVERIFY(m_store->rooms(&rooms));
    QCOMPARE(rooms.size(), 2);
    QCOMPARE(rooms.at(1).name, u"dev"_s);
    QCOMPARE(rooms.at(1).createdBy, u"alice"_s);
    QCOMPARE(rooms.at(1).createdMs, BaseTs);
    QCOMPARE(rooms.at(1).memberCount, 0); // alice is not registered
    QVERIFY(!rooms.at(1).locked);

    // The same room again (another batch, another store instance): no second conversation.
    store({say(u"dev"_s, u"alice"_s, u"one"_s)});
    m_store.reset();
    openStore();
    store({say(u"dev"_s, u"alice"_s, u"two"_s)});
    QCOMPARE(roomNames(*m_store), (QStringList {u"general"_s, u"dev"_s}));
    QCOMPARE(textsOf(page(roomQuery(u"dev"_s))), (QStringList {QString(), u"one"_s, u"two"_s}));
}

void tst_ConversationStore::directPairsWhateverTheOrder()
{
    QList<StoredEvent> stored;
    store({direct(u"alice"_s, u"Bob"_s, u"hi bob"_s), direct(u"Bob"_s, u"alice"_s, u"hi alice"_s),
           direct(u"alice"_s, u"carol"_s, u"hi carol"_s), say(u"general"_s, u"alice"_s, u"all"_s)},
          &stored);

    const QList<ChatEvent> fromAlice = page(directQuery(u"alice"_s, u"bob"_s));
    QCOMPARE(textsOf(fromAlice), (QStringList {u"hi bob"_s, u"hi alice"_s}));
    QCOMPARE(textsOf(page(directQuery(u"BOB"_s, u"Alice"_s))), textsOf(fromAlice));
    QVERIFY(fromAlice.first().room.isEmpty());
    QCOMPARE(fromAlice.first().to, u"Bob"_s);
    QCOMPARE(fromAlice.last().to, u"alice"_s);
    QVERIFY(fromAlice.first().isDirect());
    QCOMPARE(textsOf(page(directQuery(u"carol"_s, u"alice"_s))), (QStringList {u"hi carol"_s}));
    QVERIFY(page(directQuery(u"bob"_s, u"carol"_s)).isEmpty());
    // Neither in general.
    QCOMPARE(textsOf(page(HistoryQuery {})), (QStringList {u"all"_s}));
    // A DM's cid is de-duplicated like any other.
    PendingEvent again = direct(u"alice"_s, u"Bob"_s, u"hi bob"_s);
    again.cid = u"c1"_s;
    store({again});
    QList<StoredEvent> duplicate;
    store({again}, &duplicate);
    QVERIFY(duplicate.first().duplicate);
    QCOMPARE(page(directQuery(u"bob"_s, u"alice"_s)).size(), 3);
}

void tst_ConversationStore::directPartnersAndOfflineDelivery()
{
    registerUser(u"Bob"_s);
    QList<StoredEvent> stored;
    store({direct(u"alice"_s, u"Bob"_s, u"one"_s), direct(u"carol"_s, u"alice"_s, u"two"_s),
           say(u"general"_s, u"alice"_s, u"room"_s), direct(u"Bob"_s, u"alice"_s, u"three"_s),
           direct(u"Bob"_s, u"carol"_s, u"four"_s)},
          &stored);

    QList<DirectPartner> partners;
    QVERIFY(m_store->directPartners(key(u"alice"_s), &partners));
    QCOMPARE(partners.size(), 2);
    QCOMPARE(partners.at(0).userKey, key(u"Bob"_s));
    QCOMPARE(partners.at(0).username, u"Bob"_s); // as registered
    QCOMPARE(partners.at(0).newestId, stored.at(3).event.id);
    QCOMPARE(partners.at(1).userKey, key(u"carol"_s));
    QCOMPARE(partners.at(1).newestId, stored.at(1).event.id);
    QVERIFY(m_store->directPartners(key(u"dave"_s), &partners));
    QVERIFY(partners.isEmpty());

    // alice's DMs after the first one: the ones she received and sent, not others'.
    HistoryPage result;
    QVERIFY(m_store->directAfter(key(u"alice"_s), stored.at(0).event.id, 100, &result));
    QCOMPARE(textsOf(result.events), (QStringList {u"two"_s, u"three"_s}));
    QVERIFY(!result.hasMore);
    QVERIFY(m_store->directAfter(key(u"alice"_s), 0, 1, &result));
    QCOMPARE(textsOf(result.events), (QStringList {u"one"_s}));
    QVERIFY(result.hasMore);
}

void tst_ConversationStore::membershipsOnlyForRegisteredUsers()
{
    registerUser(u"Alice"_s);
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"bob"_s),
           roomEvent(ChatEvent::Kind::Join, u"general"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Join, u"general"_s, u"bob"_s)});
    // General's joins are presence (everyone is in general): no membership rows.
    QStringList rooms;
    QVERIFY(m_store->memberships(key(u"alice"_s), &rooms));
    QCOMPARE(rooms, (QStringList {u"dev"_s}));
    QVERIFY(m_store->memberships(key(u"bob"_s), &rooms));
    QVERIFY(rooms.isEmpty());
    QList<RoomInfo> infos;
    QVERIFY(m_store->rooms(&infos));
    QCOMPARE(infos.at(0).memberCount, 0);
    QCOMPARE(infos.at(1).memberCount, 1);

    // A second join changes nothing; a leave removes that room only; general's leave and a kick
    // are no leave of a room.
    store({roomEvent(ChatEvent::Kind::Join, u"ops"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Leave, u"dev"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Leave, u"general"_s, u"Alice"_s),
           roomEvent(ChatEvent::Kind::Kick, u"general"_s, u"Alice"_s, u"spam"_s)});
    QVERIFY(m_store->memberships(key(u"alice"_s), &rooms));
    QCOMPARE(rooms, (QStringList {u"ops"_s}));
}

void tst_ConversationStore::topicEventSetsTheTopic()
{
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s),
           roomEvent(ChatEvent::Kind::Topic, u"dev"_s, u"alice"_s, u"release on Friday"_s)});
    QList<RoomInfo> rooms;
    QVERIFY(m_store->rooms(&rooms));
    QCOMPARE(rooms.at(1).topic, u"release on Friday"_s);
    QCOMPARE(rooms.at(0).topic, QString());
    const QList<ChatEvent> events = page(roomQuery(u"dev"_s));
    QCOMPARE(events.last().kind, ChatEvent::Kind::Topic);
    QCOMPARE(events.last().text, u"release on Friday"_s);
}

void tst_ConversationStore::deletedRoomNameReusedStartsEmpty()
{
    registerUser(u"alice"_s);
    RoomInfo dev;
    dev.name = u"dev"_s;
    dev.topic = u"old topic"_s;
    dev.createdBy = u"Operator"_s;
    dev.createdMs = BaseTs;
    QVERIFY2(m_store->createRoom(dev), qPrintable(m_store->lastError()));
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s),
           say(u"dev"_s, u"alice"_s, u"before"_s)});
    QVERIFY2(m_store->deleteRoom(u"dev"_s, BaseTs + 1), qPrintable(m_store->lastError()));

    QCOMPARE(roomNames(*m_store), (QStringList {u"general"_s}));
    QStringList rooms;
    QVERIFY(m_store->memberships(key(u"alice"_s), &rooms));
    QVERIFY(rooms.isEmpty());
    QVERIFY(page(roomQuery(u"dev"_s)).isEmpty());

    // A join of the name is a new room with an empty history and no topic.
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s),
           say(u"dev"_s, u"alice"_s, u"after"_s)});
    QCOMPARE(textsOf(page(roomQuery(u"dev"_s))), (QStringList {QString(), u"after"_s}));
    QList<RoomInfo> infos;
    QVERIFY(m_store->rooms(&infos));
    QCOMPARE(infos.size(), 2);
    QCOMPARE(infos.at(1).topic, QString());
    QCOMPARE(infos.at(1).memberCount, 1);

    // The deleted room's events stay, for the operator's search and export.
    HistoryQuery all;
    all.allConversations = true;
    QCOMPARE(textsOf(page(all)), (QStringList {QString(), u"before"_s, QString(), u"after"_s}));
}

void tst_ConversationStore::lateEventOfADeletedRoomStaysInIt()
{
    store({roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"alice"_s)});
    QVERIFY(m_store->deleteRoom(u"dev"_s, BaseTs));
    // Written before the delete, committed after it: not a new room.
    store({say(u"dev"_s, u"alice"_s, u"late"_s)});
    QCOMPARE(roomNames(*m_store), (QStringList {u"general"_s}));
    QVERIFY(page(roomQuery(u"dev"_s)).isEmpty());
    HistoryQuery all;
    all.allConversations = true;
    const QList<ChatEvent> events = page(all);
    QCOMPARE(textsOf(events), (QStringList {QString(), u"late"_s}));
    QCOMPARE(events.last().room, u"dev"_s);
}

void tst_ConversationStore::operatorSearchNeverReturnsDirect()
{
    store({say(u"general"_s, u"alice"_s, u"secret plans in general"_s),
           direct(u"alice"_s, u"bob"_s, u"secret between us"_s),
           roomEvent(ChatEvent::Kind::Join, u"dev"_s, u"bob"_s),
           say(u"dev"_s, u"bob"_s, u"secret in dev"_s)});
    HistoryQuery search;
    search.allConversations = true;
    search.textContains = u"secret"_s;
    QList<ChatEvent> events = page(search);
    QCOMPARE(textsOf(events), (QStringList {u"secret plans in general"_s, u"secret in dev"_s}));
    QCOMPARE(events.at(0).room, u"general"_s);
    QCOMPARE(events.at(1).room, u"dev"_s);
    search.username = u"alice"_s;
    QCOMPARE(textsOf(page(search)), (QStringList {u"secret plans in general"_s}));

    // Walking the whole history page by page (as the export does): still no DM.
    HistoryQuery walk;
    walk.allConversations = true;
    walk.afterId = 0;
    walk.limit = 1;
    QStringList walked;
    for (;;) {
        HistoryPage result;
        QVERIFY(m_store->page(walk, &result));
        walked += textsOf(result.events);
        if (!result.hasMore)
            break;
        walk.afterId = result.events.last().id;
    }
    QCOMPARE(walked.size(), 3);
    QVERIFY(!walked.contains(u"secret between us"_s));

    // Only an explicit request includes them.
    search.username.clear();
    search.includeDirect = true;
    events = page(search);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1).to, u"bob"_s);
}

void tst_ConversationStore::roomChangesAreChecked()
{
    RoomInfo dev;
    dev.name = u"dev"_s;
    QVERIFY(m_store->createRoom(dev));
    QVERIFY(!m_store->createRoom(dev));
    QVERIFY2(m_store->lastError().contains(u"exists"_s), qPrintable(m_store->lastError()));
    QVERIFY(!m_store->deleteRoom(u"general"_s, BaseTs));
    QVERIFY(!m_store->deleteRoom(u"nowhere"_s, BaseTs));
    QVERIFY(m_store->lockRoom(u"dev"_s, true));
    QVERIFY(!m_store->lockRoom(u"nowhere"_s, true));
    QList<RoomInfo> rooms;
    QVERIFY(m_store->rooms(&rooms));
    QCOMPARE(rooms.size(), 2);
    QVERIFY(rooms.at(1).locked);
    QVERIFY(!rooms.at(0).locked);
    QVERIFY(m_store->lockRoom(u"dev"_s, false));
    QVERIFY(m_store->rooms(&rooms));
    QVERIFY(!rooms.at(1).locked);
    // The connection is usable after the refusals.
    store({say(u"dev"_s, u"alice"_s, u"still fine"_s)});
    QCOMPARE(textsOf(page(roomQuery(u"dev"_s))), (QStringList {u"still fine"_s}));
}

void tst_ConversationStore::directDeliveredNeverMovesBack()
{
    registerUser(u"alice"_s);
    QCOMPARE(m_store->directDelivered(key(u"alice"_s)), 0);
    QVERIFY(m_store->setDirectDelivered(key(u"alice"_s), 42));
    QVERIFY(m_store->setDirectDelivered(key(u"alice"_s), 17));
    QCOMPARE(m_store->directDelivered(key(u"alice"_s)), 42);
    QCOMPARE(m_store->directDelivered(key(u"nobody"_s)), 0);
}

void tst_ConversationStore::writerSlotsAnswer()
{
    m_store.reset();
    registerUser(u"alice"_s);
    {
        HistoryWriter writer;
        QString error;
        QVERIFY2(writer.open(databasePath(), 0, &error), qPrintable(error));
        QSignalSpy changed(&writer, &HistoryWriter::roomChanged);
        RoomInfo dev;
        dev.name = u"dev"_s;
        writer.createRoom(dev);
        writer.createRoom(dev);
        writer.lockRoom(u"dev"_s, true);
        writer.deleteRoom(u"dev"_s, BaseTs);
        writer.deleteRoom(u"general"_s, BaseTs);
        writer.storeDirectDelivered(key(u"alice"_s), 7);
        QCOMPARE(changed.size(), 5);
        QCOMPARE(changed.at(0).at(1).toString(), QString());
        QVERIFY(!changed.at(1).at(1).toString().isEmpty());
        QCOMPARE(changed.at(2).at(1).toString(), QString());
        QCOMPARE(changed.at(3).at(1).toString(), QString());
        QCOMPARE(changed.at(4).at(0).toString(), u"general"_s);
        QVERIFY(!changed.at(4).at(1).toString().isEmpty());
        writer.close();
    }
    openStore();
    QCOMPARE(roomNames(*m_store), (QStringList {u"general"_s}));
    QCOMPARE(m_store->directDelivered(key(u"alice"_s)), 7);
}

QTEST_GUILESS_MAIN(tst_ConversationStore)
#include "tst_conversationstore.moc"
