// Pure unit tests of the protocol helpers (docs/PROTOCOL.md): frame validation, the frames the
// server builds, username rules and access tokens. No network, no database.
#include "accesstoken.h"
#include "protocol.h"
#include "usernamerules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class tst_Protocol : public QObject
{
    Q_OBJECT

private slots:
    void parseConversationFrames_data();
    void parseConversationFrames();
    void conversationEventsRoundTrip();
    void parseClientFrame_data();
    void parseClientFrame();
    void errorsCarryAReadableMessage();

    void timestampFormat_data();
    void timestampFormat();
    void timestampMatchesQDateTime();
    void frameAndAckMatchEventFrame();
    void messageFrameWithoutCid();
    void messageFrameWithCidAndDuplicate();
    void joinLeaveAndAnnouncementFrames();
    void kickBecomesLeaveWithReason();
    void welcomeFrameFields();
    void jsonStringEscapes_data();
    void jsonStringEscapes();
    void errorAndKickedFrames();
    void sanctionFrames();

    void usernameCheck_data();
    void usernameCheck();
    void usernameRefusalsSayWhy_data();
    void usernameRefusalsSayWhy();
    void usernameQueryValue_data();
    void usernameQueryValue();
    void comparisonKeyFoldsCaseAndWidth();

    void tokenShapeAndAlphabet();
    void tokensAreDistinct();
    void tokenMatches_data();
    void tokenMatches();
    void tokenRedactedHidesTheToken();
};

