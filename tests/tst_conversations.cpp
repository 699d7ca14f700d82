// Rooms, direct messages (DMs) and typing on the wire (docs/PROTOCOL.md, "Rooms and direct
// messages", "Typing"), through the public surface: real QWebSocket clients and HTTP requests
// against a real server on 127.0.0.1, and the real database file across a restart.
#include "historystore.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// An identity secret per name, as a client makes one (base64url characters, here readable).
QUrl registered(const TestServer &server, const QString &name)
{
    QUrl url = server.wsUrl(name);
    QUrlQuery query(url);
    query.addQueryItem(u"identity"_s, u"identity-of-%1-0123456789abcdef"_s.arg(name.toLower()));
    url.setQuery(query);
    return url;
}

// Connects each client under its name (with its identity when registered) and waits for its
// welcome.
bool joinAll(const TestServer &server, const QList<QPair<TestClient *, QString>> &clients,
             bool registeredNames = false)
{
    for (const auto &[client, name] : clients) {
        if (!client->join(registeredNames ? registered(server, name) : server.wsUrl(name)))
            return false;
    }
    return true;
}

QJsonObject message(const QString &text, const QString &cid = {})
{
    QJsonObject frame {{"type"_L1, "message"_L1}, {"text"_L1, text}};
    if (!cid.isEmpty())
        frame.insert("cid"_L1, cid);
    return frame;
}

QJsonObject toRoom(const QString &room, const QString &text, const QString &cid = {})
{
    QJsonObject frame = message(text, cid);
    frame.insert("room"_L1, room);
    return frame;
}

QJsonObject direct(const QString &to, const QString &text, const QString &cid = {})
{
    QJsonObject frame = message(text, cid);
    frame.insert("to"_L1, to);
    return frame;
}

QJsonObject request(const QString &type, const QString &room)
{
    return {{"type"_L1, type}, {"room"_L1, room}};
}

QStringList membersOf(const QJsonObject &frame)
{
    QStringList members;
    for (const QJsonValue &member : frame.value("members"_L1).toArray())
        members << member.toString();
    return members;
}

// Joins the room and waits for the confirmation.
QJsonObject joinRoom(TestClient &client, const QString &room)
{
    client.send(request(u"join_room"_s, room));
    return client.waitFor(u"room_joined"_s);
}

// The error code the next error frame carries.
QString errorAfter(TestClient &client, const QJsonObject &frame)
{
    client.send(frame);
    return client.waitFor(u"error"_s).value("code"_L1).toString();
}

// Frames of the type that name the room (or, with a DM, `to`).
int countIn(const TestClient &client, const QString &type, const QString &member,
            const QString &value)
{
    int count = 0;
    for (const QJsonObject &frame : client.frames(type))
        count += frame.value(member).toString() == value;
    return count;
}

// A general message from `from` that `to` receives: everything `from` sent before it has been
// handled, and what `to` was sent before it has arrived.
void roundTrip(TestClient &from, TestClient &to, const QString &text)
{
    from.send(message(text));
    for (int i = 0; i < 20; ++i) {
        const QJsonObject frame = to.waitFor(u"message"_s);
        if (frame.isEmpty() || frame.value("text"_L1).toString() == text)
            return;
    }
}

QJsonArray historyEvents(const TestServer &server, const QString &query,
                         const QByteArray &bearer = {}, int *status = nullptr)
{
    const HttpResult result = httpGet(server.httpUrl(u"/api/history"_s, query),
                                      bearer.isEmpty() ? server.token().toUtf8() : bearer);
    if (status)
        *status = result.status;
    return result.json.value("events"_L1).toArray();
}

QStringList textsIn(const QJsonArray &events)
{
    QStringList texts;
    for (const QJsonValue &event : events)
        if (event.toObject().value("type"_L1).toString() == "message"_L1)
            texts << event.toObject().value("text"_L1).toString();
    return texts;
}

QByteArray sessionOf(const TestClient &client)
{
    return client.frames(u"welcome"_s).value(0).value("session"_L1).toString().toUtf8();
}

} // namespace

