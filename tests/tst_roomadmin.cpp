// The operator's changes of rooms (docs/PROTOCOL.md, "The operator's rooms") through the public
// surface: ServerController's slots, real QWebSocket clients and HTTP requests against a real
// server on 127.0.0.1, and the real database file across a restart.
#include "testsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

QUrl registered(const TestServer &server, const QString &name)
{
    QUrl url = server.wsUrl(name);
    QUrlQuery query(url);
    query.addQueryItem(u"identity"_s, u"identity-of-%1-0123456789abcdef"_s.arg(name.toLower()));
    url.setQuery(query);
    return url;
}

QJsonObject toRoom(const QString &room, const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"text"_L1, text}, {"room"_L1, room}};
}

QJsonObject request(const QString &type, const QString &room)
{
    return {{"type"_L1, type}, {"room"_L1, room}};
}

QJsonObject topic(const QString &room, const QString &text)
{
    return {{"type"_L1, "topic"_L1}, {"room"_L1, room}, {"topic"_L1, text}};
}

QJsonObject joinRoom(TestClient &client, const QString &room)
{
    client.send(request(u"join_room"_s, room));
    return client.waitFor(u"room_joined"_s);
}

QString errorAfter(TestClient &client, const QJsonObject &frame)
{
    client.send(frame);
    return client.waitFor(u"error"_s).value("code"_L1).toString();
}

// A general message from `from` that `to` receives: what `to` was sent before it has arrived.
void roundTrip(TestClient &from, TestClient &to, const QString &text)
{
    from.send({{"type"_L1, "message"_L1}, {"text"_L1, text}});
    for (int i = 0; i < 20; ++i) {
        const QJsonObject frame = to.waitFor(u"message"_s);
        if (frame.isEmpty() || frame.value("text"_L1).toString() == text)
            return;
    }
}

QStringList textsIn(const QJsonArray &events)
{
    QStringList texts;
    for (const QJsonValue &event : events)
        if (event.toObject().value("type"_L1).toString() == "message"_L1)
            texts << event.toObject().value("text"_L1).toString();
    return texts;
}

QJsonArray roomHistory(const TestServer &server, const QString &room)
{
    return httpGet(server.httpUrl(u"/api/history"_s, u"room="_s + room), server.token().toUtf8())
        .json.value("events"_L1)
        .toArray();
}

int countIn(const TestClient &client, const QString &type, const QString &room)
{
    int count = 0;
    for (const QJsonObject &frame : client.frames(type))
        count += frame.value("room"_L1).toString() == room;
    return count;
}

QStringList welcomeRooms(const TestClient &client)
{
    QStringList rooms;
    for (const QJsonValue &room : client.frames(u"welcome"_s).value(0).value("rooms"_L1).toArray())
        rooms << room.toObject().value("room"_L1).toString();
    return rooms;
}

// The newest list of roomsChanged the spy holds.
QList<RoomSummary> latestRooms(const QSignalSpy &spy)
{
    return spy.isEmpty() ? QList<RoomSummary>() : spy.constLast().at(0).value<QList<RoomSummary>>();
}

const RoomSummary *roomIn(const QList<RoomSummary> &rooms, const QString &name)
{
    for (const RoomSummary &room : rooms)
        if (room.name == name)
            return &room;
    return nullptr;
}

bool hasRecord(QSignalSpy &activity, ModerationRecord::Action action, const QString &target)
{
    return QTest::qWaitFor(
        [&] {
            for (const ModerationRecord &record : moderationOf(activity))
                if (record.action == action && record.target == target)
                    return true;
            return false;
        },
        5000);
}

} // namespace

class tst_RoomAdmin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }
    void deleteRoomKeepsItsHistory();
    void lockAndUnlock();
    void operatorTopic();
    void kickFromRoom();
    void createRoomAndLimits();
    void directCountsWithoutText();
};

