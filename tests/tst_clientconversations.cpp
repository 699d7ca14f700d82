// Tests of ChatClient's conversations (rooms, DMs, typing) against a real server on 127.0.0.1,
// and of the chat input's slash commands (ChatCommand). Everything lives in the test's main
// thread.
#include "chatclient.h"
#include "chatcommand.h"
#include "identitysupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;

// What a ChatClient handed out, per conversation, checking the id order of each on the way and
// that every batch belongs to one conversation.
class Conversations final : public QObject
{
public:
    explicit Conversations(ChatClient *client)
    {
        connect(client, &ChatClient::entriesAppended, this, [this](const QList<ChatEntry> &list) {
            for (const ChatEntry &entry : list) {
                if (entry.conversation != list.first().conversation)
                    mixedBatch = true;
                QList<ChatEntry> &entries = byKey[entry.conversation.key()];
                if (!entries.isEmpty() && entry.id <= entries.last().id)
                    orderBroken = true;
                entries.append(entry);
            }
        });
        connect(client, &ChatClient::olderEntriesLoaded, this,
                [this](const QList<ChatEntry> &list, bool, const ConversationId &id) {
                    QList<ChatEntry> &entries = byKey[id.key()];
                    if (!list.isEmpty() && !entries.isEmpty()
                        && list.last().id >= entries.first().id)
                        orderBroken = true;
                    entries = list + entries;
                });
    }
    QStringList texts(const ConversationId &id) const
    {
        QStringList result;
        for (const ChatEntry &entry : byKey.value(id.key())) {
            if (entry.kind == ChatEntry::Kind::Message)
                result << entry.text;
        }
        return result;
    }
    int count(const ConversationId &id, ChatEntry::Kind kind, const QString &username) const
    {
        const QList<ChatEntry> entries = byKey.value(id.key());
        return int(std::count_if(entries.cbegin(), entries.cend(), [&](const ChatEntry &entry) {
            return entry.kind == kind && entry.username == username;
        }));
    }

    QHash<QString, QList<ChatEntry>> byKey;
    bool orderBroken = false;
    bool mixedBatch = false;
};

ServerEndpoint endpointFor(const TestServer &server, const QString &username)
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = username;
    return endpoint;
}

const ConversationId Dev = ConversationId::room(u"dev"_s);

// Connects and waits until every conversation's history is in.
bool connectAndSync(ChatClient *client)
{
    QSignalSpy synced(client, &ChatClient::synced);
    client->connectToServer();
    return synced.wait(WaitMs);
}
} // namespace

class TestClientConversations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void commandsAreParsed_data();
    void commandsAreParsed();
    void conversationsAreKeptApart();
    void joiningARoomLoadsItsHistory();
    void directMessagesBothWays();
    void catchUpPerConversationAfterReconnect();
    void outboxKeepsTheConversation();
    void leavingARoomEndsIt();
    void typingIsRelayedOnce();
    void refusedRequestsAreReported();
    void operatorsChangesReachTheClient();

private:
    std::unique_ptr<ChatClient> makeClient(const TestServer &server, const QString &name);
    QTemporaryDir m_dataDir;
};

void TestClientConversations::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
}

std::unique_ptr<ChatClient> TestClientConversations::makeClient(const TestServer &server,
                                                                const QString &name)
{
    auto client = std::make_unique<ChatClient>();
    client->setDataDirectory(m_dataDir.path());
    client->setRetryDelays(20, 200);
    client->setConnectTimeout(3000);
    client->setEndpoint(endpointFor(server, name));
    client->setIdentity(identityOf(name));
    return client;
}