namespace {

constexpr int MaxText = 5000;

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parse(const QByteArray &frame)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QString repeated(const QString &unit, int times)
{
    QString result;
    for (int i = 0; i < times; ++i)
        result += unit;
    return result;
}

// A string with one lone UTF-16 code unit inside (a C++ literal cannot hold a surrogate).
QString withUnit(const QString &before, char16_t unit, const QString &after)
{
    return before + QChar(unit) + after;
}

ChatEvent makeEvent(ChatEvent::Kind kind, qint64 id, const QString &username, const QString &text,
                    qint64 timestampMs)
{
    ChatEvent result;
    result.kind = kind;
    result.id = id;
    result.username = username;
    result.text = text;
    result.timestampMs = timestampMs;
    return result;
}

// 2026-11-24T19:47:52.123Z
qint64 sampleTimestamp()
{
    return QDateTime(QDate(2026, 11, 24), QTime(19, 47, 52, 123), QTimeZone::utc())
        .toMSecsSinceEpoch();
}

const QRegularExpression &timestampPattern()
{
    static const QRegularExpression pattern(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"_s);
    return pattern;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// parseClientFrame

void tst_Protocol::parseClientFrame_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("errorCode"); // empty: valid
    QTest::addColumn<QString>("cid"); // the cid the result must carry (echoed for errors)
    QTest::addColumn<QString>("text"); // the stored text for valid frames

    const QString ok;
    const QString longText = repeated(u"a"_s, MaxText);
    const QString cid64 = repeated(u"c"_s, 64);
    const auto msg = [](const QString &text, const QString &cid = {}) {
        QJsonObject object {{"type"_L1, "message"_L1}, {"text"_L1, text}};
        if (!cid.isEmpty())
            object.insert("cid"_L1, cid);
        return object;
    };

    // invalid_json / not_object
    QTest::addRow("invalid json") << u"{\"type\":\"message\","_s << u"invalid_json"_s << ok << ok;
    QTest::addRow("empty frame") << QString() << u"invalid_json"_s << ok << ok;
    QTest::addRow("garbage") << u"hello there"_s << u"invalid_json"_s << ok << ok;
    QTest::addRow("trailing comma")
        << u"{\"type\":\"message\",\"text\":\"hi\",}"_s << u"invalid_json"_s << ok << ok;
    QTest::addRow("array") << u"[{\"type\":\"message\",\"text\":\"hi\",\"cid\":\"c1\"}]"_s
                           << u"not_object"_s << ok << ok;
    QTest::addRow("empty array") << u"[]"_s << u"not_object"_s << ok << ok;
    // RFC 8259: a scalar is a valid JSON text, so these are "not an object", not "not JSON".
    QTest::addRow("number") << u"42"_s << u"not_object"_s << ok << ok;
    QTest::addRow("string") << u"\"message\""_s << u"not_object"_s << ok << ok;
    QTest::addRow("null") << u"null"_s << u"not_object"_s << ok << ok;

    // missing_type / unknown_type
    QTest::addRow("missing type") << u"{\"text\":\"hi\",\"cid\":\"c1\"}"_s << u"missing_type"_s
                                  << u"c1"_s << ok;
    QTest::addRow("type is a number")
        << u"{\"type\":1,\"text\":\"hi\",\"cid\":\"c1\"}"_s << u"missing_type"_s << u"c1"_s << ok;
    QTest::addRow("type is null") << u"{\"type\":null,\"text\":\"hi\"}"_s << u"missing_type"_s << ok
                                  << ok;
    QTest::addRow("type is an object")
        << u"{\"type\":{},\"text\":\"hi\",\"cid\":\"c2\"}"_s << u"missing_type"_s << u"c2"_s << ok;
    QTest::addRow("unknown type") << u"{\"type\":\"poke\",\"cid\":\"c1\"}"_s << u"unknown_type"_s
                                  << u"c1"_s << ok;
    QTest::addRow("type case differs")
        << u"{\"type\":\"Message\",\"text\":\"hi\"}"_s << u"unknown_type"_s << ok << ok;
    QTest::addRow("empty type") << u"{\"type\":\"\",\"text\":\"hi\",\"cid\":\"c3\"}"_s
                                << u"unknown_type"_s << u"c3"_s << ok;

    // invalid_text
    QTest::addRow("missing text") << u"{\"type\":\"message\",\"cid\":\"c1\"}"_s << u"invalid_text"_s
                                  << u"c1"_s << ok;
    QTest::addRow("text is a number") << u"{\"type\":\"message\",\"text\":5,\"cid\":\"c1\"}"_s
                                      << u"invalid_text"_s << u"c1"_s << ok;
    QTest::addRow("text is null") << u"{\"type\":\"message\",\"text\":null}"_s << u"invalid_text"_s
                                  << ok << ok;
    QTest::addRow("text is an array") << u"{\"type\":\"message\",\"text\":[\"hi\"],\"cid\":\"x\"}"_s
                                      << u"invalid_text"_s << u"x"_s << ok;
    QTest::addRow("text is true") << u"{\"type\":\"message\",\"text\":true}"_s << u"invalid_text"_s
                                  << ok << ok;
    QTest::addRow("control U+0001")
        << json(msg(u"a\u0001b"_s, u"c1"_s)) << u"invalid_text"_s << u"c1"_s << ok;
    QTest::addRow("control CR") << json(msg(u"line one\r\nline two"_s, u"c1"_s))
                                << u"invalid_text"_s << u"c1"_s << ok;
    QTest::addRow("control NUL") << json(msg(u"a\u0000b"_s)) << u"invalid_text"_s << ok << ok;
    QTest::addRow("control ESC") << json(msg(u"\u001b[31mred"_s)) << u"invalid_text"_s << ok << ok;
    QTest::addRow("control DEL") << json(msg(u"a\u007fb"_s)) << u"invalid_text"_s << ok << ok;
    QTest::addRow("control C1 U+009B") << json(msg(u"a\u009bb"_s)) << u"invalid_text"_s << ok << ok;
    // Unpaired surrogates (JSON \ud800 escapes): stored, they would turn into something else.
    QTest::addRow("lone high surrogate")
        << u"{\"type\":\"message\",\"text\":\"x\\ud800y\",\"cid\":\"c1\"}"_s << u"invalid_text"_s
        << u"c1"_s << ok;
    QTest::addRow("lone low surrogate")
        << u"{\"type\":\"message\",\"text\":\"x\\udfffy\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("swapped surrogates")
        << u"{\"type\":\"message\",\"text\":\"\\ude00\\ud83d\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("high surrogate at the end")
        << u"{\"type\":\"message\",\"text\":\"abc\\ud83d\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("noncharacter U+FFFF")
        << u"{\"type\":\"message\",\"text\":\"x\\uffff\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("noncharacter U+FFFE")
        << u"{\"type\":\"message\",\"text\":\"\\ufffex\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("noncharacter U+FDD0")
        << u"{\"type\":\"message\",\"text\":\"x\\ufdd0\"}"_s << u"invalid_text"_s << ok << ok;
    QTest::addRow("noncharacter U+1FFFF")
        << u"{\"type\":\"message\",\"text\":\"x\\ud83f\\udfff\"}"_s << u"invalid_text"_s << ok
        << ok;
    QTest::addRow("lone surrogate only")
        << u"{\"type\":\"message\",\"text\":\"\\udc00\"}"_s << u"invalid_text"_s << ok << ok;

    // empty_text / text_too_long
    QTest::addRow("empty text") << json(msg(QString(), u"c1"_s)) << u"empty_text"_s << u"c1"_s
                                << ok;
    QTest::addRow("spaces only") << json(msg(u"    "_s, u"c1"_s)) << u"empty_text"_s << u"c1"_s
                                 << ok;
    QTest::addRow("white space only") << json(msg(u" \n\t \n"_s)) << u"empty_text"_s << ok << ok;
    QTest::addRow("5001 chars") << json(msg(longText + u"a"_s, u"c1"_s)) << u"text_too_long"_s
                                << u"c1"_s << ok;
    QTest::addRow("5001 chars + control")
        << json(msg(longText + u"\u0001"_s)) << u"text_too_long"_s << ok << ok;

    // invalid_cid (no readable cid to echo)
    QTest::addRow("cid is a number")
        << u"{\"type\":\"message\",\"text\":\"hi\",\"cid\":7}"_s << u"invalid_cid"_s << ok << ok;
    QTest::addRow("cid is null") << u"{\"type\":\"message\",\"text\":\"hi\",\"cid\":null}"_s
                                 << u"invalid_cid"_s << ok << ok;
    QTest::addRow("cid is empty") << u"{\"type\":\"message\",\"text\":\"hi\",\"cid\":\"\"}"_s
                                  << u"invalid_cid"_s << ok << ok;
    QTest::addRow("cid has 65 chars")
        << json(msg(u"hi"_s, cid64 + u"c"_s)) << u"invalid_cid"_s << ok << ok;
    QTest::addRow("cid has a noncharacter")
        << u"{\"type\":\"message\",\"text\":\"hi\",\"cid\":\"\\uffff\"}"_s << u"invalid_cid"_s << ok
        << ok;
    QTest::addRow("cid has a lone surrogate")
        << u"{\"type\":\"message\",\"text\":\"hi\",\"cid\":\"c\\ud800\"}"_s << u"invalid_cid"_s
        << ok << ok;

    // username_mismatch (the authenticated key is comparisonKey("Alice"))
    QJsonObject bob = msg(u"hi"_s, u"c1"_s);
    bob.insert("username"_L1, u"Bob"_s);
    QTest::addRow("username differs") << json(bob) << u"username_mismatch"_s << u"c1"_s << ok;
    QJsonObject prefix = msg(u"hi"_s);
    prefix.insert("username"_L1, u"Alic"_s);
    QTest::addRow("username is a prefix") << json(prefix) << u"username_mismatch"_s << ok << ok;
    QJsonObject numeric = msg(u"hi"_s, u"c9"_s);
    numeric.insert("username"_L1, 1);
    QTest::addRow("username is a number")
        << json(numeric) << u"username_mismatch"_s << u"c9"_s << ok;
    QJsonObject emptyName = msg(u"hi"_s);
    emptyName.insert("username"_L1, QString());
    QTest::addRow("username is empty") << json(emptyName) << u"username_mismatch"_s << ok << ok;
    QTest::addRow("username has a lone surrogate")
        << u"{\"type\":\"message\",\"text\":\"hi\",\"username\":\"Alice\\ud800\",\"cid\":\"c1\"}"_s
        << u"username_mismatch"_s << u"c1"_s << ok;

    // valid frames
    QTest::addRow("plain") << json(msg(u"hello"_s)) << ok << ok << u"hello"_s;
    QTest::addRow("with cid") << json(msg(u"hello"_s, u"abc-123"_s)) << ok << u"abc-123"_s
                              << u"hello"_s;
    QTest::addRow("cid has 64 chars") << json(msg(u"hello"_s, cid64)) << ok << cid64 << u"hello"_s;
    QTest::addRow("cid has 1 char") << json(msg(u"hello"_s, u"z"_s)) << ok << u"z"_s << u"hello"_s;
    QTest::addRow("5000 chars") << json(msg(longText, u"c1"_s)) << ok << u"c1"_s << longText;
    QTest::addRow("1 char") << json(msg(u"x"_s)) << ok << ok << u"x"_s;
    QTest::addRow("newline and tab") << json(msg(u"line one\nline two\tcolumn"_s)) << ok << ok
                                     << u"line one\nline two\tcolumn"_s;
    QTest::addRow("not trimmed") << json(msg(u"  padded \n"_s)) << ok << ok << u"  padded \n"_s;
    // "1 to 5,000 characters after trimming surrounding white space"
    QTest::addRow("5000 chars + surrounding space")
        << json(msg(u"  "_s + longText + u"\n"_s)) << ok << ok << u"  "_s + longText + u"\n"_s;
    QTest::addRow("unicode and emoji")
        << json(msg(u"Grüße 👋 שלום"_s)) << ok << ok << u"Grüße 👋 שלום"_s;
    QTest::addRow("escaped surrogate pair")
        << u"{\"type\":\"message\",\"text\":\"\\ud83d\\ude00\",\"cid\":\"\\ud83d\\udc4b\"}"_s << ok
        << u"\U0001F44B"_s << u"\U0001F600"_s;
    QTest::addRow("html is just text") << json(msg(u"<img src=x onerror=alert(1)>"_s)) << ok << ok
                                       << u"<img src=x onerror=alert(1)>"_s;
    QTest::addRow("unknown members ignored")
        << u"{\"type\":\"message\",\"text\":\"hi\",\"extra\":{\"a\":[1,2]},\"n\":1}"_s << ok << ok
        << u"hi"_s;
    for (const QString &name : {u"Alice"_s, u"alice"_s, u"ALICE"_s, u"Ａｌｉｃｅ"_s}) {
        QJsonObject same = msg(u"hi"_s, u"c1"_s);
        same.insert("username"_L1, name);
        QTest::addRow("username %s", qPrintable(name)) << json(same) << ok << u"c1"_s << u"hi"_s;
    }
}

void tst_Protocol::parseClientFrame()
{
    QFETCH(QString, frame);
    QFETCH(QString, errorCode);
    QFETCH(QString, cid);
    QFETCH(QString, text);

    const Protocol::ParsedFrame parsed
        = Protocol::parseClientFrame(frame, UsernameRules::comparisonKey(u"Alice"_s), MaxText);
    QCOMPARE(parsed.errorCode, errorCode);
    QCOMPARE(parsed.isValid(), errorCode.isEmpty());
    QCOMPARE(parsed.cid, cid);
    if (parsed.isValid()) {
        QVERIFY(parsed.errorMessage.isEmpty());
        QCOMPARE(parsed.message.text, text);
        QCOMPARE(parsed.message.cid, cid);
    } else {
        QVERIFY2(!parsed.errorMessage.isEmpty(), "an error needs a human-readable message");
        QVERIFY(parsed.message.text.isEmpty());
    }
}

void tst_Protocol::parseConversationFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("errorCode"); // empty: valid
    QTest::addColumn<int>("request");
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("to");
    const int message = int(Protocol::Request::Message);
    const int join = int(Protocol::Request::JoinRoom);
    const int leave = int(Protocol::Request::LeaveRoom);
    const int topic = int(Protocol::Request::Topic);
    const int typing = int(Protocol::Request::Typing);
    const QString none;
    QTest::addRow("message without room: general")
        << u"{\"type\":\"message\",\"text\":\"hi\"}"_s << none << message << u"general"_s << none;
    QTest::addRow("message to a room")
        << u"{\"type\":\"message\",\"room\":\"dev-2_x\",\"text\":\"hi\"}"_s << none << message
        << u"dev-2_x"_s << none;
    QTest::addRow("DM") << u"{\"type\":\"message\",\"to\":\" Bob \",\"text\":\"hi\"}"_s << none
                        << message << none << u"Bob"_s;
    QTest::addRow("room and to") << u"{\"type\":\"message\",\"room\":\"dev\",\"to\":\"bob\","
                                    u"\"text\":\"hi\"}"_s
                                 << u"invalid_target"_s << message << none << none;
    QTest::addRow("to is a number") << u"{\"type\":\"message\",\"to\":7,\"text\":\"hi\"}"_s
                                    << u"invalid_target"_s << message << none << none;
    QTest::addRow("to is empty") << u"{\"type\":\"message\",\"to\":\" \",\"text\":\"hi\"}"_s
                                 << u"invalid_target"_s << message << none << none;
    QTest::addRow("upper-case room") << u"{\"type\":\"message\",\"room\":\"Dev\",\"text\":\"hi\"}"_s
                                     << u"invalid_room"_s << message << none << none;
    QTest::addRow("room of 33") << u"{\"type\":\"join_room\",\"room\":\"%1\"}"_s.arg(
        QString(33, u'a')) << u"invalid_room"_s
                                << join << none << none;
    QTest::addRow("room of 32") << u"{\"type\":\"join_room\",\"room\":\"%1\"}"_s.arg(
        QString(32, u'a')) << none
                                << join << QString(32, u'a') << none;
    QTest::addRow("empty room") << u"{\"type\":\"join_room\",\"room\":\"\"}"_s << u"invalid_room"_s
                                << join << none << none;
    QTest::addRow("room with a space") << u"{\"type\":\"join_room\",\"room\":\"a b\"}"_s
                                       << u"invalid_room"_s << join << none << none;
    QTest::addRow("join without room")
        << u"{\"type\":\"join_room\"}"_s << u"invalid_room"_s << join << none << none;
    QTest::addRow("leave") << u"{\"type\":\"leave_room\",\"room\":\"dev\"}"_s << none << leave
                           << u"dev"_s << none;
    QTest::addRow("topic") << u"{\"type\":\"topic\",\"room\":\"dev\",\"topic\":\"Builds\"}"_s
                           << none << topic << u"dev"_s << none;
    QTest::addRow("topic of 300")
        << u"{\"type\":\"topic\",\"room\":\"dev\",\"topic\":\"%1\"}"_s.arg(QString(300, u't'))
        << none << topic << u"dev"_s << none;
    QTest::addRow("topic of 301")
        << u"{\"type\":\"topic\",\"room\":\"dev\",\"topic\":\"%1\"}"_s.arg(QString(301, u't'))
        << u"topic_too_long"_s << topic << none << none;
    QTest::addRow("topic not a string") << u"{\"type\":\"topic\",\"room\":\"dev\",\"topic\":1}"_s
                                        << u"invalid_text"_s << topic << none << none;
    QTest::addRow("topic with a newline")
        << u"{\"type\":\"topic\",\"room\":\"dev\",\"topic\":\"a\\nb\"}"_s << u"invalid_text"_s
        << topic << none << none;
    QTest::addRow("typing in general")
        << u"{\"type\":\"typing\"}"_s << none << typing << u"general"_s << none;
    QTest::addRow("typing to bob")
        << u"{\"type\":\"typing\",\"to\":\"bob\"}"_s << none << typing << none << u"bob"_s;
    QTest::addRow("typing to both") << u"{\"type\":\"typing\",\"to\":\"bob\",\"room\":\"dev\"}"_s
                                    << u"invalid_target"_s << typing << none << none;
}

void tst_Protocol::parseConversationFrames()
{
    QFETCH(QString, frame);
    QFETCH(QString, errorCode);
    QFETCH(int, request);
    QFETCH(QString, room);
    QFETCH(QString, to);
    const Protocol::ParsedFrame parsed
        = Protocol::parseClientFrame(frame, UsernameRules::comparisonKey(u"Alice"_s), MaxText);
    QCOMPARE(parsed.errorCode, errorCode);
    if (!parsed.isValid()) {
        QVERIFY(!parsed.errorMessage.isEmpty());
        return;
    }
    QCOMPARE(int(parsed.request), request);
    QCOMPARE(parsed.room, room);
    QCOMPARE(parsed.to, to);
}

void tst_Protocol::conversationEventsRoundTrip()
{
    ChatEvent inRoom
        = makeEvent(ChatEvent::Kind::Message, 5, u"alice"_s, u"hi"_s, sampleTimestamp());
    inRoom.room = u"dev"_s;
    ChatEvent back;
    QVERIFY(Protocol::eventFromJson(parse(Protocol::eventFrame(inRoom)), &back));
    QCOMPARE(back.room, u"dev"_s);
    QVERIFY(back.to.isEmpty());

    ChatEvent direct = inRoom;
    direct.room.clear();
    direct.to = u"Bob"_s;
    const QJsonObject directJson = parse(Protocol::eventFrame(direct));
    QVERIFY(!directJson.contains("room"_L1));
    QCOMPARE(directJson.value("to"_L1).toString(), u"Bob"_s);
    QVERIFY(Protocol::eventFromJson(directJson, &back));
    QCOMPARE(back.to, u"Bob"_s);
    QVERIFY(back.room.isEmpty());

    ChatEvent topic = inRoom;
    topic.kind = ChatEvent::Kind::Topic;
    topic.text = u"Builds and releases"_s;
    const QJsonObject topicJson = parse(Protocol::eventFrame(topic));
    QCOMPARE(topicJson.value("type"_L1).toString(), u"topic"_s);
    QCOMPARE(topicJson.value("topic"_L1).toString(), topic.text);
    QVERIFY(Protocol::eventFromJson(topicJson, &back));
    QCOMPARE(back.kind, ChatEvent::Kind::Topic);
    QCOMPARE(back.text, topic.text);

    // A server before rooms sends no room: the event is general's.
    QJsonObject old = parse(Protocol::eventFrame(inRoom));
    old.remove("room"_L1);
    QVERIFY(Protocol::eventFromJson(old, &back));
    QCOMPARE(back.room, u"general"_s);
}

void tst_Protocol::errorsCarryAReadableMessage()
{
    const QString key = UsernameRules::comparisonKey(u"Alice"_s);
    const Protocol::ParsedFrame tooLong = Protocol::parseClientFrame(
        json({{"type"_L1, "message"_L1}, {"text"_L1, repeated(u"a"_s, 11)}}), key, 10);
    QCOMPARE(tooLong.errorCode, u"text_too_long"_s);
    QVERIFY2(tooLong.errorMessage.contains(u"10"_s), qPrintable(tooLong.errorMessage));

    // maxTextLength is honoured, not a hard-coded 5,000.
    const Protocol::ParsedFrame atLimit = Protocol::parseClientFrame(
        json({{"type"_L1, "message"_L1}, {"text"_L1, repeated(u"a"_s, 10)}}), key, 10);
    QVERIFY(atLimit.isValid());

    // The unknown type is quoted, but never more than a bounded prefix of it.
    const QString hugeType = repeated(u"t"_s, 10000);
    const Protocol::ParsedFrame unknown
        = Protocol::parseClientFrame(json({{"type"_L1, hugeType}}), key, MaxText);
    QCOMPARE(unknown.errorCode, u"unknown_type"_s);
    QVERIFY(unknown.errorMessage.size() < 200);

    // The quote never cuts a surrogate pair in half, nor repeats an unpaired surrogate.
    const QString astralType = u"t"_s + repeated(u"\U0001F600"_s, 100);
    const Protocol::ParsedFrame astral
        = Protocol::parseClientFrame(json({{"type"_L1, astralType}}), key, MaxText);
    QCOMPARE(astral.errorCode, u"unknown_type"_s);
    QVERIFY(astral.errorMessage.isValidUtf16());
    const Protocol::ParsedFrame lone
        = Protocol::parseClientFrame(u"{\"type\":\"a\\ud800b\",\"text\":\"hi\"}"_s, key, MaxText);
    QCOMPARE(lone.errorCode, u"unknown_type"_s);
    QVERIFY(lone.errorMessage.isValidUtf16());
}

// ---------------------------------------------------------------------------------------------
// Frames built by the server

void tst_Protocol::timestampFormat_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("text");
    QTest::addRow("sample") << sampleTimestamp() << u"2026-11-24T19:47:52.123Z"_s;
    QTest::addRow("epoch") << qint64(0) << u"1970-01-01T00:00:00.000Z"_s;
    QTest::addRow("whole second keeps .000")
        << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59), QTimeZone::utc()).toMSecsSinceEpoch()
        << u"2024-02-29T23:59:59.000Z"_s;
    QTest::addRow("single-digit ms padded")
        << QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 7), QTimeZone::utc()).toMSecsSinceEpoch()
        << u"2025-01-02T03:04:05.007Z"_s;
}