class tst_Conversations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }
    void roomMessagesReachMembersOnly();
    void leavingARoom();
    void topics();
    void lockedRoomKeepsItsTopic();
    void badRoomRequests();
    void roomLimits();
    void registeredMembershipOutlivesTheConnection();
    void unregisteredMemberLeavesAtDisconnect();
    void directMessagesReachBothUsersOnly();
    void directMessageErrors();
    void offlineDirectMessagesAreDeliveredOnce();
    void mutedUserCannotWriteToRoomsOrUsers();
    void versionOneClientStaysInGeneral();
    void typingIsRelayedThrottledAndNeverStored();
    void roomsOverHttp();
    void roomHistoryPages();
};

void tst_Conversations::roomMessagesReachMembersOnly()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob, carol;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}, {&carol, u"carol"_s}}));

    const QJsonObject aliceJoined = joinRoom(alice, u"dev"_s);
    QCOMPARE(aliceJoined.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(membersOf(aliceJoined), QStringList({u"alice"_s}));
    QVERIFY(aliceJoined.value("lastId"_L1).toInteger() > 0);
    QCOMPARE(aliceJoined.value("locked"_L1), QJsonValue(false));
    const QJsonObject bobJoined = joinRoom(bob, u"dev"_s);
    QCOMPARE(membersOf(bobJoined), QStringList({u"alice"_s, u"bob"_s}));
    QVERIFY(bobJoined.value("lastId"_L1).toInteger() > aliceJoined.value("lastId"_L1).toInteger());
    // Bob's join is an event in dev, with its id: alice sees it, carol does not.
    QTRY_COMPARE(countIn(alice, u"join"_s, u"room"_s, u"dev"_s), 2);

    alice.send(toRoom(u"dev"_s, u"build is green"_s, u"c1"_s));
    const QJsonObject got = bob.waitFor(u"message"_s);
    QCOMPARE(got.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(got.value("text"_L1).toString(), u"build is green"_s);
    QCOMPARE(got.value("username"_L1).toString(), u"alice"_s);
    const QJsonObject ack = alice.waitFor(u"message"_s);
    QCOMPARE(ack.value("cid"_L1).toString(), u"c1"_s);
    QCOMPARE(ack.value("id"_L1), got.value("id"_L1));

    roundTrip(alice, carol, u"in general"_s);
    QCOMPARE(countIn(carol, u"message"_s, u"room"_s, u"dev"_s), 0);
    QCOMPARE(countIn(carol, u"join"_s, u"room"_s, u"dev"_s), 0);
    QCOMPARE(countIn(carol, u"message"_s, u"room"_s, u"general"_s), 1);
    // Nothing of dev is in general's history; dev's has it.
    QVERIFY(!textsIn(historyEvents(server, {})).contains(u"build is green"_s));
    QCOMPARE(textsIn(historyEvents(server, u"room=dev"_s)), QStringList({u"build is green"_s}));
    // Carol cannot write to dev: nothing is stored or sent.
    QCOMPARE(errorAfter(carol, toRoom(u"dev"_s, u"let me in"_s)), u"not_member"_s);
    QCOMPARE(errorAfter(carol, toRoom(u"nowhere"_s, u"hello?"_s)), u"not_member"_s);
    roundTrip(carol, alice, u"sync"_s);
    QCOMPARE(textsIn(historyEvents(server, u"room=dev"_s)), QStringList({u"build is green"_s}));
}

void tst_Conversations::leavingARoom()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}}));
    joinRoom(alice, u"dev"_s);
    joinRoom(bob, u"dev"_s);
    bob.send(request(u"leave_room"_s, u"dev"_s));
    // Both see the leave, bob too (it confirms his leaving).
    QTRY_COMPARE(countIn(bob, u"leave"_s, u"room"_s, u"dev"_s), 1);
    QTRY_COMPARE(countIn(alice, u"leave"_s, u"room"_s, u"dev"_s), 1);
    QCOMPARE(errorAfter(bob, toRoom(u"dev"_s, u"still here?"_s)), u"not_member"_s);
    QCOMPARE(errorAfter(bob, request(u"leave_room"_s, u"dev"_s)), u"not_member"_s);
    QCOMPARE(errorAfter(bob, request(u"leave_room"_s, u"general"_s)), u"invalid_room"_s);
    QCOMPARE(errorAfter(bob, request(u"leave_room"_s, u"nowhere"_s)), u"unknown_room"_s);
    // Alice's messages to dev no longer reach him.
    alice.send(toRoom(u"dev"_s, u"alone now"_s));
    alice.waitFor(u"message"_s);
    roundTrip(alice, bob, u"sync"_s);
    QCOMPARE(countIn(bob, u"message"_s, u"room"_s, u"dev"_s), 0);
    // He is still in general.
    QCOMPARE(countIn(bob, u"message"_s, u"room"_s, u"general"_s), 1);
}