void TestClientConversations::commandsAreParsed_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("text");
    using Kind = ChatCommand::Kind;
    QTest::addRow("plain") << u"hello /join x"_s << int(Kind::Message) << QString()
                           << u"hello /join x"_s;
    QTest::addRow("escaped slash")
        << u"//join is a command"_s << int(Kind::Message) << QString() << u"/join is a command"_s;
    QTest::addRow("join") << u"/join dev"_s << int(Kind::Join) << u"dev"_s << QString();
    QTest::addRow("join with hash")
        << u"  /JOIN #dev  "_s << int(Kind::Join) << u"dev"_s << QString();
    QTest::addRow("join without room")
        << u"/join"_s << int(Kind::Incomplete) << u"join"_s << QString();
    QTest::addRow("leave current") << u"/leave"_s << int(Kind::Leave) << QString() << QString();
    QTest::addRow("leave named") << u"/part #ops"_s << int(Kind::Leave) << u"ops"_s << QString();
    QTest::addRow("topic") << u"/topic Builds and releases"_s << int(Kind::Topic) << QString()
                           << u"Builds and releases"_s;
    QTest::addRow("topic cleared") << u"/topic"_s << int(Kind::Topic) << QString() << QString();
    QTest::addRow("msg") << u"/msg bob see you\nat 3"_s << int(Kind::DirectMessage) << u"bob"_s
                         << u"see you\nat 3"_s;
    QTest::addRow("msg opens") << u"/query @bob"_s << int(Kind::DirectMessage) << u"bob"_s
                               << QString();
    QTest::addRow("msg without name")
        << u"/msg"_s << int(Kind::Incomplete) << u"msg"_s << QString();
    QTest::addRow("unknown") << u"/shrug ok"_s << int(Kind::Unknown) << u"shrug"_s << QString();
}

void TestClientConversations::commandsAreParsed()
{
    QFETCH(QString, input);
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(QString, text);
    const ChatCommand command = ChatCommand::parse(input);
    QCOMPARE(int(command.kind), kind);
    QCOMPARE(command.target, target);
    QCOMPARE(command.text, text);
}

// A room's events, a DM and general's stay in their own conversations; presence is general's.
void TestClientConversations::conversationsAreKeptApart()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = makeClient(server, u"alice"_s);
    Conversations seen(client.get());
    QVERIFY(connectAndSync(client.get()));
    TestClient alicePhone, bob;
    QVERIFY(alicePhone.join(withIdentity(server, u"alice"_s)));
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(client->users().contains(u"bob"_s), WaitMs);
    // Alice joins dev on her phone: her desktop is in it too.
    alicePhone.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    QTRY_VERIFY_WITH_TIMEOUT(client->hasConversation(Dev), WaitMs);
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.waitFor(u"room_joined"_s);
    bob.send({{"type"_L1, "message"_L1}, {"room"_L1, "dev"_L1}, {"text"_L1, "in dev"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "alice"_L1}, {"text"_L1, "a DM"_L1}});
    bob.send({{"type"_L1, "leave_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "in general"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(ConversationId::general()), QStringList({u"in general"_s}),
                              WaitMs);
    QCOMPARE(seen.texts(Dev), QStringList({u"in dev"_s}));
    QCOMPARE(seen.texts(ConversationId::direct(u"bob"_s)), QStringList({u"a DM"_s}));
    QVERIFY(client->hasConversation(ConversationId::direct(u"bob"_s)));
    QVERIFY(client->users().contains(u"bob"_s)); // his leave of dev is not a leave of the chat
    QCOMPARE(seen.count(ConversationId::general(), ChatEntry::Kind::Join, u"bob"_s), 1);
    QCOMPARE(seen.count(Dev, ChatEntry::Kind::Join, u"bob"_s), 1);
    QCOMPARE(seen.count(Dev, ChatEntry::Kind::Leave, u"bob"_s), 1);
    QCOMPARE(client->conversation(Dev).members, QStringList({u"alice"_s}));
    QVERIFY(!seen.orderBroken);
    QVERIFY(!seen.mixedBatch);
}

// Joining a room that has a past shows its newest page (?room=), older pages on request.
void TestClientConversations::joiningARoomLoadsItsHistory()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.waitFor(u"room_joined"_s);
    for (int i = 1; i <= 30; ++i)
        bob.send(
            {{"type"_L1, "message"_L1}, {"room"_L1, "dev"_L1}, {"text"_L1, u"dev %1"_s.arg(i)}});
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "general only"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), 31, WaitMs);

    auto client = makeClient(server, u"alice"_s);
    client->setHistoryPageSize(20);
    Conversations seen(client.get());
    QSignalSpy synced(client.get(), &ChatClient::synced);
    QSignalSpy changed(client.get(), &ChatClient::conversationsChanged);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QVERIFY(!client->hasConversation(Dev));
    QVERIFY(client->joinRoom(u"dev"_s));
    QTRY_VERIFY_WITH_TIMEOUT(client->hasConversation(Dev), WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(seen.count(Dev, ChatEntry::Kind::Join, u"alice"_s) == 1, WaitMs);
    // The newest page: her own join and the 19 messages before it.
    QCOMPARE(seen.texts(Dev).size(), 19);
    QCOMPARE(seen.texts(Dev).last(), u"dev 30"_s);
    QVERIFY(client->hasOlder(Dev));
    QCOMPARE(client->conversation(Dev).members, QStringList({u"alice"_s, u"bob"_s}));
    QSignalSpy older(client.get(), &ChatClient::olderEntriesLoaded);
    client->loadOlder(Dev);
    QVERIFY(older.wait(WaitMs));
    QCOMPARE(older.first().at(2).value<ConversationId>(), Dev);
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(Dev).first(), u"dev 1"_s, WaitMs);
    QVERIFY(!seen.texts(Dev).contains(u"general only"_s));
    QVERIFY(!seen.orderBroken);
}

