// Identities and registered names (docs/PROTOCOL.md, "Authentication", "Sessions"), through the
// public surface: real QWebSocket clients and HTTP requests against a real server on 127.0.0.1,
// and the real database file across a restart.
#include "testsupport.h"
#include "usernamerules.h"

#include <QJsonArray>
#include <QMutex>
#include <QMutexLocker>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// Two identity secrets as clients make them: 32 random bytes in base64url (here fixed).
const QString Identity = u"aWRlbnRpdHktb2YtYWxpY2UtMTIzNDU2Nzg5MDEyMzQ1Ng"_s;
const QString OtherIdentity = u"b3RoZXItaWRlbnRpdHktMTIzNDU2Nzg5MDEyMzQ1Njc4OQ"_s;

QUrl withIdentity(QUrl url, const QString &identity)
{
    QUrlQuery query(url);
    query.addQueryItem(u"identity"_s, identity);
    url.setQuery(query);
    return url;
}

QJsonObject message(const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"text"_L1, text}};
}

// The welcome a client got (TestClient::join waited for it).
QJsonObject welcomeOf(const TestClient &client)
{
    return client.frames(u"welcome"_s).value(0);
}

// Opens a connection that the server refuses; returns the error frame's code and the close code.
QPair<QString, int> refusal(const QUrl &url)
{
    TestClient client;
    if (!client.open(url) || !client.waitForDisconnect())
        return {u"(not refused)"_s, client.closeCode()};
    return {client.frames(u"error"_s).value(0).value("code"_L1).toString(), client.closeCode()};
}

// Every log line of every thread, for the checks that a secret never reaches the log.
QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;
void recordLog(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    {
        QMutexLocker lock(&logMutex);
        logLines.append(text);
    }
    previousHandler(type, context, text);
}

// Which events of a kind about the name a client saw, in order.
int countOf(const TestClient &client, const QString &type, const QString &username)
{
    int count = 0;
    for (const QJsonObject &frame : client.frames(type))
        count += frame.value("username"_L1).toString() == username;
    return count;
}

} // namespace

class tst_Identity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }

    void firstConnectWithAnIdentityRegistersTheName();
    void registeredNameIsRefusedToOthers_data();
    void registeredNameIsRefusedToOthers();
    void malformedIdentityIsRefused_data();
    void malformedIdentityIsRefused();
    void clientWithoutIdentityWorksAsBefore();
    void registrationsSurviveARestart();
    void operatorReleasesANameForANewOwner();
    void oneUserOnTwoConnections();
    void kickAndMuteActOnEveryConnection();
    void sessionProvesTheUserOverHttp();
    void wrongSessionsCountAsWrongTokens();
    void identityIsNeverLogged();
};

void tst_Identity::firstConnectWithAnIdentityRegistersTheName()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy registrations(&server.controller(), &ServerController::registrationsChanged);
    TestClient alice;
    QVERIFY(alice.join(withIdentity(server.wsUrl(u"Alice"_s), Identity)));
    const QJsonObject welcome = welcomeOf(alice);
    QCOMPARE(welcome.value("protocol"_L1).toInt(), 2);
    QCOMPARE(welcome.value("registered"_L1), QJsonValue(true));
    QCOMPARE(welcome.value("session"_L1).toString().size(), 43); // 256 bits in base64url
    QTRY_VERIFY(!registrations.isEmpty());
    const auto names = registrations.constLast().at(0).value<QList<RegisteredName>>();
    QCOMPARE(names.size(), 1);
    QCOMPARE(names.at(0).username, u"Alice"_s);
    QCOMPARE(names.at(0).userKey, UsernameRules::comparisonKey(u"Alice"_s));
    QVERIFY(names.at(0).online);
    QVERIFY(names.at(0).firstSeenMs > 0);
}

void tst_Identity::registeredNameIsRefusedToOthers_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("identity"); // empty: none
    QTest::addRow("another identity") << u"Alice"_s << OtherIdentity;
    QTest::addRow("no identity") << u"Alice"_s << QString();
    QTest::addRow("another case, no identity") << u"ALICE"_s << QString();
    QTest::addRow("confusable, no identity") << u"\u0410lice"_s << QString(); // Cyrillic А
    QTest::addRow("confusable, another identity") << u"A1ice"_s << OtherIdentity;
}