void tst_RoomAdmin::deleteRoomKeepsItsHistory()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        QSignalSpy activity(&server.controller(), &ServerController::activity);
        QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
        QSignalSpy refused(&server.controller(), &ServerController::roomRefused);
        TestClient alice, bob, carol;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
        QVERIFY(carol.join(server.wsUrl(u"carol"_s)));
        joinRoom(alice, u"dev"_s);
        joinRoom(bob, u"dev"_s);
        alice.send(toRoom(u"dev"_s, u"before the deletion"_s));
        QVERIFY(!bob.waitFor(u"message"_s).isEmpty());
        QTRY_VERIFY(roomIn(latestRooms(rooms), u"dev"_s) != nullptr);
        QCOMPARE(roomIn(latestRooms(rooms), u"dev"_s)->members,
                 QStringList({u"alice"_s, u"bob"_s}));
        QCOMPARE(roomIn(latestRooms(rooms), u"dev"_s)->onlineMembers, 2);

        server.controller().deleteRoom(u"general"_s);
        QTRY_COMPARE(refused.size(), 1);
        server.controller().deleteRoom(u"dev"_s);
        for (TestClient *member : {&alice, &bob}) {
            const QJsonObject deleted = member->waitFor(u"room_deleted"_s);
            QCOMPARE(deleted, QJsonObject({{"type"_L1, "room_deleted"_L1}, {"room"_L1, "dev"_L1}}));
        }
        QVERIFY(carol.frames(u"room_deleted"_s).isEmpty());
        // Nothing more goes to it.
        QCOMPARE(errorAfter(bob, toRoom(u"dev"_s, u"anyone?"_s)), u"not_member"_s);
        QCOMPARE(errorAfter(bob, topic(u"dev"_s, u"gone"_s)), u"unknown_room"_s);
        QCOMPARE(errorAfter(bob, request(u"leave_room"_s, u"dev"_s)), u"unknown_room"_s);
        QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomDelete, u"dev"_s));
        QTRY_VERIFY(roomIn(latestRooms(rooms), u"dev"_s) == nullptr);

        // Its history stays for the operator (search and export); the room's own pages are the
        // live room's, and there is none.
        QSignalSpy pages(&server.controller(), &ServerController::historyPage);
        HistoryQuery everything;
        everything.allConversations = true;
        server.controller().queryHistory(1, everything);
        QTRY_COMPARE(pages.size(), 1);
        QVERIFY(textsOf(pages.at(0).at(1).value<HistoryPage>().events)
                    .contains(u"before the deletion"_s));
        QVERIFY(roomHistory(server, u"dev"_s).isEmpty());

        // A room of the same name is a new one: its members and history start afresh.
        const QJsonObject fresh = joinRoom(carol, u"dev"_s);
        QCOMPARE(fresh.value("members"_L1).toArray(), QJsonArray({u"carol"_s}));
        carol.send(toRoom(u"dev"_s, u"after the deletion"_s));
        QVERIFY(!carol.waitFor(u"message"_s).isEmpty());
        QCOMPARE(textsIn(roomHistory(server, u"dev"_s)), QStringList({u"after the deletion"_s}));
        roundTrip(carol, alice, u"sync"_s);
        QCOMPARE(countIn(alice, u"message"_s, u"dev"_s), 1); // only its own, before
        QVERIFY(server.stop());
    }
    // After a restart: the registered member's stored membership went with the room; the old
    // room's events are still in the file.
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    QCOMPARE(welcomeRooms(alice), QStringList({u"general"_s}));
    QCOMPARE(textsIn(roomHistory(server, u"dev"_s)), QStringList({u"after the deletion"_s}));
    QSignalSpy pages(&server.controller(), &ServerController::historyPage);
    HistoryQuery search;
    search.allConversations = true;
    search.textContains = u"before the deletion"_s;
    server.controller().queryHistory(2, search);
    QTRY_COMPARE(pages.size(), 1);
    QCOMPARE(pages.at(0).at(1).value<HistoryPage>().events.size(), 1);
}