void tst_Conversations::topics()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob, carol;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}, {&carol, u"carol"_s}}));
    joinRoom(alice, u"dev"_s);
    joinRoom(bob, u"dev"_s);
    alice.send(
        QJsonObject {{"type"_L1, "topic"_L1}, {"room"_L1, "dev"_L1}, {"topic"_L1, "Builds"_L1}});
    const QJsonObject topic = bob.waitFor(u"topic"_s);
    QCOMPARE(topic.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(topic.value("topic"_L1).toString(), u"Builds"_s);
    QCOMPARE(topic.value("username"_L1).toString(), u"alice"_s);
    QVERIFY(topic.value("id"_L1).toInteger() > 0);
    // A later member learns it from room_joined.
    QCOMPARE(joinRoom(carol, u"dev"_s).value("topic"_L1).toString(), u"Builds"_s);

    const QJsonObject tooLong {{"type"_L1, "topic"_L1},
                               {"room"_L1, "dev"_L1},
                               {"topic"_L1, QString(Protocol::Limits::MaxTopicLength + 1, u'x')}};
    QCOMPARE(errorAfter(alice, tooLong), u"topic_too_long"_s);
    QCOMPARE(errorAfter(alice, QJsonObject {{"type"_L1, "topic"_L1},
                                            {"room"_L1, "nowhere"_L1},
                                            {"topic"_L1, "x"_L1}}),
             u"unknown_room"_s);
    TestClient dave;
    QVERIFY(dave.join(server.wsUrl(u"dave"_s)));
    QCOMPARE(errorAfter(dave, QJsonObject {{"type"_L1, "topic"_L1},
                                           {"room"_L1, "dev"_L1},
                                           {"topic"_L1, "mine"_L1}}),
             u"not_member"_s);
    const HttpResult rooms = httpGet(server.httpUrl(u"/api/rooms"_s), server.token().toUtf8());
    QCOMPARE(rooms.status, 200);
    QJsonObject dev;
    for (const QJsonValue &room : rooms.json.value("rooms"_L1).toArray())
        if (room.toObject().value("room"_L1).toString() == "dev"_L1)
            dev = room.toObject();
    QCOMPARE(dev.value("topic"_L1).toString(), u"Builds"_s);
    QCOMPARE(dev.value("members"_L1).toInt(), 3);
}

// The operator locks a room (the store's lock; the operator's panel comes later): its members
// may no longer set the topic.
void tst_Conversations::lockedRoomKeepsItsTopic()
{
    QTemporaryDir dir;
    {
        TestServer server(u"test-token"_s, dir.path());
        QVERIFY(server.start());
        TestClient alice;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        joinRoom(alice, u"dev"_s);
        QVERIFY(server.stop());
    }
    {
        HistoryStore store(u"lock"_s);
        QVERIFY(store.open(dir.filePath(u"history.sqlite"_s)));
        QVERIFY(store.lockRoom(u"dev"_s, true));
    }
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    const QJsonArray rooms = alice.frames(u"welcome"_s).value(0).value("rooms"_L1).toArray();
    QCOMPARE(rooms.size(), 2);
    QCOMPARE(rooms.at(1).toObject().value("locked"_L1), QJsonValue(true));
    QCOMPARE(errorAfter(alice, QJsonObject {{"type"_L1, "topic"_L1},
                                            {"room"_L1, "dev"_L1},
                                            {"topic"_L1, "x"_L1}}),
             u"room_locked"_s);
}