void tst_Protocol::timestampFormat()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, text);
    const QString formatted = Protocol::timestampText(msecs);
    QCOMPARE(formatted, text);
    QVERIFY(timestampPattern().match(formatted).hasMatch());
}

// timestampText() caches the formatted second: every millisecond, second, day and year boundary
// must still come out as QDateTime formats it, in any order of calls.
void tst_Protocol::timestampMatchesQDateTime()
{
    const auto reference = [](qint64 msecs) {
        return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
    };
    const qint64 newYear
        = QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    for (qint64 msecs = newYear - 2500; msecs < newYear + 2500; ++msecs)
        QCOMPARE(Protocol::timestampText(msecs), reference(msecs));
    QRandomGenerator random(42);
    for (int i = 0; i < 2000; ++i) {
        const qint64 msecs = qint64(random.bounded(Q_INT64_C(253402300799999)));
        QCOMPARE(Protocol::timestampText(msecs), reference(msecs));
        QCOMPARE(Protocol::timestampText(msecs + 1), reference(msecs + 1));
    }
    // Outside 1970..9999 it is QDateTime's own formatting.
    QCOMPARE(Protocol::timestampText(-1), reference(-1));
    QCOMPARE(Protocol::timestampText(Q_INT64_C(253402300800000)),
             reference(Q_INT64_C(253402300800000)));
}