// A DM reaches all of the addressee's connections and comes back to the sender as its
// acknowledgement, in the conversation with the other person on both sides.
void TestClientConversations::directMessagesBothWays()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    auto bob = makeClient(server, u"bob"_s);
    Conversations aliceSaw(alice.get()), bobSaw(bob.get());
    for (ChatClient *client : {alice.get(), bob.get()}) {
        QVERIFY(connectAndSync(client));
        QVERIFY(client->isRegistered());
    }
    QSignalSpy acknowledged(alice.get(), &ChatClient::messageAcknowledged);
    const QString cid = alice->sendMessage(u"psst"_s, ConversationId::direct(u"bob"_s));
    QVERIFY(!cid.isEmpty());
    QVERIFY(acknowledged.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(bobSaw.texts(ConversationId::direct(u"alice"_s)),
                              QStringList({u"psst"_s}), WaitMs);
    QCOMPARE(aliceSaw.texts(ConversationId::direct(u"bob"_s)), QStringList({u"psst"_s}));
    QVERIFY(aliceSaw.byKey.value(ConversationId::direct(u"bob"_s).key()).first().own);
    QVERIFY(!bobSaw.byKey.value(ConversationId::direct(u"alice"_s).key()).first().own);
    QVERIFY(bob->hasConversation(ConversationId::direct(u"alice"_s)));
    QVERIFY(aliceSaw.texts(ConversationId::general()).isEmpty());
    QVERIFY(bobSaw.texts(ConversationId::general()).isEmpty());

    // Bob answers; a refusal names its conversation.
    QSignalSpy bobAcknowledged(bob.get(), &ChatClient::messageAcknowledged);
    bob->sendMessage(u"yes?"_s, ConversationId::direct(u"alice"_s));
    QVERIFY(bobAcknowledged.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(aliceSaw.texts(ConversationId::direct(u"bob"_s)),
                              QStringList({u"psst"_s, u"yes?"_s}), WaitMs);
    QSignalSpy refused(alice.get(), &ChatClient::messageRefused);
    alice->sendMessage(u"anyone?"_s, ConversationId::direct(u"nobody"_s));
    QVERIFY(refused.wait(WaitMs));
    QCOMPARE(refused.first().at(3).value<ConversationId>(), ConversationId::direct(u"nobody"_s));
    QVERIFY(!refused.first().at(2).toString().isEmpty());
}

// After a reconnect each conversation catches up from its own newest id: what was said in a
// room and in a DM meanwhile arrives once, nothing twice.
void TestClientConversations::catchUpPerConversationAfterReconnect()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    Conversations seen(alice.get());
    QSignalSpy synced(alice.get(), &ChatClient::synced);
    alice->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    alice->joinRoom(u"dev"_s);
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.waitFor(u"room_joined"_s);
    bob.send({{"type"_L1, "message"_L1}, {"room"_L1, "dev"_L1}, {"text"_L1, "before"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "alice"_L1}, {"text"_L1, "dm before"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(ConversationId::direct(u"bob"_s)),
                              QStringList({u"dm before"_s}), WaitMs);
    QCOMPARE(seen.texts(Dev), QStringList({u"before"_s}));

    alice->disconnectFromServer();
    bob.send({{"type"_L1, "message"_L1}, {"room"_L1, "dev"_L1}, {"text"_L1, "while away"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "alice"_L1}, {"text"_L1, "dm while away"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "general while away"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), 5, WaitMs);
    synced.clear();
    alice->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(ConversationId::direct(u"bob"_s)),
                              QStringList({u"dm before"_s, u"dm while away"_s}), WaitMs);
    QCOMPARE(seen.texts(Dev), QStringList({u"before"_s, u"while away"_s}));
    QCOMPARE(seen.texts(ConversationId::general()), QStringList({u"general while away"_s}));
    QVERIFY(!seen.orderBroken);
    QVERIFY(!seen.mixedBatch);
}

// A message written to a room while disconnected waits in the outbox file with its room, and
// goes there once the app is back, even after a restart of the app.
void TestClientConversations::outboxKeepsTheConversation()
{
    TestServer server;
    QVERIFY(server.start());
    {
        auto alice = makeClient(server, u"carol"_s);
        QVERIFY(connectAndSync(alice.get()));
        QSignalSpy changed(alice.get(), &ChatClient::conversationsChanged);
        alice->joinRoom(u"dev"_s);
        QTRY_VERIFY_WITH_TIMEOUT(alice->hasConversation(Dev), WaitMs);
        alice->disconnectFromServer();
        QVERIFY(!alice->sendMessage(u"queued for dev"_s, Dev).isEmpty());
        QVERIFY(
            !alice->sendMessage(u"a note to self"_s, ConversationId::direct(u"carol"_s)).isEmpty());
        QCOMPARE(alice->pendingMessages().size(), 2);
        QCOMPARE(alice->pendingMessages().first().target, Dev);
    } // the app closes: the outbox is written
    auto again = makeClient(server, u"carol"_s);
    QCOMPARE(again->pendingMessages().size(), 2);
    QCOMPARE(again->pendingMessages().first().target, Dev);
    QCOMPARE(again->pendingMessages().last().target, ConversationId::direct(u"carol"_s));
    Conversations seen(again.get());
    again->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(Dev), QStringList({u"queued for dev"_s}), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(ConversationId::direct(u"carol"_s)),
                              QStringList({u"a note to self"_s}), WaitMs);
    QVERIFY(again->pendingMessages().isEmpty());
    QVERIFY(seen.texts(ConversationId::general()).isEmpty());
}

// Leaving a room ends its conversation: the leave is its last event, nothing of it follows.
void TestClientConversations::leavingARoomEndsIt()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    Conversations seen(alice.get());
    QVERIFY(connectAndSync(alice.get()));
    QVERIFY(alice->joinRoom(u"dev"_s));
    QTRY_VERIFY_WITH_TIMEOUT(alice->hasConversation(Dev), WaitMs);
    QSignalSpy removed(alice.get(), &ChatClient::conversationRemoved);
    QVERIFY(alice->leaveRoom(u"dev"_s));
    QVERIFY(removed.wait(WaitMs));
    QCOMPARE(removed.first().first().value<ConversationId>(), Dev);
    QVERIFY(!alice->hasConversation(Dev));
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"room"_L1, "dev"_L1}, {"text"_L1, "after"_L1}});
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "marker"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(seen.texts(ConversationId::general()), QStringList({u"marker"_s}),
                              WaitMs);
    QVERIFY(seen.texts(Dev).isEmpty());
    QVERIFY(!alice->hasConversation(Dev));
}