void tst_Conversations::badRoomRequests()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"Dev"_s)), u"invalid_room"_s);
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, QString(33, u'a'))), u"invalid_room"_s);
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"dev room"_s)), u"invalid_room"_s);
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"general"_s)), u"invalid_room"_s);
    QJsonObject both = toRoom(u"dev"_s, u"hi"_s);
    both.insert("to"_L1, u"bob"_s);
    QCOMPARE(errorAfter(alice, both), u"invalid_target"_s);
    // Still connected, and nothing was stored or created.
    roundTrip(alice, alice, u"still here"_s);
    QCOMPARE(alice.socket().state(), QAbstractSocket::ConnectedState);
    const HttpResult rooms = httpGet(server.httpUrl(u"/api/rooms"_s), server.token().toUtf8());
    QCOMPARE(rooms.json.value("rooms"_L1).toArray().size(), 1);
    QCOMPARE(textsIn(historyEvents(server, {})), QStringList({u"still here"_s}));
}

void tst_Conversations::roomLimits()
{
    TestServer server;
    server.config().maxRooms = 3; // general and two more
    server.config().maxRoomsPerUser = 1;
    QVERIFY(server.start());
    TestClient alice, bob, carol;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}, {&carol, u"carol"_s}}));
    joinRoom(alice, u"one"_s);
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"two"_s)), u"too_many_rooms"_s);
    joinRoom(bob, u"two"_s);
    QCOMPARE(errorAfter(carol, request(u"join_room"_s, u"three"_s)), u"rooms_full"_s);
    // An existing room can still be joined.
    QCOMPARE(joinRoom(carol, u"one"_s).value("room"_L1).toString(), u"one"_s);
}

void tst_Conversations::registeredMembershipOutlivesTheConnection()
{
    QTemporaryDir dir;
    TestServer server(u"test-token"_s, dir.path());
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    joinRoom(bob, u"dev"_s);
    {
        TestClient alice;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        joinRoom(alice, u"dev"_s);
        alice.socket().close();
        QVERIFY(alice.waitForDisconnect());
    }
    QTRY_COMPARE(countIn(bob, u"leave"_s, u"username"_s, u"alice"_s), 1); // general's presence
    QCOMPARE(countIn(bob, u"leave"_s, u"room"_s, u"dev"_s), 0); // still in dev
    bob.send(toRoom(u"dev"_s, u"while you were away"_s));
    bob.waitFor(u"message"_s);

    const auto checkWelcome = [](const TestClient &client) {
        const QJsonArray rooms = client.frames(u"welcome"_s).value(0).value("rooms"_L1).toArray();
        QCOMPARE(rooms.size(), 2);
        QCOMPARE(rooms.at(0).toObject().value("room"_L1).toString(), u"general"_s);
        QVERIFY(!rooms.at(0).toObject().contains("members"_L1));
        QCOMPARE(rooms.at(1).toObject().value("room"_L1).toString(), u"dev"_s);
        QVERIFY(membersOf(rooms.at(1).toObject()).contains(u"alice"_s));
        QVERIFY(rooms.at(1).toObject().value("lastId"_L1).toInteger() > 0);
    };
    {
        TestClient alice;
        QVERIFY(alice.join(registered(server, u"alice"_s)));
        checkWelcome(alice);
        bob.send(toRoom(u"dev"_s, u"welcome back"_s));
        QCOMPARE(alice.waitFor(u"message"_s).value("text"_L1).toString(), u"welcome back"_s);
        QCOMPARE(countIn(alice, u"join"_s, u"room"_s, u"dev"_s), 0); // no new join
        alice.socket().close();
        QVERIFY(alice.waitForDisconnect());
    }
    bob.socket().close();
    QVERIFY(bob.waitForDisconnect());
    QVERIFY(server.stop());
    TestServer restarted(u"test-token"_s, dir.path());
    QVERIFY(restarted.start());
    TestClient alice;
    QVERIFY(alice.join(registered(restarted, u"alice"_s)));
    checkWelcome(alice);
    TestClient carol;
    QVERIFY(carol.join(restarted.wsUrl(u"carol"_s)));
    joinRoom(carol, u"dev"_s);
    carol.send(toRoom(u"dev"_s, u"after the restart"_s));
    QCOMPARE(alice.waitFor(u"message"_s).value("text"_L1).toString(), u"after the restart"_s);
}