void tst_Protocol::frameAndAckMatchEventFrame()
{
    const ChatEvent message = makeEvent(ChatEvent::Kind::Message, 7, u"alice"_s,
                                        u"<b>hi</b> \u202e"_s, sampleTimestamp());
    const auto [frame, ack] = Protocol::eventFrameAndAck(message, u"nonce-1"_s);
    QCOMPARE(parse(frame), parse(Protocol::eventFrame(message)));
    QCOMPARE(parse(ack), parse(Protocol::eventFrame(message, u"nonce-1"_s)));
    QCOMPARE(parse(ack).value("cid"_L1).toString(), u"nonce-1"_s);
    const auto [plain, plainAck] = Protocol::eventFrameAndAck(message, QString());
    QCOMPARE(plainAck, plain);
    QVERIFY(!parse(plainAck).contains("cid"_L1));
}

void tst_Protocol::messageFrameWithoutCid()
{
    const ChatEvent message = makeEvent(ChatEvent::Kind::Message, 42, u"alice"_s,
                                        u"hi \"there\"\n"_s, sampleTimestamp());
    const QByteArray frame = Protocol::eventFrame(message);
    QVERIFY2(!frame.contains('\n'), "frames are compact JSON on one line");
    const QJsonObject object = parse(frame);
    QCOMPARE(sortedKeys(object),
             QStringList({u"id"_s, u"room"_s, u"text"_s, u"ts"_s, u"type"_s, u"username"_s}));
    QCOMPARE(object.value("room"_L1).toString(), u"general"_s);
    QCOMPARE(object.value("type"_L1).toString(), u"message"_s);
    QVERIFY(object.value("id"_L1).isDouble());
    QCOMPARE(object.value("id"_L1).toInteger(), 42);
    QCOMPARE(object.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(object.value("text"_L1).toString(), u"hi \"there\"\n"_s);
    QCOMPARE(object.value("ts"_L1).toString(), u"2026-11-24T19:47:52.123Z"_s);
    QCOMPARE(Protocol::eventToJson(message), object);
}

void tst_Protocol::messageFrameWithCidAndDuplicate()
{
    const ChatEvent message
        = makeEvent(ChatEvent::Kind::Message, 7, u"bob"_s, u"again"_s, sampleTimestamp());

    const QJsonObject acknowledged = parse(Protocol::eventFrame(message, u"n-1"_s));
    QCOMPARE(acknowledged.value("cid"_L1).toString(), u"n-1"_s);
    QVERIFY(!acknowledged.contains("duplicate"_L1));
    QCOMPARE(acknowledged.value("id"_L1).toInteger(), 7);
    QCOMPARE(acknowledged.value("type"_L1).toString(), u"message"_s);

    const QJsonObject duplicate = parse(Protocol::eventFrame(message, u"n-1"_s, true));
    QCOMPARE(duplicate.value("cid"_L1).toString(), u"n-1"_s);
    QCOMPARE(duplicate.value("duplicate"_L1), QJsonValue(true));
    QCOMPARE(duplicate.value("id"_L1).toInteger(), 7);
    QCOMPARE(duplicate.value("text"_L1).toString(), u"again"_s);
    QCOMPARE(duplicate.value("ts"_L1).toString(), u"2026-11-24T19:47:52.123Z"_s);

    // Large ids survive the JSON round trip exactly (2^53 - 1 is the safe limit).
    const qint64 bigId = (qint64(1) << 53) - 1;
    ChatEvent big = message;
    big.id = bigId;
    QCOMPARE(parse(Protocol::eventFrame(big)).value("id"_L1).toInteger(), bigId);
}

void tst_Protocol::joinLeaveAndAnnouncementFrames()
{
    const qint64 ts = sampleTimestamp();
    const QJsonObject join = parse(
        Protocol::eventFrame(makeEvent(ChatEvent::Kind::Join, 1, u"alice"_s, QString(), ts)));
    QCOMPARE(sortedKeys(join),
             QStringList({u"id"_s, u"room"_s, u"ts"_s, u"type"_s, u"username"_s}));
    QCOMPARE(join.value("type"_L1).toString(), u"join"_s);
    QCOMPARE(join.value("id"_L1).toInteger(), 1);
    QCOMPARE(join.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(join.value("ts"_L1).toString(), u"2026-11-24T19:47:52.123Z"_s);
    ChatEvent operatorJoin = makeEvent(ChatEvent::Kind::Join, 1, u"alice"_s, QString(), ts);
    operatorJoin.fromOperator = true; // the host's own client
    QCOMPARE(parse(Protocol::eventFrame(operatorJoin)).value("operator"_L1), QJsonValue(true));

    const QJsonObject leave = parse(
        Protocol::eventFrame(makeEvent(ChatEvent::Kind::Leave, 2, u"alice"_s, QString(), ts)));
    QCOMPARE(sortedKeys(leave),
             QStringList({u"id"_s, u"room"_s, u"ts"_s, u"type"_s, u"username"_s}));
    QCOMPARE(leave.value("type"_L1).toString(), u"leave"_s);
    QCOMPARE(leave.value("id"_L1).toInteger(), 2);
    QVERIFY(!leave.contains("kicked"_L1));

    const QJsonObject announcement = parse(Protocol::eventFrame(
        makeEvent(ChatEvent::Kind::Announcement, 3, u"Operator"_s, u"Pizza is here"_s, ts)));
    QCOMPARE(sortedKeys(announcement),
             QStringList({u"id"_s, u"room"_s, u"text"_s, u"ts"_s, u"type"_s, u"username"_s}));
    QCOMPARE(announcement.value("type"_L1).toString(), u"announcement"_s);
    QCOMPARE(announcement.value("username"_L1).toString(), u"Operator"_s);
    QCOMPARE(announcement.value("text"_L1).toString(), u"Pizza is here"_s);
}

void tst_Protocol::kickBecomesLeaveWithReason()
{
    const qint64 ts = sampleTimestamp();
    const QJsonObject kick = parse(
        Protocol::eventFrame(makeEvent(ChatEvent::Kind::Kick, 9, u"mallory"_s, u"spam"_s, ts)));
    QCOMPARE(sortedKeys(kick), QStringList({u"id"_s, u"kicked"_s, u"reason"_s, u"room"_s, u"ts"_s,
                                            u"type"_s, u"username"_s}));
    QCOMPARE(kick.value("type"_L1).toString(), u"leave"_s);
    QCOMPARE(kick.value("kicked"_L1), QJsonValue(true));
    QCOMPARE(kick.value("reason"_L1).toString(), u"spam"_s);
    QCOMPARE(kick.value("username"_L1).toString(), u"mallory"_s);
    QCOMPARE(kick.value("id"_L1).toInteger(), 9);

    // An empty reason is still a string member.
    const QJsonObject silent = parse(
        Protocol::eventFrame(makeEvent(ChatEvent::Kind::Kick, 10, u"mallory"_s, QString(), ts)));
    QCOMPARE(silent.value("kicked"_L1), QJsonValue(true));
    QVERIFY(silent.value("reason"_L1).isString());
    QCOMPARE(silent.value("reason"_L1).toString(), QString());
}

void tst_Protocol::welcomeFrameFields()
{
    const QJsonObject welcome
        = parse(Protocol::welcomeFrame(u"alice"_s, {u"bob"_s, u"alice"_s}, 1234, 5000, 65536));
    QCOMPARE(sortedKeys(welcome),
             QStringList({u"lastId"_s, u"limits"_s, u"operators"_s, u"protocol"_s, u"registered"_s,
                          u"server"_s, u"type"_s, u"username"_s, u"users"_s}));
    QCOMPARE(welcome.value("registered"_L1), QJsonValue(false));
    const QJsonObject withSession = parse(Protocol::welcomeFrame(u"alice"_s, {u"alice"_s}, 1, 5000,
                                                                 65536, {}, u"c2Vzc2lvbg"_s, true));
    QCOMPARE(withSession.value("session"_L1).toString(), u"c2Vzc2lvbg"_s);
    QCOMPARE(withSession.value("registered"_L1), QJsonValue(true));
    QCOMPARE(welcome.value("operators"_L1), QJsonValue(QJsonArray())); // none online
    QCOMPARE(parse(Protocol::welcomeFrame(u"bob"_s, {u"bob"_s, u"alice"_s}, 1, 5000, 65536,
                                          {u"alice"_s}))
                 .value("operators"_L1),
             QJsonValue(QJsonArray {u"alice"_s}));
    QCOMPARE(welcome.value("type"_L1).toString(), u"welcome"_s);
    QCOMPARE(welcome.value("protocol"_L1).toInt(), 2);
    QCOMPARE(welcome.value("protocol"_L1).toInt(), Protocol::Version);
    QCOMPARE(welcome.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(welcome.value("users"_L1).toArray(), QJsonArray({u"bob"_s, u"alice"_s}));
    QCOMPARE(welcome.value("lastId"_L1).toInteger(), 1234);
    const QJsonObject server = welcome.value("server"_L1).toObject();
    QCOMPARE(server.value("name"_L1).toString(), u"LanChat"_s);
    QCOMPARE(server.value("version"_L1).toString(), QStringLiteral(LANCHAT_VERSION));
    const QJsonObject limits = welcome.value("limits"_L1).toObject();
    QCOMPARE(limits.value("maxTextLength"_L1).toInt(), 5000);
    QCOMPARE(limits.value("maxFrameBytes"_L1).toInt(), 65536);

    const QJsonObject empty = parse(Protocol::welcomeFrame(u"first"_s, {u"first"_s}, 0, 10, 20));
    QCOMPARE(empty.value("lastId"_L1), QJsonValue(0));
    QCOMPARE(empty.value("users"_L1).toArray(), QJsonArray({u"first"_s}));
}

void tst_Protocol::jsonStringEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("plain") << u"alice"_s;
    QTest::addRow("quotes and backslash") << u"a\"b\\c"_s;
    QTest::addRow("markup") << u"</script><img src=x>"_s;
    QTest::addRow("non-ASCII") << u"Zoë 李 🙂"_s;
    QTest::addRow("controls") << u"a\u0001\n\t\u007f"_s;
    QTest::addRow("bidi") << u"\u202eevil"_s;
    QTest::addRow("empty") << QString();
}

// ConnectionManager splices these into the welcome's users array: each must parse back to itself.
void tst_Protocol::jsonStringEscapes()
{
    QFETCH(QString, text);
    const QByteArray literal = Protocol::jsonString(text);
    QVERIFY(literal.startsWith('"') && literal.endsWith('"'));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson('[' + literal + ']', &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.array().at(0).toString(), text);

    const QByteArray users = '[' + Protocol::jsonString(u"bob"_s) + ',' + literal + ']';
    const QJsonObject welcome = parse(Protocol::welcomeFrame(u"bob"_s, users, 9, 5000, 65536));
    QCOMPARE(welcome.value("users"_L1).toArray(), QJsonArray({u"bob"_s, text}));
    QCOMPARE(welcome, parse(Protocol::welcomeFrame(u"bob"_s, {u"bob"_s, text}, 9, 5000, 65536)));
}

void tst_Protocol::errorAndKickedFrames()
{
    const QJsonObject withCid = parse(Protocol::errorFrame(u"empty_text"_s, u"Empty."_s, u"c7"_s));
    QCOMPARE(sortedKeys(withCid), QStringList({u"cid"_s, u"code"_s, u"message"_s, u"type"_s}));
    QCOMPARE(withCid.value("type"_L1).toString(), u"error"_s);
    QCOMPARE(withCid.value("code"_L1).toString(), u"empty_text"_s);
    QCOMPARE(withCid.value("message"_L1).toString(), u"Empty."_s);
    QCOMPARE(withCid.value("cid"_L1).toString(), u"c7"_s);

    const QJsonObject withoutCid = parse(Protocol::errorFrame(u"invalid_json"_s, u"Bad."_s));
    QCOMPARE(sortedKeys(withoutCid), QStringList({u"code"_s, u"message"_s, u"type"_s}));

    const QJsonObject kicked = parse(Protocol::kickedFrame(u"be nice"_s));
    QCOMPARE(sortedKeys(kicked), QStringList({u"reason"_s, u"type"_s}));
    QCOMPARE(kicked.value("type"_L1).toString(), u"kicked"_s);
    QCOMPARE(kicked.value("reason"_L1).toString(), u"be nice"_s);
    QVERIFY(parse(Protocol::kickedFrame(QString())).value("reason"_L1).isString());
}

// `banned` and `muted` carry `until` and `reason` beside the English message; both ends read them
// through the same functions.
void tst_Protocol::sanctionFrames()
{
    const qint64 until
        = QDateTime(QDate(2026, 12, 7), QTime(18, 30, 0, 123), Qt::UTC).toMSecsSinceEpoch();
    const QJsonObject muted = parse(Protocol::errorFrame(
        u"muted"_s, u"English."_s, Protocol::Sanction {until, u"calm down"_s}, u"c1"_s));
    QCOMPARE(sortedKeys(muted),
             QStringList({u"cid"_s, u"code"_s, u"message"_s, u"reason"_s, u"type"_s, u"until"_s}));
    QVERIFY(muted.value("until"_L1).isDouble());
    QCOMPARE(muted.value("until"_L1).toInteger(), until);
    QCOMPARE(muted.value("reason"_L1).toString(), u"calm down"_s);
    QCOMPARE(muted.value("message"_L1).toString(), u"English."_s);
    const auto read = Protocol::sanctionFromJson(muted);
    QVERIFY(read);
    QCOMPARE(read->untilMs, until);
    QCOMPARE(read->reason, u"calm down"_s);

    // For good: no `until`; an empty reason is still there.
    const QJsonObject banned
        = parse(Protocol::errorFrame(u"banned"_s, u"Banned."_s, Protocol::Sanction {0, {}}));
    QCOMPARE(sortedKeys(banned), QStringList({u"code"_s, u"message"_s, u"reason"_s, u"type"_s}));
    QVERIFY(banned.value("reason"_L1).isString());
    const auto permanent = Protocol::sanctionFromJson(banned);
    QVERIFY(permanent && permanent->isPermanent() && permanent->reason.isEmpty());

    // An older server's frame, or members that cannot be read: none.
    QVERIFY(!Protocol::sanctionFromJson(parse(Protocol::errorFrame(u"banned"_s, u"B."_s))));
    QJsonObject broken = muted;
    broken.insert("until"_L1, u"tomorrow"_s);
    QVERIFY(!Protocol::sanctionFromJson(broken));
    broken.insert("until"_L1, -5);
    QVERIFY(!Protocol::sanctionFromJson(broken));
    broken.insert("until"_L1, 1.5);
    QVERIFY(!Protocol::sanctionFromJson(broken));
    broken = muted;
    broken.insert("reason"_L1, 7);
    QVERIFY(!Protocol::sanctionFromJson(broken));

    QCOMPARE(parse(Protocol::unmutedFrame()), QJsonObject({{"type"_L1, "unmuted"_L1}}));
}

// ---------------------------------------------------------------------------------------------
// Usernames

void tst_Protocol::usernameCheck_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("username"); // the trimmed display form when valid

    const QString emoji = u"😀"_s; // U+1F600: one code point, two UTF-16 units
    const QString invalid;

    QTest::addRow("plain") << u"alice"_s << true << u"alice"_s;
    QTest::addRow("mixed case kept") << u"Alice"_s << true << u"Alice"_s;
    QTest::addRow("inner space") << u"Alice Smith"_s << true << u"Alice Smith"_s;
    QTest::addRow("trimmed") << u"  alice \t\n"_s << true << u"alice"_s;
    QTest::addRow("accented") << u"Zoë"_s << true << u"Zoë"_s;
    QTest::addRow("cjk") << u"名前"_s << true << u"名前"_s;
    QTest::addRow("one char") << u"a"_s << true << u"a"_s;
    QTest::addRow("32 ascii") << repeated(u"a"_s, 32) << true << repeated(u"a"_s, 32);
    QTest::addRow("33 ascii") << repeated(u"a"_s, 33) << false << invalid;
    QTest::addRow("32 after trimming")
        << u"   "_s + repeated(u"b"_s, 32) + u"  "_s << true << repeated(u"b"_s, 32);
    QTest::addRow("32 astral emoji") << repeated(emoji, 32) << true << repeated(emoji, 32);
    QTest::addRow("33 astral emoji") << repeated(emoji, 33) << false << invalid;
    QTest::addRow("31 letters + emoji")
        << repeated(u"x"_s, 31) + emoji << true << repeated(u"x"_s, 31) + emoji;
    QTest::addRow("32 letters + emoji") << repeated(u"x"_s, 32) + emoji << false << invalid;

    QTest::addRow("empty") << QString() << false << invalid;
    QTest::addRow("spaces only") << u"    "_s << false << invalid;
    QTest::addRow("white space only") << u"\t\n \r"_s << false << invalid;

    QTest::addRow("bidi U+202E") << u"abc\u202Etxt.exe"_s << false << invalid;
    QTest::addRow("bidi U+202A") << u"\u202Aabc"_s << false << invalid;
    QTest::addRow("bidi U+2066") << u"ab\u2066cd"_s << false << invalid;
    QTest::addRow("bidi U+2069") << u"ab\u2069"_s << false << invalid;
    QTest::addRow("zero width space U+200B") << u"al\u200Bice"_s << false << invalid;
    QTest::addRow("ZWNJ U+200C") << u"al\u200Cice"_s << false << invalid;
    QTest::addRow("ZWJ U+200D") << u"al\u200Dice"_s << false << invalid;
    QTest::addRow("word joiner U+2060") << u"al\u2060ice"_s << false << invalid;
    QTest::addRow("BOM U+FEFF") << u"\uFEFFalice"_s << false << invalid;
    QTest::addRow("soft hyphen U+00AD") << u"al\u00ADice"_s << false << invalid;
    QTest::addRow("control U+0001") << u"al\u0001ice"_s << false << invalid;
    QTest::addRow("control NUL") << u"alice\u0000"_s + u"x"_s << false << invalid;
    QTest::addRow("control ESC") << u"\u001b[1malice"_s << false << invalid;
    QTest::addRow("control DEL") << u"al\u007fice"_s << false << invalid;
    QTest::addRow("inner tab") << u"al\tice"_s << false << invalid;
    QTest::addRow("inner newline") << u"al\nice"_s << false << invalid;
    QTest::addRow("C1 U+0085 inside") << u"al\u0085ice"_s << false << invalid;
    QTest::addRow("lone high surrogate") << withUnit(u"al"_s, 0xD83D, u"ice"_s) << false << invalid;
    QTest::addRow("lone low surrogate") << withUnit(u"al"_s, 0xDE00, u"ice"_s) << false << invalid;
    QTest::addRow("high surrogate at end")
        << withUnit(u"alice"_s, 0xD83D, QString()) << false << invalid;
    QTest::addRow("swapped surrogates")
        << withUnit(withUnit(u"a"_s, 0xDE00, QString()), 0xD83D, u"b"_s) << false << invalid;
    QTest::addRow("unassigned U+0378") << u"al\u0378ice"_s << false << invalid;

    for (const QString &name :
         {u"admin"_s, u"Admin"_s, u"ADMIN"_s, u"ａｄｍｉｎ"_s, u" admin "_s, u"operator"_s,
          u"Operator"_s, u"server"_s, u"SERVER"_s, u"system"_s, u"System"_s}) {
        QTest::addRow("reserved '%s'", qPrintable(name)) << name << false << invalid;
    }
    QTest::addRow("reserved name as a prefix") << u"administrator"_s << true << u"administrator"_s;
    QTest::addRow("reserved name with a suffix") << u"admin2"_s << true << u"admin2"_s;

    // Look-alikes of the reserved names (confusables skeletons, also without combining marks).
    for (const QString &name :
         {u"\u0430dmin"_s, u"syst\u0435m"_s, u"\u0455erver"_s, u"ser\u03BDer"_s, u"ADM\u0130N"_s,
          u"\u041Eperator"_s, u"\u0391D\u039C\u0399\u039D"_s, u"adrnin"_s, u"0perator"_s,
          u"\u00E4dmin"_s, u"s\u0301erver"_s, u"SYSTEM\u0327"_s, u"\u0405\u0415RV\u0415R"_s}) {
        QTest::addRow("reserved look-alike %s", qPrintable(name)) << name << false << invalid;
    }
    QTest::addRow("not a reserved look-alike") << u"adnim"_s << true << u"adnim"_s;
    QTest::addRow("server with a suffix") << u"server1"_s << true << u"server1"_s;

    // Names that show as nothing: default-ignorable code points, blank symbols, marks alone.
    for (const char32_t blank : {U'\u3164', U'\u2800', U'\u115F', U'\u1160', U'\uFFA0',
                                 U'\U0001D159', U'\u034F', U'\u17B4', U'\u17B5', U'\u180E',
                                 U'\uFE0F', U'\uFE00', U'\U000E0100', U'\U000E0041', U'\u2064'}) {
        const QString alone = QString::fromUcs4(&blank, 1);
        QTest::addRow("blank U+%04X alone", uint(blank)) << alone << false << invalid;
        QTest::addRow("blank U+%04X inside", uint(blank))
            << u"bo"_s + alone + u"b"_s << false << invalid;
    }
    QTest::addRow("combining marks only") << u"\u0301\u0308"_s << false << invalid;
    QTest::addRow("enclosing mark only") << u"\u20DD"_s << false << invalid;
    QTest::addRow("spacing mark only") << u"\u0903"_s << false << invalid;
    QTest::addRow("starts with a combining mark") << u"\u0308alice"_s << false << invalid;
    QTest::addRow("marks after spaces") << u"  \u0301 "_s << false << invalid;
    QTest::addRow("ideographic space only") << u"\u3000\u3000"_s << false << invalid;
    QTest::addRow("replacement character") << u"bob\uFFFD"_s << false << invalid;
    QTest::addRow("combining mark after a letter") << u"Zoe\u0308"_s << true << u"Zoe\u0308"_s;
    QTest::addRow("devanagari with vowel signs")
        << u"\u0928\u093F\u0916\u093F\u0932"_s << true << u"\u0928\u093F\u0916\u093F\u0932"_s;
    QTest::addRow("hangul syllables") << u"\uD55C\uAE00"_s << true << u"\uD55C\uAE00"_s;
    QTest::addRow("punctuation only") << u"..."_s << true << u"..."_s;
    QTest::addRow("symbol") << u"\u2603"_s << true << u"\u2603"_s;

    // Markup characters, also in their compatibility forms.
    for (const QString &name : {u"<b>bob</b>"_s, u"a<b"_s, u"a>b"_s, u"Tom & Jerry"_s, u"&amp;"_s,
                                u"\uFF1Cb\uFF1E"_s, u"\uFE64x"_s, u"x\uFF06y"_s}) {
        QTest::addRow("markup %s", qPrintable(name)) << name << false << invalid;
    }
}

void tst_Protocol::usernameCheck()
{
    QFETCH(QString, raw);
    QFETCH(bool, valid);
    QFETCH(QString, username);

    const UsernameRules::Verdict verdict = UsernameRules::check(raw);
    QCOMPARE(verdict.isValid(), valid);
    if (valid) {
        QVERIFY(verdict.problem.isEmpty());
        QCOMPARE(verdict.username, username);
        QCOMPARE(verdict.key, UsernameRules::comparisonKey(username));
    } else {
        QVERIFY2(!verdict.problem.isEmpty(), "a refusal needs a human-readable reason");
        QVERIFY(verdict.username.isEmpty());
    }
}

void tst_Protocol::usernameRefusalsSayWhy_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("says"); // part of the reason
    QTest::addRow("reserved look-alike") << u"\u0430dmin"_s << u"reserved"_s;
    QTest::addRow("markup") << u"<b>"_s << u"<, > or &"_s;
    QTest::addRow("ampersand") << u"a&b"_s << u"<, > or &"_s;
    QTest::addRow("filler") << u"\u3164"_s << u"invisible"_s;
    QTest::addRow("braille blank") << u"\u2800"_s << u"visible"_s;
    QTest::addRow("marks only") << u"\u0301"_s << u"visible"_s;
    QTest::addRow("leading mark") << u"\u0301x"_s << u"combining"_s;
    QTest::addRow("replacement character") << u"x\uFFFD"_s << u"invalid"_s;
}