// Typing is relayed to the others in the conversation (never to the typist) and sent once per
// interval however often the user types.
void TestClientConversations::typingIsRelayedOnce()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    auto bob = makeClient(server, u"bob"_s);
    for (ChatClient *client : {alice.get(), bob.get()}) {
        QVERIFY(connectAndSync(client));
    }
    QSignalSpy bobSees(bob.get(), &ChatClient::typing);
    QSignalSpy aliceSees(alice.get(), &ChatClient::typing);
    TestClient observer; // counts what the server relays in general
    QVERIFY(observer.join(server.wsUrl(u"observer"_s)));
    for (int i = 0; i < 5; ++i)
        alice->sendTyping(ConversationId::general());
    alice->sendTyping(ConversationId::direct(u"bob"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bobSees.size(), 2, WaitMs);
    QCOMPARE(bobSees.at(0).at(0).value<ConversationId>(), ConversationId::general());
    QCOMPARE(bobSees.at(0).at(1).toString(), u"alice"_s);
    QCOMPARE(bobSees.at(1).at(0).value<ConversationId>(), ConversationId::direct(u"alice"_s));
    // Whatever was relayed in general came before this message, in order.
    alice->sendMessage(u"done"_s);
    observer.waitFor(u"message"_s);
    QCOMPARE(observer.frames(u"typing"_s).size(), 1);
    QCOMPARE(aliceSees.size(), 0);
}