void tst_Conversations::unregisteredMemberLeavesAtDisconnect()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    joinRoom(alice, u"dev"_s);
    {
        TestClient dave;
        QVERIFY(dave.join(server.wsUrl(u"dave"_s)));
        joinRoom(dave, u"dev"_s);
        dave.socket().close();
        QVERIFY(dave.waitForDisconnect());
    }
    QTRY_COMPARE(countIn(alice, u"leave"_s, u"room"_s, u"dev"_s), 1);
    QTRY_COMPARE(countIn(alice, u"leave"_s, u"room"_s, u"general"_s), 1);
    const QJsonArray dev = historyEvents(server, u"room=dev"_s);
    QCOMPARE(dev.last().toObject().value("type"_L1).toString(), u"leave"_s);
    QCOMPARE(dev.last().toObject().value("username"_L1).toString(), u"dave"_s);
    // Back again, dave is in general only.
    TestClient dave;
    QVERIFY(dave.join(server.wsUrl(u"dave"_s)));
    QCOMPARE(dave.frames(u"welcome"_s).value(0).value("rooms"_L1).toArray().size(), 1);
}

void tst_Conversations::directMessagesReachBothUsersOnly()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient alice, bobLaptop, bobPhone, carol;
    QVERIFY(joinAll(
        server,
        {{&alice, u"alice"_s}, {&bobLaptop, u"bob"_s}, {&bobPhone, u"bob"_s}, {&carol, u"carol"_s}},
        true));

    alice.send(direct(u"Bob"_s, u"psst"_s, u"d1"_s));
    for (TestClient *bob : {&bobLaptop, &bobPhone}) {
        const QJsonObject got = bob->waitFor(u"message"_s);
        QCOMPARE(got.value("to"_L1).toString(), u"bob"_s); // as registered
        QCOMPARE(got.value("username"_L1).toString(), u"alice"_s);
        QCOMPARE(got.value("text"_L1).toString(), u"psst"_s);
        QVERIFY(!got.contains("room"_L1));
        QVERIFY(!got.contains("cid"_L1));
    }
    const QJsonObject ack = alice.waitFor(u"message"_s);
    QCOMPARE(ack.value("cid"_L1).toString(), u"d1"_s);
    QCOMPARE(ack.value("to"_L1).toString(), u"bob"_s);
    // Bob answers from his phone: his laptop sees his own DM too.
    bobPhone.send(direct(u"alice"_s, u"yes?"_s));
    QCOMPARE(alice.waitFor(u"message"_s).value("text"_L1).toString(), u"yes?"_s);
    QCOMPARE(bobLaptop.waitFor(u"message"_s).value("text"_L1).toString(), u"yes?"_s);

    roundTrip(alice, carol, u"general again"_s);
    QCOMPARE(carol.frames(u"message"_s).size(), 1);
    QVERIFY(!carol.frames(u"message"_s).at(0).contains("to"_L1));

    // The operator's window sees the general message, never the DMs.
    const auto operatorSees = [&activity] {
        QStringList texts;
        for (const QList<QVariant> &batch : std::as_const(activity))
            for (const ChatEvent &event : batch.at(0).value<ServerActivity>().events)
                if (event.kind == ChatEvent::Kind::Message)
                    texts << event.text;
        return texts;
    };
    QTRY_VERIFY(operatorSees().contains(u"general again"_s));
    QCOMPARE(operatorSees(), QStringList({u"general again"_s}));
    // Over HTTP: the DM is alice's and bob's alone.
    QCOMPARE(textsIn(historyEvents(server, {})), QStringList({u"general again"_s}));
    QCOMPARE(textsIn(historyEvents(server, u"with=bob"_s, sessionOf(alice))),
             QStringList({u"psst"_s, u"yes?"_s}));
    QCOMPARE(textsIn(historyEvents(server, u"with=alice"_s, sessionOf(bobPhone))),
             QStringList({u"psst"_s, u"yes?"_s}));
    QCOMPARE(textsIn(historyEvents(server, u"with=bob"_s, sessionOf(carol))), QStringList());
    QCOMPARE(textsIn(historyEvents(server, u"with=alice"_s, sessionOf(carol))), QStringList());
    int status = 0;
    historyEvents(server, u"with=bob"_s, server.token().toUtf8(), &status);
    QCOMPARE(status, 403);
    QCOMPARE(httpGet(server.httpUrl(u"/api/history"_s, u"with=bob"_s), server.token().toUtf8())
                 .json.value("error"_L1)
                 .toObject()
                 .value("code"_L1)
                 .toString(),
             u"forbidden"_s);
    historyEvents(server, u"with=bob&room=dev"_s, sessionOf(alice), &status);
    QCOMPARE(status, 400);
    // A DM to oneself is allowed (a note to self).
    carol.send(direct(u"carol"_s, u"note to self"_s, u"n1"_s));
    QCOMPARE(carol.waitFor(u"message"_s).value("cid"_L1).toString(), u"n1"_s);
}