// Also when the owner is offline: the name belongs to the identity, not to whoever is online.
void tst_Identity::registeredNameIsRefusedToOthers()
{
    QFETCH(QString, username);
    QFETCH(QString, identity);
    TestServer server;
    QVERIFY(server.start());
    {
        TestClient owner;
        QVERIFY(owner.join(withIdentity(server.wsUrl(u"Alice"_s), Identity)));
        owner.socket().close();
        QVERIFY(owner.waitForDisconnect());
    }
    const QUrl url = identity.isEmpty() ? server.wsUrl(username)
                                        : withIdentity(server.wsUrl(username), identity);
    QCOMPARE(refusal(url), qMakePair(u"name_registered"_s, 4009));
    // The owner still gets in.
    TestClient owner;
    QVERIFY(owner.join(withIdentity(server.wsUrl(u"alice"_s), Identity)));
    QCOMPARE(welcomeOf(owner).value("registered"_L1), QJsonValue(true));
}

void tst_Identity::malformedIdentityIsRefused_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addRow("empty") << QString(u""_s);
    QTest::addRow("21 characters") << u"abcdefghijklmnopqrstu"_s;
    QTest::addRow("129 characters") << QString(129, u'a');
    QTest::addRow("padding") << u"aWRlbnRpdHktb2YtYWxpY2UtMTIzNDU2Nzg5MDEyMzQ1Ng=="_s;
    QTest::addRow("space") << u"aWRlbnRpdHktb2YtYWxpY2Ut MTIzNDU2Nzg5MDEyMzQ1Ng"_s;
    QTest::addRow("non-ASCII") << u"aWRlbnRpdHktb2YtYWxpY2UtMTIzNDU2Nzg5MDEyMzQ1Nü"_s;
}

void tst_Identity::malformedIdentityIsRefused()
{
    QFETCH(QString, identity);
    TestServer server;
    QVERIFY(server.start());
    QCOMPARE(refusal(withIdentity(server.wsUrl(u"carol"_s), identity)),
             qMakePair(u"invalid_identity"_s, 4009));
    // Nothing was registered: the name is free, with or without an identity.
    TestClient carol;
    QVERIFY(carol.join(server.wsUrl(u"carol"_s)));
    QCOMPARE(welcomeOf(carol).value("registered"_L1), QJsonValue(false));
}

// A version 1 client sends no identity: its name is not registered and can be taken over after
// it left, as before; it gets a session all the same.
void tst_Identity::clientWithoutIdentityWorksAsBefore()
{
    TestServer server;
    QVERIFY(server.start());
    {
        TestClient old;
        QVERIFY(old.join(server.wsUrl(u"dave"_s)));
        const QJsonObject welcome = welcomeOf(old);
        QCOMPARE(welcome.value("registered"_L1), QJsonValue(false));
        QVERIFY(!welcome.value("session"_L1).toString().isEmpty());
        QCOMPARE(refusal(server.wsUrl(u"dave"_s)), qMakePair(u"username_taken"_s, 4002));
        // An identity is no claim on a name someone is online under: it is taken, not joined
        // to that user's connections, and not registered.
        QCOMPARE(refusal(withIdentity(server.wsUrl(u"DAVE"_s), Identity)),
                 qMakePair(u"username_taken"_s, 4002));
        QCOMPARE(refusal(withIdentity(server.wsUrl(u"dave"_s), Identity)),
                 qMakePair(u"username_taken"_s, 4002));
        old.socket().close();
        QVERIFY(old.waitForDisconnect());
    }
    TestClient next;
    QVERIFY(next.join(server.wsUrl(u"dave"_s)));
    next.socket().close();
    QVERIFY(next.waitForDisconnect());
    // An identity now registers the name that nobody had registered.
    TestClient owner;
    QVERIFY(owner.join(withIdentity(server.wsUrl(u"dave"_s), Identity)));
    QCOMPARE(welcomeOf(owner).value("registered"_L1), QJsonValue(true));
}

void tst_Identity::registrationsSurviveARestart()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    {
        TestServer server(u"test-token"_s, dataDir.path());
        QVERIFY(server.start());
        TestClient owner;
        QVERIFY(owner.join(withIdentity(server.wsUrl(u"erin"_s), Identity)));
        QVERIFY(server.stop());
    }
    TestServer server(u"test-token"_s, dataDir.path());
    QVERIFY(server.start());
    QCOMPARE(server.status().registrations.size(), 1);
    QCOMPARE(server.status().registrations.at(0).username, u"erin"_s);
    QCOMPARE(refusal(server.wsUrl(u"erin"_s)), qMakePair(u"name_registered"_s, 4009));
    TestClient owner;
    QVERIFY(owner.join(withIdentity(server.wsUrl(u"erin"_s), Identity)));
}