void tst_RoomAdmin::lockAndUnlock()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        QSignalSpy activity(&server.controller(), &ServerController::activity);
        QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
        TestClient alice, bob;
        QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
        QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
        joinRoom(alice, u"dev"_s);

        server.controller().setRoomLocked(u"dev"_s, true);
        QCOMPARE(alice.waitFor(u"room_updated"_s),
                 QJsonObject(
                     {{"type"_L1, "room_updated"_L1}, {"room"_L1, "dev"_L1}, {"locked"_L1, true}}));
        QCOMPARE(errorAfter(alice, topic(u"dev"_s, u"mine"_s)), u"room_locked"_s);
        QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomLock, u"dev"_s));
        QTRY_VERIFY(roomIn(latestRooms(rooms), u"dev"_s)
                    && roomIn(latestRooms(rooms), u"dev"_s)->locked);
        // A locked room still takes members (only its topic is frozen).
        QCOMPARE(joinRoom(bob, u"dev"_s).value("locked"_L1), QJsonValue(true));

        server.controller().setRoomLocked(u"dev"_s, false);
        QCOMPARE(alice.waitFor(u"room_updated"_s).value("locked"_L1), QJsonValue(false));
        alice.send(topic(u"dev"_s, u"mine"_s));
        QCOMPARE(bob.waitFor(u"topic"_s).value("topic"_L1).toString(), u"mine"_s);
        QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomUnlock, u"dev"_s));

        server.controller().setRoomLocked(u"dev"_s, true);
        QVERIFY(!alice.waitFor(u"room_updated"_s).isEmpty());
        QVERIFY(server.stop());
    }
    // The lock is stored.
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QCOMPARE(joinRoom(alice, u"dev"_s).value("locked"_L1), QJsonValue(true));
}

void tst_RoomAdmin::operatorTopic()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
    QSignalSpy refused(&server.controller(), &ServerController::roomRefused);
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    joinRoom(alice, u"dev"_s);
    server.controller().setRoomLocked(u"dev"_s, true);
    QVERIFY(!alice.waitFor(u"room_updated"_s).isEmpty());

    // The operator sets the topic of a locked room too, under the operator's name.
    server.controller().setRoomTopic(u"dev"_s, u"Releases only"_s);
    const QJsonObject set = alice.waitFor(u"topic"_s);
    QCOMPARE(set.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(set.value("topic"_L1).toString(), u"Releases only"_s);
    QCOMPARE(set.value("username"_L1).toString(), server.config().operatorName);
    QVERIFY(set.value("id"_L1).toInteger() > 0);
    const QJsonArray stored = roomHistory(server, u"dev"_s);
    QCOMPARE(stored.last().toObject().value("topic"_L1).toString(), u"Releases only"_s);
    QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomTopic, u"dev"_s));
    QTRY_VERIFY(roomIn(latestRooms(rooms), u"dev"_s)
                && roomIn(latestRooms(rooms), u"dev"_s)->topic == u"Releases only"_s);
    // A new member's room_joined has it.
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    QCOMPARE(joinRoom(bob, u"dev"_s).value("topic"_L1).toString(), u"Releases only"_s);

    // The topic rules are the members' (no newline, at most 300 characters), and the room must
    // exist.
    server.controller().setRoomTopic(u"dev"_s, u"two\nlines"_s);
    server.controller().setRoomTopic(u"dev"_s, QString(301, u'x'));
    server.controller().setRoomTopic(u"nowhere"_s, u"x"_s);
    QTRY_COMPARE(refused.size(), 3);
    roundTrip(alice, bob, u"sync"_s);
    QCOMPARE(alice.frames(u"topic"_s).size(), 1);
}

void tst_RoomAdmin::kickFromRoom()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        QSignalSpy activity(&server.controller(), &ServerController::activity);
        QSignalSpy refused(&server.controller(), &ServerController::roomRefused);
        TestClient alice, alicePhone, bob;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        QVERIFY(alicePhone.join(registered(server, u"alice"_s)));
        QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
        joinRoom(alice, u"dev"_s);
        QVERIFY(!alicePhone.waitFor(u"room_joined"_s).isEmpty());
        joinRoom(bob, u"dev"_s);

        server.controller().kickFromRoom(u"general"_s, u"alice"_s, u"no"_s);
        server.controller().kickFromRoom(u"dev"_s, u"carol"_s, u"not a member"_s);
        QTRY_COMPARE(refused.size(), 2);
        server.controller().kickFromRoom(u"dev"_s, u"ALICE"_s, u"spam"_s);
        // Every member sees the stored leave, the kicked user on each connection too.
        for (TestClient *client : {&bob, &alice, &alicePhone}) {
            const QJsonObject left = client->waitFor(u"leave"_s);
            QCOMPARE(left.value("room"_L1).toString(), u"dev"_s);
            QCOMPARE(left.value("username"_L1).toString(), u"alice"_s);
            QCOMPARE(left.value("kicked"_L1), QJsonValue(true));
            QCOMPARE(left.value("reason"_L1).toString(), u"spam"_s);
            QVERIFY(left.value("id"_L1).toInteger() > 0);
        }
        QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomKick, u"alice"_s));
        // Alice stays online, in general, but gets nothing of dev and cannot write to it.
        bob.send(toRoom(u"dev"_s, u"without alice"_s));
        QVERIFY(!bob.waitFor(u"message"_s).isEmpty());
        roundTrip(bob, alice, u"sync"_s);
        QCOMPARE(countIn(alice, u"message"_s, u"dev"_s), 0);
        QCOMPARE(errorAfter(alice, toRoom(u"dev"_s, u"let me back"_s)), u"not_member"_s);
        QCOMPARE(alice.socket().state(), QAbstractSocket::ConnectedState);
        QVERIFY(server.stop());
    }
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    // The stored membership went with the kick.
    QCOMPARE(welcomeRooms(alice), QStringList({u"general"_s}));
    const QJsonArray history = roomHistory(server, u"dev"_s);
    bool storedKick = false;
    for (const QJsonValue &event : history)
        storedKick = storedKick || event.toObject().value("kicked"_L1).toBool();
    QVERIFY(storedKick);
    // She may come back.
    const QJsonObject back = joinRoom(alice, u"dev"_s);
    QCOMPARE(back.value("members"_L1).toArray(), QJsonArray({u"alice"_s}));
}