void tst_Conversations::directMessageErrors()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, old;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    QVERIFY(old.join(server.wsUrl(u"old"_s))); // no identity: a version 1 client
    QCOMPARE(errorAfter(alice, direct(u"nobody"_s, u"hello?"_s)), u"unknown_user"_s);
    QCOMPARE(errorAfter(alice, direct(u"old"_s, u"hello?"_s)), u"unknown_user"_s);
    QCOMPARE(errorAfter(old, direct(u"alice"_s, u"hi"_s)), u"identity_required"_s);
    roundTrip(old, alice, u"sync"_s);
    QCOMPARE(textsIn(historyEvents(server, u"with=nobody"_s, sessionOf(alice))), QStringList());
    QCOMPARE(countIn(alice, u"message"_s, u"username"_s, u"old"_s), 1); // only the general one
}

void tst_Conversations::offlineDirectMessagesAreDeliveredOnce()
{
    TestServer server;
    QVERIFY(server.start());
    {
        TestClient bob; // registers the name
        QVERIFY(bob.join(registered(server, u"bob"_s)));
        bob.socket().close();
        QVERIFY(bob.waitForDisconnect());
    }
    TestClient alice;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    alice.send(direct(u"bob"_s, u"while you sleep"_s, u"o1"_s));
    QCOMPARE(alice.waitFor(u"message"_s).value("cid"_L1).toString(), u"o1"_s);
    {
        TestClient bob;
        QVERIFY(bob.join(registered(server, u"bob"_s)));
        const QJsonObject got = bob.waitFor(u"message"_s);
        QCOMPARE(got.value("text"_L1).toString(), u"while you sleep"_s);
        QCOMPARE(got.value("username"_L1).toString(), u"alice"_s);
        QCOMPARE(got.value("to"_L1).toString(), u"bob"_s);
        // After the welcome, which names alice among bob's DM partners.
        QCOMPARE(bob.rawFrames().indexOf(bob.rawFrames().constFirst()), 0);
        QVERIFY(bob.rawFrames().constFirst().contains("\"type\":\"welcome\""_L1));
        const QJsonArray directs = bob.frames(u"welcome"_s).value(0).value("directs"_L1).toArray();
        QCOMPARE(directs.size(), 1);
        QCOMPARE(directs.at(0).toObject().value("username"_L1).toString(), u"alice"_s);
        QCOMPARE(directs.at(0).toObject().value("lastId"_L1), got.value("id"_L1));
        bob.socket().close();
        QVERIFY(bob.waitForDisconnect());
    }
    for (int again = 0; again < 2; ++again) {
        TestClient bob;
        QVERIFY(bob.join(registered(server, u"bob"_s)));
        roundTrip(alice, bob, u"sync %1"_s.arg(again));
        QCOMPARE(countIn(bob, u"message"_s, u"to"_s, u"bob"_s), 0);
        bob.socket().close();
        QVERIFY(bob.waitForDisconnect());
    }
}