void tst_Protocol::usernameRefusalsSayWhy()
{
    QFETCH(QString, raw);
    QFETCH(QString, says);
    const UsernameRules::Verdict verdict = UsernameRules::check(raw);
    QVERIFY(!verdict.isValid());
    QVERIFY2(verdict.problem.contains(says), qPrintable(verdict.problem));
}

void tst_Protocol::usernameQueryValue_data()
{
    QTest::addColumn<QString>("encoded"); // as QUrl::FullyEncoded gives the query value
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("username");
    const QString invalid;
    QTest::addRow("ascii") << u"alice"_s << true << u"alice"_s;
    QTest::addRow("encoded space") << u"Alice%20Smith"_s << true << u"Alice Smith"_s;
    QTest::addRow("plus stays a plus") << u"a+b"_s << true << u"a+b"_s;
    QTest::addRow("two-byte") << u"Zo%C3%AB"_s << true << u"Zo\u00EB"_s;
    QTest::addRow("four-byte") << u"%F0%9F%98%80"_s << true << u"\U0001F600"_s;
    QTest::addRow("lower-case hex") << u"zo%c3%ab"_s << true << u"zo\u00EB"_s;
    QTest::addRow("trimmed") << u"%20bob%09"_s << true << u"bob"_s;
    QTest::addRow("FF") << u"ab%FF"_s << false << invalid;
    QTest::addRow("FE") << u"%FEab"_s << false << invalid;
    QTest::addRow("lone continuation") << u"a%80"_s << false << invalid;
    QTest::addRow("truncated") << u"a%E2%82"_s << false << invalid;
    QTest::addRow("truncated before ascii") << u"a%E2%82b"_s << false << invalid;
    QTest::addRow("overlong slash") << u"%C0%AF"_s << false << invalid;
    QTest::addRow("overlong NUL") << u"a%C0%80"_s << false << invalid;
    QTest::addRow("overlong three-byte") << u"%E0%80%AF"_s << false << invalid;
    QTest::addRow("encoded surrogate") << u"%ED%A0%80"_s << false << invalid;
    QTest::addRow("beyond U+10FFFF") << u"%F4%90%80%80"_s << false << invalid;
    QTest::addRow("five-byte form") << u"%F8%88%80%80%80"_s << false << invalid;
    QTest::addRow("byte order mark") << u"%EF%BB%BFbob"_s << false << invalid;
    QTest::addRow("encoded replacement character") << u"ab%EF%BF%BD"_s << false << invalid;
    QTest::addRow("encoded NUL") << u"a%00b"_s << false << invalid;
    QTest::addRow("encoded markup") << u"%3Cb%3E"_s << false << invalid;
    QTest::addRow("empty") << QString() << false << invalid;
}