// For a person who lost their secret. The release closes nothing: the owner online stays.
void tst_Identity::operatorReleasesANameForANewOwner()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    QSignalSpy registrations(&server.controller(), &ServerController::registrationsChanged);
    TestClient owner;
    QVERIFY(owner.join(withIdentity(server.wsUrl(u"frank"_s), Identity)));
    server.controller().releaseRegistration(UsernameRules::comparisonKey(u"frank"_s));
    QTRY_VERIFY(!registrations.isEmpty()
                && registrations.constLast().at(0).value<QList<RegisteredName>>().isEmpty());
    const auto released = [&activity] {
        const QList<ModerationRecord> records = moderationOf(activity);
        return std::any_of(records.cbegin(), records.cend(), [](const ModerationRecord &record) {
            return record.action == ModerationRecord::Action::Release
                   && record.target == "frank"_L1;
        });
    };
    QTRY_VERIFY(released());
    QCOMPARE(owner.socket().state(), QAbstractSocket::ConnectedState);
    owner.socket().close();
    QVERIFY(owner.waitForDisconnect());
    TestClient newOwner;
    QVERIFY(newOwner.join(withIdentity(server.wsUrl(u"frank"_s), OtherIdentity)));
    QCOMPARE(welcomeOf(newOwner).value("registered"_L1), QJsonValue(true));
    newOwner.socket().close();
    QVERIFY(newOwner.waitForDisconnect());
    QCOMPARE(refusal(withIdentity(server.wsUrl(u"frank"_s), Identity)),
             qMakePair(u"name_registered"_s, 4009));
}

// Phone and laptop: one user in the list, one join, one leave; frames reach both.
void tst_Identity::oneUserOnTwoConnections()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob, laptop, phone;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    QVERIFY(laptop.join(withIdentity(server.wsUrl(u"Gina"_s), Identity)));
    QVERIFY(phone.join(withIdentity(server.wsUrl(u"gina"_s), Identity)));
    const QJsonObject welcome = welcomeOf(phone);
    const QJsonArray listed = httpGet(server.httpUrl(u"/api/users"_s), server.token().toUtf8())
                                  .json.value("users"_L1)
                                  .toArray();
    QCOMPARE(listed.size(), 2); // bob and Gina, once
    QCOMPARE(welcome.value("username"_L1).toString(), u"Gina"_s); // the name online
    QCOMPARE(welcome.value("users"_L1).toArray(), QJsonArray({u"bob"_s, u"Gina"_s}));
    QVERIFY(welcome.value("session"_L1).toString()
            != welcomeOf(laptop).value("session"_L1).toString());
    // Nobody else gets the name, with or without an identity.
    QCOMPARE(refusal(server.wsUrl(u"gina"_s)), qMakePair(u"name_registered"_s, 4009));
    QCOMPARE(refusal(withIdentity(server.wsUrl(u"gina"_s), OtherIdentity)),
             qMakePair(u"name_registered"_s, 4009));

    bob.send(message(u"to both"_s));
    QCOMPARE(laptop.waitFor(u"message"_s).value("text"_L1).toString(), u"to both"_s);
    QCOMPARE(phone.waitFor(u"message"_s).value("text"_L1).toString(), u"to both"_s);
    phone.send(message(u"from the phone"_s));
    QCOMPARE(laptop.waitFor(u"message"_s).value("text"_L1).toString(), u"from the phone"_s);
    QCOMPARE(bob.waitFor(u"message"_s).value("text"_L1).toString(), u"to both"_s);
    QCOMPARE(bob.waitFor(u"message"_s).value("text"_L1).toString(), u"from the phone"_s);

    phone.socket().close();
    QVERIFY(phone.waitForDisconnect());
    bob.send(message(u"after the phone left"_s));
    QCOMPARE(laptop.waitFor(u"message"_s).value("text"_L1).toString(), u"after the phone left"_s);
    QCOMPARE(bob.waitFor(u"message"_s).value("text"_L1).toString(), u"after the phone left"_s);
    QCOMPARE(countOf(bob, u"join"_s, u"Gina"_s), 1);
    QCOMPARE(countOf(bob, u"leave"_s, u"Gina"_s), 0);
    laptop.socket().close();
    QVERIFY(laptop.waitForDisconnect());
    (void)bob.waitFor(u"leave"_s);
    QCOMPARE(countOf(bob, u"leave"_s, u"Gina"_s), 1);
    TestClient list;
    QVERIFY(list.join(server.wsUrl(u"henry"_s)));
    QCOMPARE(welcomeOf(list).value("users"_L1).toArray(), QJsonArray({u"bob"_s, u"henry"_s}));
}