void tst_Conversations::mutedUserCannotWriteToRoomsOrUsers()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient alice, bob;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}}, true));
    joinRoom(alice, u"dev"_s);
    const ClientId aliceId = clientIdOf(activity, u"alice"_s);
    QVERIFY(aliceId != 0);
    server.controller().mute(aliceId, 600, u"calm down"_s);
    QTRY_VERIFY(!alice.frames(u"error"_s).isEmpty()); // told of the mute
    alice.waitFor(u"error"_s);
    QCOMPARE(errorAfter(alice, direct(u"bob"_s, u"hi"_s)), u"muted"_s);
    QCOMPARE(errorAfter(alice, toRoom(u"dev"_s, u"hi"_s)), u"muted"_s);
    QCOMPARE(errorAfter(alice, request(u"join_room"_s, u"other"_s)), u"muted"_s);
    QCOMPARE(errorAfter(alice, QJsonObject {{"type"_L1, "topic"_L1},
                                            {"room"_L1, "dev"_L1},
                                            {"topic"_L1, "x"_L1}}),
             u"muted"_s);
}

// A client of protocol version 1 (no identity, no room) chats in general as before, and gets
// nothing of rooms it is not in.
void tst_Conversations::versionOneClientStaysInGeneral()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient old, alice;
    QVERIFY(old.join(server.wsUrl(u"old"_s)));
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    joinRoom(alice, u"dev"_s);
    alice.send(QJsonObject {{"type"_L1, "typing"_L1}, {"room"_L1, "dev"_L1}});
    alice.send(toRoom(u"dev"_s, u"secret plans"_s));
    old.send(QJsonObject {{"type"_L1, "message"_L1}, {"text"_L1, "hello"_L1}, {"cid"_L1, "v1"_L1}});
    const QJsonObject ack = old.waitFor(u"message"_s);
    QCOMPARE(ack.value("cid"_L1).toString(), u"v1"_s);
    QCOMPARE(ack.value("room"_L1).toString(), u"general"_s);
    QCOMPARE(alice.waitFor(u"message"_s).value("text"_L1).toString(), u"secret plans"_s);
    roundTrip(alice, old, u"sync"_s);
    QCOMPARE(old.frames(u"typing"_s).size(), 0);
    QCOMPARE(countIn(old, u"message"_s, u"room"_s, u"dev"_s), 0);
    QCOMPARE(countIn(old, u"join"_s, u"room"_s, u"dev"_s), 0);
}