// A request the server refuses (a bad room name, a topic in a room one is not in) is reported
// in words, and changes nothing.
void TestClientConversations::refusedRequestsAreReported()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    QVERIFY(connectAndSync(alice.get()));
    QSignalSpy refused(alice.get(), &ChatClient::requestRefused);
    QVERIFY(alice->joinRoom(u"Not A Room"_s));
    QVERIFY(refused.wait(WaitMs));
    QVERIFY(!refused.first().first().toString().isEmpty());
    QVERIFY(alice->setTopic(u"ops"_s, u"mine"_s));
    QVERIFY(refused.wait(WaitMs));
    QCOMPARE(alice->conversations().size(), 1);
    QVERIFY(alice->isSynced());
    alice->disconnectFromServer();
    QVERIFY(!alice->joinRoom(u"dev"_s)); // not connected: nothing is sent
}

// The operator's lock, topic, kick from a room and deletion of it reach the client's
// conversations as they happen (room_updated, topic, leave with kicked, room_deleted).
void TestClientConversations::operatorsChangesReachTheClient()
{
    TestServer server;
    QVERIFY(server.start());
    auto alice = makeClient(server, u"alice"_s);
    Conversations seen(alice.get());
    QVERIFY(connectAndSync(alice.get()));
    for (const QString &room : {u"dev"_s, u"ops"_s})
        QVERIFY(alice->joinRoom(room));
    QTRY_COMPARE_WITH_TIMEOUT(alice->conversations().size(), 3, WaitMs);

    server.controller().setRoomLocked(u"dev"_s, true);
    QTRY_VERIFY_WITH_TIMEOUT(alice->conversation(Dev).locked, WaitMs);
    server.controller().setRoomTopic(u"dev"_s, u"Frozen"_s);
    QTRY_COMPARE_WITH_TIMEOUT(alice->conversation(Dev).topic, u"Frozen"_s, WaitMs);
    server.controller().setRoomLocked(u"dev"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(!alice->conversation(Dev).locked, WaitMs);

    QSignalSpy removed(alice.get(), &ChatClient::conversationRemoved);
    QSignalSpy byOperator(alice.get(), &ChatClient::removedFromRoom);
    server.controller().kickFromRoom(u"ops"_s, u"alice"_s, u"wrong room"_s);
    QVERIFY(removed.wait(WaitMs));
    QCOMPARE(removed.last().first().value<ConversationId>(), ConversationId::room(u"ops"_s));
    const QList<ChatEntry> ops = seen.byKey.value(ConversationId::room(u"ops"_s).key());
    QVERIFY(!ops.isEmpty());
    QCOMPARE(ops.last().kind, ChatEntry::Kind::Kick);
    QCOMPARE(ops.last().text, u"wrong room"_s);
    QCOMPARE(byOperator.size(), 1);
    QCOMPARE(byOperator.first(), QVariantList({u"ops"_s, false, u"wrong room"_s}));

    server.controller().deleteRoom(u"dev"_s);
    QVERIFY(removed.wait(WaitMs));
    QCOMPARE(removed.last().first().value<ConversationId>(), Dev);
    QCOMPARE(alice->conversations().size(), 1);
    QCOMPARE(byOperator.last(), QVariantList({u"dev"_s, true, QString()}));
    QVERIFY(alice->isSynced());
}

QTEST_MAIN(TestClientConversations)
#include "tst_clientconversations.moc"