void tst_Protocol::usernameQueryValue()
{
    QFETCH(QString, encoded);
    QFETCH(bool, valid);
    QFETCH(QString, username);
    const UsernameRules::Verdict verdict = UsernameRules::checkQueryValue(encoded);
    QCOMPARE(verdict.isValid(), valid);
    QCOMPARE(verdict.username, username);
    if (!valid)
        QVERIFY(!verdict.problem.isEmpty());
}

void tst_Protocol::comparisonKeyFoldsCaseAndWidth()
{
    const QString key = UsernameRules::comparisonKey(u"Alice"_s);
    QCOMPARE(key, u"alice"_s);
    QCOMPARE(UsernameRules::comparisonKey(u"ALICE"_s), key);
    QCOMPARE(UsernameRules::comparisonKey(u"alice"_s), key);
    QCOMPARE(UsernameRules::comparisonKey(u"Ａｌｉｃｅ"_s), key); // fullwidth forms
    QCOMPARE(UsernameRules::comparisonKey(u"ＡＬＩＣＥ"_s), key);
    QVERIFY(UsernameRules::comparisonKey(u"Alicia"_s) != key);
    QVERIFY(UsernameRules::comparisonKey(u"Alice2"_s) != key);
    // NFKC: precomposed and decomposed forms are the same name.
    QCOMPARE(UsernameRules::comparisonKey(u"Zo\u00EB"_s),
             UsernameRules::comparisonKey(u"Zoe\u0308"_s));
    // check() produces the same key.
    QCOMPARE(UsernameRules::check(u"  ＡＬＩＣＥ "_s).key, key);
    QCOMPARE(UsernameRules::check(u"  ＡＬＩＣＥ "_s).username, u"ＡＬＩＣＥ"_s);
}