void tst_RoomAdmin::createRoomAndLimits()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        server.config().maxRooms = 2; // general and one more
        QVERIFY(server.start());
        QSignalSpy activity(&server.controller(), &ServerController::activity);
        QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
        QSignalSpy refused(&server.controller(), &ServerController::roomRefused);
        server.controller().createRoom(u"Not A Name"_s);
        QTRY_COMPARE(refused.size(), 1);
        server.controller().createRoom(u"ops"_s);
        QTRY_VERIFY(roomIn(latestRooms(rooms), u"ops"_s) != nullptr);
        QCOMPARE(roomIn(latestRooms(rooms), u"ops"_s)->members, QStringList());
        QVERIFY(hasRecord(activity, ModerationRecord::Action::RoomCreate, u"ops"_s));
        server.controller().createRoom(u"ops"_s); // exists
        server.controller().createRoom(u"more"_s); // beyond maxRooms
        QTRY_COMPARE(refused.size(), 3);
        TestClient alice;
        QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
        QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"more"_s)), u"rooms_full"_s);
        const QJsonObject joined = joinRoom(alice, u"ops"_s);
        QCOMPARE(joined.value("members"_L1).toArray(), QJsonArray({u"alice"_s}));
        QVERIFY(server.stop());
    }
    // An empty room the operator made is stored like any other.
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
    TestClient probe; // a change of who is online: a new list, whenever the first one went
    QVERIFY(probe.join(server.wsUrl(u"probe"_s)));
    QTRY_VERIFY(roomIn(latestRooms(rooms), u"ops"_s) != nullptr);
}

void tst_RoomAdmin::directCountsWithoutText()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
        TestClient alice, bob;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        QVERIFY(bob.join(registered(server, u"bob"_s)));
        for (const QString &text : {u"one"_s, u"two"_s}) {
            alice.send({{"type"_L1, "message"_L1}, {"to"_L1, "bob"_L1}, {"text"_L1, text}});
            QVERIFY(!alice.waitFor(u"message"_s).isEmpty());
        }
        bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "bob"_L1}, {"text"_L1, u"note"_s}});
        QVERIFY(!bob.waitFor(u"message"_s).isEmpty());
        QTRY_VERIFY(!rooms.isEmpty() && rooms.constLast().at(1).value<DirectStats>().messages == 3);
        QCOMPARE(rooms.constLast().at(1).value<DirectStats>().conversations, 2);
        QVERIFY(server.stop());
    }
    // Counted from the file at the next start.
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    QSignalSpy rooms(&server.controller(), &ServerController::roomsChanged);
    TestClient probe;
    QVERIFY(probe.join(server.wsUrl(u"probe"_s)));
    QTRY_VERIFY(!rooms.isEmpty());
    QCOMPARE(rooms.constLast().at(1).value<DirectStats>().messages, 3);
    QCOMPARE(rooms.constLast().at(1).value<DirectStats>().conversations, 2);
}

QTEST_GUILESS_MAIN(tst_RoomAdmin)
#include "tst_roomadmin.moc"