void tst_Identity::kickAndMuteActOnEveryConnection()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient bob, laptop, phone;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    QVERIFY(laptop.join(withIdentity(server.wsUrl(u"ivy"_s), Identity)));
    QVERIFY(phone.join(withIdentity(server.wsUrl(u"ivy"_s), Identity)));
    const ClientId ivy = clientIdOf(activity, u"ivy"_s);
    QVERIFY(ivy != 0);
    server.controller().mute(ivy, 60, u"calm down"_s);
    QCOMPARE(laptop.waitFor(u"error"_s).value("code"_L1).toString(), u"muted"_s);
    QCOMPARE(phone.waitFor(u"error"_s).value("code"_L1).toString(), u"muted"_s);
    server.controller().kick(ivy, u"enough"_s);
    QVERIFY(laptop.waitForDisconnect());
    QVERIFY(phone.waitForDisconnect());
    QCOMPARE(laptop.closeCode(), 4000);
    QCOMPARE(phone.closeCode(), 4000);
    (void)bob.waitFor(u"leave"_s);
    QCOMPARE(countOf(bob, u"leave"_s, u"ivy"_s), 1);
}

void tst_Identity::sessionProvesTheUserOverHttp()
{
    TestServer server;
    server.config().sessionGraceMs = 1500;
    QVERIFY(server.start());
    const QUrl users = server.httpUrl(u"/api/users"_s);
    QByteArray session;
    {
        TestClient jack;
        QVERIFY(jack.join(withIdentity(server.wsUrl(u"jack"_s), Identity)));
        session = welcomeOf(jack).value("session"_L1).toString().toUtf8();
        QCOMPARE(httpGet(users, session).status, 200);
        QCOMPARE(httpGet(server.httpUrl(u"/api/history"_s), session).status, 200);
        // Never in the query: ?token= takes the shared token only.
        QCOMPARE(httpGet(server.httpUrl(u"/api/users"_s, u"token="_s + QString::fromUtf8(session)))
                     .status,
                 401);
        jack.socket().close();
        QVERIFY(jack.waitForDisconnect());
    }
    // The grace period, then no more.
    QCOMPARE(httpGet(users, session).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(users, session).status, 401, 10'000);
    // The shared token keeps working for the public surface.
    QCOMPARE(httpGet(users, server.token().toUtf8()).status, 200);
}

void tst_Identity::wrongSessionsCountAsWrongTokens()
{
    TestServer server;
    server.config().authFailureLimit = 3;
    QVERIFY(server.start());
    const QUrl users = server.httpUrl(u"/api/users"_s);
    const QByteArray wrong = "d3Jvbmctc2Vzc2lvbi0xMjM0NTY3ODkwMTIzNDU2Nzg5MDEy";
    for (int i = 0; i < 3; ++i) {
        const HttpResult result = httpGet(users, wrong);
        QCOMPARE(result.status, 401);
        QCOMPARE(result.json.value("error"_L1).toObject().value("code"_L1).toString(),
                 u"invalid_token"_s);
    }
    QCOMPARE(httpGet(users, server.token().toUtf8()).status, 429);
}

void tst_Identity::identityIsNeverLogged()
{
    {
        QMutexLocker lock(&logMutex);
        logLines.clear();
    }
    previousHandler = qInstallMessageHandler(recordLog);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(previousHandler); });
    QString session;
    {
        TestServer server;
        QVERIFY(server.start());
        TestClient owner;
        QVERIFY(owner.join(withIdentity(server.wsUrl(u"kate"_s), Identity)));
        session = welcomeOf(owner).value("session"_L1).toString();
        QCOMPARE(refusal(withIdentity(server.wsUrl(u"kate"_s), OtherIdentity)),
                 qMakePair(u"name_registered"_s, 4009));
        // A wrong token's refusal logs the request: with the secrets redacted.
        QCOMPARE(refusal(withIdentity(server.wsUrl(u"kate"_s, u"wrong-token"_s), Identity)),
                 qMakePair(u"invalid_token"_s, 1008));
        QCOMPARE(httpGet(server.httpUrl(u"/api/users"_s), OtherIdentity.toUtf8()).status, 401);
        QVERIFY(server.stop());
    }
    QMutexLocker lock(&logMutex);
    const QString log = logLines.join(u'\n');
    QVERIFY2(log.contains(u"identity=REDACTED"_s), qPrintable(log));
    for (const QString &secret : {Identity, OtherIdentity, session})
        QVERIFY2(!log.contains(secret), qPrintable(secret));
}

QTEST_MAIN(tst_Identity)
#include "tst_identity.moc"