void tst_Conversations::typingIsRelayedThrottledAndNeverStored()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob, carol;
    QVERIFY(joinAll(server, {{&alice, u"alice"_s}, {&bob, u"bob"_s}, {&carol, u"carol"_s}}, true));
    joinRoom(alice, u"dev"_s);
    joinRoom(bob, u"dev"_s);
    const qint64 lastBefore
        = historyEvents(server, u"room=dev"_s).last().toObject().value("id"_L1).toInteger();

    const QJsonObject typingInDev {{"type"_L1, "typing"_L1}, {"room"_L1, "dev"_L1}};
    alice.send(typingInDev);
    alice.send(typingInDev); // within 3 s: dropped
    alice.send(QJsonObject {{"type"_L1, "typing"_L1}, {"to"_L1, "carol"_L1}});
    const QJsonObject typing = bob.waitFor(u"typing"_s);
    QCOMPARE(typing.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(typing.value("username"_L1).toString(), u"alice"_s);
    const QJsonObject toCarol = carol.waitFor(u"typing"_s);
    QCOMPARE(toCarol.value("to"_L1).toString(), u"carol"_s);
    QCOMPARE(toCarol.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(errorAfter(carol, typingInDev), u"not_member"_s);
    alice.send(toRoom(u"dev"_s, u"done typing"_s));
    QCOMPARE(bob.waitFor(u"message"_s).value("text"_L1).toString(), u"done typing"_s);
    QCOMPARE(bob.frames(u"typing"_s).size(), 1);
    QCOMPARE(alice.frames(u"typing"_s).size(), 0); // not echoed to the typist
    QCOMPARE(carol.frames(u"typing"_s).size(), 1);
    // Never stored: dev's history holds the message after the joins and nothing else.
    const QJsonArray dev = historyEvents(server, u"after=%1"_s.arg(lastBefore) + u"&room=dev"_s);
    QCOMPARE(dev.size(), 1);
    QCOMPARE(dev.at(0).toObject().value("type"_L1).toString(), u"message"_s);
}

void tst_Conversations::roomsOverHttp()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice, bob;
    QVERIFY(alice.join(registered(server, u"alice"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    joinRoom(alice, u"dev"_s);
    joinRoom(bob, u"dev"_s);
    joinRoom(bob, u"ops"_s);
    const HttpResult result = httpGet(server.httpUrl(u"/api/rooms"_s), server.token().toUtf8());
    QCOMPARE(result.status, 200);
    QStringList summary;
    for (const QJsonValue &value : result.json.value("rooms"_L1).toArray()) {
        const QJsonObject room = value.toObject();
        summary << u"%1:%2"_s.arg(room.value("room"_L1).toString())
                       .arg(room.value("members"_L1).toInt());
    }
    QCOMPARE(summary, QStringList({u"general:2"_s, u"dev:2"_s, u"ops:1"_s}));
    QCOMPARE(httpGet(server.httpUrl(u"/api/rooms"_s)).status, 401);
    int status = 0;
    historyEvents(server, u"room=Not%20A%20Room"_s, {}, &status);
    QCOMPARE(status, 400);
    QCOMPARE(historyEvents(server, u"room=nowhere"_s, {}, &status).size(), 0);
    QCOMPARE(status, 200);
}

void tst_Conversations::roomHistoryPages()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient alice;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    joinRoom(alice, u"dev"_s);
    for (int i = 1; i <= 5; ++i) {
        alice.send(toRoom(u"dev"_s, u"dev %1"_s.arg(i)));
        alice.send(message(u"general %1"_s.arg(i)));
    }
    QTRY_COMPARE(alice.frames(u"message"_s).size(), 10);
    const HttpResult newest = httpGet(server.httpUrl(u"/api/history"_s, u"room=dev&limit=2"_s),
                                      server.token().toUtf8());
    QCOMPARE(textsIn(newest.json.value("events"_L1).toArray()),
             QStringList({u"dev 4"_s, u"dev 5"_s}));
    QCOMPARE(newest.json.value("hasMore"_L1), QJsonValue(true));
    const qint64 oldestShown
        = newest.json.value("events"_L1).toArray().at(0).toObject().value("id"_L1).toInteger();
    const QJsonArray before
        = historyEvents(server, u"room=dev&limit=2&before=%1"_s.arg(oldestShown));
    QCOMPARE(textsIn(before), QStringList({u"dev 2"_s, u"dev 3"_s}));
    for (const QJsonValue &event : before)
        QCOMPARE(event.toObject().value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(textsIn(historyEvents(server, u"limit=3"_s)),
             QStringList({u"general 3"_s, u"general 4"_s, u"general 5"_s}));
}

QTEST_GUILESS_MAIN(tst_Conversations)
#include "tst_conversations.moc"