// ---------------------------------------------------------------------------------------------
// Access tokens

void tst_Protocol::tokenShapeAndAlphabet()
{
    static const QRegularExpression base64url(u"^[A-Za-z0-9_-]+$"_s);
    for (int i = 0; i < 20; ++i) {
        const QString token = AccessToken::generate();
        QCOMPARE(token.size(), 24); // 144 bits = 18 bytes = 24 base64 characters, no padding
        QVERIFY2(base64url.match(token).hasMatch(), qPrintable(token));
        const QByteArray bytes = QByteArray::fromBase64(
            token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(bytes.size(), 18);
    }
}

void tst_Protocol::tokensAreDistinct()
{
    QSet<QString> tokens;
    for (int i = 0; i < 100; ++i)
        tokens.insert(AccessToken::generate());
    QCOMPARE(tokens.size(), 100);
}

void tst_Protocol::tokenMatches_data()
{
    QTest::addColumn<QString>("presented");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("matches");

    const QString token = u"q8Zb3x_Kd-0aLm9PwR2tYc7V"_s;
    QTest::addRow("equal") << token << token << true;
    QTest::addRow("equal copy") << QString(token.data(), token.size()) << token << true;
    QTest::addRow("last char differs") << token.left(23) + u"W"_s << token << false;
    QTest::addRow("first char differs") << u"r"_s + token.mid(1) << token << false;
    QTest::addRow("case differs") << token.toLower() << token << false;
    QTest::addRow("prefix presented") << token.left(12) << token << false;
    QTest::addRow("longer presented") << token + u"x"_s << token << false;
    QTest::addRow("expected is a prefix") << token << token.left(12) << false;
    QTest::addRow("empty presented") << QString() << token << false;
    QTest::addRow("empty expected") << token << QString() << false;
    QTest::addRow("both empty") << QString() << QString() << false;
    QTest::addRow("null vs empty expected") << u""_s << QString() << false;
    QTest::addRow("unicode equal") << u"tökén"_s << u"tökén"_s << true;
}

void tst_Protocol::tokenMatches()
{
    QFETCH(QString, presented);
    QFETCH(QString, expected);
    QFETCH(bool, matches);
    QCOMPARE(AccessToken::matches(presented, expected), matches);
}

void tst_Protocol::tokenRedactedHidesTheToken()
{
    const QString token = AccessToken::generate();
    const QString redacted = AccessToken::redacted(token);
    QVERIFY(!redacted.contains(token));
    QVERIFY(redacted.startsWith(token.left(4)));
    QVERIFY(!redacted.contains(token.mid(4, 8)));
    QVERIFY(!AccessToken::redacted(QString()).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Protocol)
#include "tst_protocol.moc"
