// Moderation through ServerController, as the operator console uses it, against real clients:
// ban, unban, timed ban, mute, the moderation log, operator messages, history queries, export.
#include "historystore.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

#if defined(__SANITIZE_ADDRESS__)
// The sanitizer runtime's count (GCC ships no sanitizer/allocator_interface.h to declare it).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;

class tst_Moderation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void banByUsernameKicksAndRefuses();
    void banSurvivesRestart();
    void banByAddress();
    void timedBanExpires();
    void unbanLetsBackIn();
    void muteRefusesMessagesButKeepsReading();
    void muteEndsByItself();
    void muteIsToldAgainAfterAReconnect();
    void moderationIsRecordedAndKept();
    void operatorMessageIsMarked();
    void historyQueryFiltersByTextAndUser();
    void exportWritesTextAndJson();
    void restartKeepsHistory();
    void exportStreamsInBoundedMemory();
    void stopCancelsARunningExport_data();
    void stopCancelsARunningExport();

private:
    // A copy of the large history made once in initTestCase, in a new data directory.
    bool copyLargeHistory(const QString &dataDir) const;

    QTemporaryDir m_large;
};

namespace {

QJsonObject chat(const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"text"_L1, text}};
}

constexpr int LargeHistoryEvents = 60'000;
constexpr int LargeTextLength = 2000;

// Bytes the process has allocated from the heap right now (with AddressSanitizer, its
// allocator's count).
qint64 allocatedBytes()
{
#if defined(__SANITIZE_ADDRESS__)
    return qint64(__sanitizer_get_current_allocated_bytes());
#else
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd); // small chunks and mmap()ed large ones
#endif
}

// Samples allocatedBytes() in a thread of its own until destroyed: the highest value seen.
class PeakSampler
{
public:
    PeakSampler() : m_peak(allocatedBytes())
    {
        m_thread = std::thread([this] {
            while (!m_stop.load()) {
                const qint64 now = allocatedBytes();
                if (now > m_peak.load())
                    m_peak.store(now);
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
    }
    ~PeakSampler() { stop(); }
    qint64 stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
        return m_peak.load();
    }

private:
    std::atomic<qint64> m_peak;
    std::atomic<bool> m_stop {false};
    std::thread m_thread;
};

} // namespace

void tst_Moderation::initTestCase()
{
    LanChat::registerMetaTypes();
    // About 120 MB of JSON when exported: far more than an export may hold in memory.
    QVERIFY(m_large.isValid());
    QVERIFY(writeLargeHistory(m_large.filePath(u"history.sqlite"_s), LargeHistoryEvents,
                              LargeTextLength));
}

bool tst_Moderation::copyLargeHistory(const QString &dataDir) const
{
    return QDir().mkpath(dataDir)
           && QFile::copy(m_large.filePath(u"history.sqlite"_s), dataDir + u"/history.sqlite"_s);
}

void tst_Moderation::banByUsernameKicksAndRefuses()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    QSignalSpy bans(&server.controller(), &ServerController::bansChanged);
    TestClient troll, witness;
    QVERIFY(troll.join(server.wsUrl(u"troll"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));

    BanRequest request;
    request.clientId = clientIdOf(activity, u"troll"_s);
    QVERIFY(request.clientId != 0);
    request.reason = u"spam"_s;
    request.durationSeconds = 3600;
    server.controller().ban(request);

    QCOMPARE(troll.waitFor(u"kicked"_s).value("reason"_L1).toString(), u"banned: spam"_s);
    QVERIFY(troll.waitForDisconnect());
    QCOMPARE(troll.closeCode(), 4000);
    const QJsonObject leave = witness.waitFor(u"leave"_s);
    QCOMPARE(leave.value("kicked"_L1).toBool(), true);

    // The ban list reaches the GUI with the stored id.
    QTRY_VERIFY_WITH_TIMEOUT(
        !bans.isEmpty() && bans.last().first().value<QList<BanInfo>>().value(0).id > 0, 5000);
    const BanInfo ban = bans.last().first().value<QList<BanInfo>>().first();
    QCOMPARE(ban.username, u"troll"_s);
    QVERIFY(ban.address.isEmpty());
    QVERIFY(!ban.isPermanent());

    // Any case, any address: refused with the reason.
    TestClient again;
    again.open(server.wsUrl(u"TROLL"_s));
    QVERIFY(again.waitForDisconnect());
    QCOMPARE(again.closeCode(), 4003);
    const QJsonObject error = again.frames().value(0);
    QCOMPARE(error.value("code"_L1).toString(), u"banned"_s);
    QVERIFY(error.value("message"_L1).toString().contains("until"_L1));
    QVERIFY(error.value("message"_L1).toString().contains("spam"_L1));
    // The same facts for the client to word: exactly the stored end, and the reason.
    QCOMPARE(error.value("until"_L1).toInteger(), ban.untilMs);
    QCOMPARE(error.value("reason"_L1).toString(), u"spam"_s);
    QCOMPARE(again.frames(u"welcome"_s).size(), 0);
}

void tst_Moderation::banSurvivesRestart()
{
    QTemporaryDir dir;
    {
        TestServer server(u"t"_s, dir.path());
        QVERIFY(server.start());
        QSignalSpy bans(&server.controller(), &ServerController::bansChanged);
        BanRequest request;
        request.username = u"mallory"_s;
        request.reason = u"forever"_s;
        server.controller().ban(request);
        QTRY_VERIFY_WITH_TIMEOUT(
            !bans.isEmpty() && bans.last().first().value<QList<BanInfo>>().value(0).id > 0, 5000);
        QVERIFY(server.stop());
    }
    TestServer server(u"t"_s, dir.path());
    QSignalSpy started(&server.controller(), &ServerController::started);
    QVERIFY(server.start());
    const ServerStatus status = started.first().first().value<ServerStatus>();
    QCOMPARE(status.bans.size(), 1);
    QCOMPARE(status.bans.first().username, u"mallory"_s);
    QVERIFY(status.bans.first().isPermanent());
    TestClient mallory;
    mallory.open(server.wsUrl(u"Mallory"_s));
    QVERIFY(mallory.waitForDisconnect());
    QCOMPARE(mallory.closeCode(), 4003);
    const QJsonObject refusal = mallory.frames().value(0);
    QVERIFY(refusal.value("message"_L1).toString().contains("forever"_L1));
    QVERIFY(!refusal.contains("until"_L1)); // permanent
    QCOMPARE(refusal.value("reason"_L1).toString(), u"forever"_s);
}

void tst_Moderation::banByAddress()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    BanRequest request;
    request.clientId = clientIdOf(activity, u"a"_s);
    request.byUsername = false;
    request.byAddress = true;
    server.controller().ban(request);
    // Both come from 127.0.0.1: both are out, and a new name from there is refused too.
    QVERIFY(a.waitForDisconnect());
    QVERIFY(b.waitForDisconnect());
    TestClient c;
    c.open(server.wsUrl(u"c"_s));
    QVERIFY(c.waitForDisconnect());
    QCOMPARE(c.closeCode(), 4003);
}

void tst_Moderation::timedBanExpires()
{
    TestServer server;
    QVERIFY(server.start());
    BanRequest request;
    request.username = u"brief"_s;
    request.durationSeconds = 1;
    server.controller().ban(request);
    TestClient refused;
    refused.open(server.wsUrl(u"brief"_s));
    QVERIFY(refused.waitForDisconnect());
    QCOMPARE(refused.closeCode(), 4003);
    // Once the second is over, the same name gets in.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            TestClient attempt;
            return attempt.join(server.wsUrl(u"brief"_s));
        }(),
        5000);
}

void tst_Moderation::unbanLetsBackIn()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy bans(&server.controller(), &ServerController::bansChanged);
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    BanRequest request;
    request.username = u"eve"_s;
    server.controller().ban(request);
    QTRY_VERIFY_WITH_TIMEOUT(
        !bans.isEmpty() && bans.last().first().value<QList<BanInfo>>().value(0).id > 0, 5000);
    const qint64 id = bans.last().first().value<QList<BanInfo>>().first().id;
    server.controller().unban(id);
    QTRY_VERIFY_WITH_TIMEOUT(bans.last().first().value<QList<BanInfo>>().isEmpty(), 5000);
    TestClient eve;
    QVERIFY(eve.join(server.wsUrl(u"eve"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(moderationOf(activity).size() == 2, 5000);
    QCOMPARE(moderationOf(activity).last().action, ModerationRecord::Action::Unban);
}

void tst_Moderation::muteRefusesMessagesButKeepsReading()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient loud, quiet;
    QVERIFY(loud.join(server.wsUrl(u"loud"_s)));
    QVERIFY(quiet.join(server.wsUrl(u"quiet"_s)));
    const ClientId loudId = clientIdOf(activity, u"loud"_s);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    server.controller().mute(loudId, 600, u"calm down"_s);
    const QJsonObject notice = loud.waitFor(u"error"_s);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(notice.value("code"_L1).toString(), u"muted"_s);
    QVERIFY(notice.value("message"_L1).toString().contains("calm down"_L1));
    QVERIFY(!notice.contains("cid"_L1));
    const qint64 until = notice.value("until"_L1).toInteger();
    QVERIFY2(until >= before + 600'000 && until <= after + 600'000,
             qPrintable(notice.value("until"_L1).toVariant().toString()));
    QCOMPARE(notice.value("reason"_L1).toString(), u"calm down"_s);

    loud.send({{"type"_L1, "message"_L1}, {"text"_L1, "SHOUTING"_L1}, {"cid"_L1, "m1"_L1}});
    const QJsonObject refused = loud.waitFor(u"error"_s);
    QCOMPARE(refused.value("code"_L1).toString(), u"muted"_s);
    QCOMPARE(refused.value("cid"_L1).toString(), u"m1"_s);
    QCOMPARE(refused.value("until"_L1).toInteger(), until);
    QCOMPARE(refused.value("reason"_L1).toString(), u"calm down"_s);
    // Still connected and still reading.
    quiet.send(chat(u"hello loud"_s));
    QCOMPARE(loud.waitFor(u"message"_s).value("text"_L1).toString(), u"hello loud"_s);
    QCOMPARE(quiet.frames(u"message"_s).size(), 1); // its own ack only

    // The client table shows the mute.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &args : std::as_const(activity)) {
                for (const ClientInfo &info : args.first().value<ServerActivity>().updatedClients) {
                    if (info.id == loudId && info.mutedUntilMs > 0)
                        return true;
                }
            }
            return false;
        }(),
        5000);

    QCOMPARE(loud.frames(u"unmuted"_s).size(), 0);
    server.controller().unmute(loudId);
    // Told before its time: the client may send again.
    QCOMPARE(loud.waitFor(u"unmuted"_s), QJsonObject({{"type"_L1, "unmuted"_L1}}));
    QTRY_VERIFY_WITH_TIMEOUT(moderationOf(activity).size() == 2, 5000);
    loud.send(chat(u"sorry"_s));
    QCOMPARE(quiet.waitFor(u"message"_s).value("text"_L1).toString(), u"hello loud"_s);
    QCOMPARE(quiet.waitFor(u"message"_s).value("text"_L1).toString(), u"sorry"_s);
}

void tst_Moderation::muteEndsByItself()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient brief, other;
    QVERIFY(brief.join(server.wsUrl(u"brief"_s)));
    QVERIFY(other.join(server.wsUrl(u"other"_s)));
    const ClientId id = clientIdOf(activity, u"brief"_s);
    server.controller().mute(id, 1, {});
    const QJsonObject notice = brief.waitFor(u"error"_s);
    QCOMPARE(notice.value("code"_L1).toString(), u"muted"_s);
    QCOMPARE(notice.value("reason"_L1), QJsonValue(u""_s)); // none given, still there
    // The client learns the end too, once.
    QVERIFY(!brief.waitFor(u"unmuted"_s, 5000).isEmpty());
    QCOMPARE(brief.frames(u"unmuted"_s).size(), 1);
    // The operator's table learns that the mute is over without anyone doing anything.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            bool wasMuted = false;
            for (const QList<QVariant> &args : std::as_const(activity)) {
                for (const ClientInfo &info : args.first().value<ServerActivity>().updatedClients) {
                    if (info.id != id)
                        continue;
                    if (info.mutedUntilMs > 0)
                        wasMuted = true;
                    else if (wasMuted)
                        return true;
                }
            }
            return false;
        }(),
        5000);
    brief.send({{"type"_L1, "message"_L1}, {"text"_L1, "back"_L1}});
    QCOMPARE(other.waitFor(u"message"_s).value("text"_L1).toString(), u"back"_s);
}

// A mute follows the name: a client that joins again while it lasts is told right after its
// welcome, and told of the end on its new connection.
void tst_Moderation::muteIsToldAgainAfterAReconnect()
{
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    auto first = std::make_unique<TestClient>();
    QVERIFY(first->join(server.wsUrl(u"loud"_s)));
    server.controller().mute(clientIdOf(activity, u"loud"_s), 2, u"wait"_s);
    const qint64 until = first->waitFor(u"error"_s).value("until"_L1).toInteger();
    QVERIFY(until > 0);
    first->socket().close();
    QVERIFY(first->waitForDisconnect());
    first.reset();

    std::unique_ptr<TestClient> again;
    QTRY_VERIFY_WITH_TIMEOUT( // once the server has seen the first one leave
        [&] {
            again = std::make_unique<TestClient>();
            return again->join(server.wsUrl(u"loud"_s));
        }(),
        5000);
    const QJsonObject notice = again->waitFor(u"error"_s);
    QCOMPARE(notice.value("code"_L1).toString(), u"muted"_s);
    QCOMPARE(notice.value("until"_L1).toInteger(), until);
    QCOMPARE(notice.value("reason"_L1).toString(), u"wait"_s);
    QCOMPARE(again->frames().value(0).value("type"_L1).toString(), u"welcome"_s);
    QVERIFY(!again->waitFor(u"unmuted"_s, 5000).isEmpty());
    QVERIFY(QDateTime::currentMSecsSinceEpoch() >= until);
}

void tst_Moderation::moderationIsRecordedAndKept()
{
    QTemporaryDir dir;
    {
        TestServer server(u"t"_s, dir.path());
        server.config().operatorName = u"Olga"_s;
        QVERIFY(server.start());
        QSignalSpy activity(&server.controller(), &ServerController::activity);
        TestClient target;
        QVERIFY(target.join(server.wsUrl(u"target"_s)));
        server.controller().kick(clientIdOf(activity, u"target"_s), u"off topic"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!moderationOf(activity).isEmpty(), 5000);
        const ModerationRecord record = moderationOf(activity).first();
        QCOMPARE(record.action, ModerationRecord::Action::Kick);
        QCOMPARE(record.actor, u"Olga"_s);
        QCOMPARE(record.target, u"target"_s);
        QCOMPARE(record.reason, u"off topic"_s);
        QVERIFY(record.timestampMs > 0);
        QVERIFY(server.stop());
    }
    TestServer server(u"t"_s, dir.path());
    QSignalSpy started(&server.controller(), &ServerController::started);
    QVERIFY(server.start());
    const QList<ModerationRecord> kept
        = started.first().first().value<ServerStatus>().recentModeration;
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().target, u"target"_s);
    QCOMPARE(kept.first().reason, u"off topic"_s);
    QVERIFY(kept.first().id > 0);
}

void tst_Moderation::operatorMessageIsMarked()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient reader;
    QVERIFY(reader.join(server.wsUrl(u"reader"_s)));
    server.controller().postMessage(u"Olga (host)"_s, u"Welcome, everyone"_s);
    const QJsonObject message = reader.waitFor(u"message"_s);
    QCOMPARE(message.value("username"_L1).toString(), u"Olga (host)"_s);
    QCOMPARE(message.value("operator"_L1).toBool(), true);
    QVERIFY(message.value("id"_L1).toInteger() > 0);
    reader.send(chat(u"thanks"_s));
    QVERIFY(!reader.waitFor(u"message"_s).contains("operator"_L1));
}

void tst_Moderation::historyQueryFiltersByTextAndUser()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient ann, ben;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    QVERIFY(ben.join(server.wsUrl(u"Ben"_s)));
    ann.send(chat(u"the release is ready"_s));
    // Two clients' messages have no order between them until stored: Ben's comes second.
    QTRY_COMPARE_WITH_TIMEOUT(ann.frames(u"message"_s).size(), 1, 5000);
    ben.send(chat(u"great release!"_s));
    ann.send(chat(u"100% done_now"_s));
    QTRY_COMPARE_WITH_TIMEOUT(ann.frames(u"message"_s).size(), 3, 5000);

    QSignalSpy pages(&server.controller(), &ServerController::historyPage);
    HistoryQuery byText;
    byText.textContains = u"RELEASE"_s;
    server.controller().queryHistory(7, byText);
    QVERIFY(pages.wait(5000));
    QCOMPARE(pages.last().at(0).toULongLong(), 7u);
    QCOMPARE(pages.last().at(2).toBool(), true);
    HistoryPage page = pages.last().at(1).value<HistoryPage>();
    QCOMPARE(page.events.size(), 2);
    QCOMPARE(page.events.at(0).text, u"the release is ready"_s);

    HistoryQuery byUser;
    byUser.username = u"ann"_s;
    server.controller().queryHistory(8, byUser);
    QVERIFY(pages.wait(5000));
    page = pages.last().at(1).value<HistoryPage>();
    QStringList texts;
    for (const ChatEvent &event : page.events) {
        QCOMPARE(event.username, u"Ann"_s);
        texts << event.text;
    }
    QCOMPARE(texts, (QStringList {QString(), u"the release is ready"_s, u"100% done_now"_s}));

    HistoryQuery literal;
    literal.textContains = u"0% d"_s;
    server.controller().queryHistory(9, literal);
    QVERIFY(pages.wait(5000));
    QCOMPARE(pages.last().at(1).value<HistoryPage>().events.size(), 1);
}

void tst_Moderation::exportWritesTextAndJson()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient ann;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    for (int i = 0; i < 1500; ++i) // more than one export page
        ann.send(chat(u"line %1"_s.arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(ann.frames(u"message"_s).size(), 1500, 20000);

    QTemporaryDir out;
    QSignalSpy finished(&server.controller(), &ServerController::exportFinished);
    const QString textPath = out.filePath(u"history.txt"_s);
    server.controller().exportHistory(textPath, false, HistoryQuery {});
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(finished.last().at(1).toLongLong(), 1501); // the join and 1500 messages
    QFile text(textPath);
    QVERIFY(text.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = text.readAll().split('\n');
    QCOMPARE(lines.size(), 1502); // and the empty string after the last newline
    QVERIFY(lines.at(0).endsWith("Ann joined"));
    QVERIFY(lines.at(1500).endsWith("Ann: line 1499"));

    const QString jsonPath = out.filePath(u"history.json"_s);
    HistoryQuery onlyTens;
    onlyTens.textContains = u"line 10"_s;
    server.controller().exportHistory(jsonPath, true, onlyTens);
    QVERIFY(finished.wait(20000));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray events = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(events.size(), 111); // "line 10", "line 100" to "line 109", "line 1000" to "line 1099"
    QCOMPARE(events.first().toObject().value("text"_L1).toString(), u"line 10"_s);
}

void tst_Moderation::restartKeepsHistory()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient ann;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    ann.send(chat(u"before restart"_s));
    const qint64 id = ann.waitFor(u"message"_s).value("id"_L1).toInteger();
    QSignalSpy started(&server.controller(), &ServerController::started);
    QSignalSpy stopped(&server.controller(), &ServerController::stopped);
    ServerConfig config = server.config();
    server.controller().restart(config);
    QVERIFY(ann.waitForDisconnect());
    QCOMPARE(ann.closeCode(), 1001);
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 10000);
    QCOMPARE(stopped.size(), 1);
    QVERIFY(started.first().first().value<ServerStatus>().lastEventId > id);
}

// The JSON export writes its array page by page: exporting 60,000 events (about 120 MB) holds no
// more than a few pages in memory at any time.
void tst_Moderation::exportStreamsInBoundedMemory()
{
    QTemporaryDir dataDir;
    QVERIFY(copyLargeHistory(dataDir.path()));
    TestServer server(u"test-token"_s, dataDir.path());
    QVERIFY(server.start());
    QTemporaryDir out;
    const QString path = out.filePath(u"history.json"_s);
    QSignalSpy finished(&server.controller(), &ServerController::exportFinished);
    const qint64 baseline = allocatedBytes();
    PeakSampler sampler;
    server.controller().exportHistory(path, true, HistoryQuery {});
    QVERIFY(finished.wait(120000));
    const qint64 growth = sampler.stop() - baseline;
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(finished.last().at(1).toLongLong(), qint64(LargeHistoryEvents));
    const qint64 size = QFileInfo(path).size();
    qInfo() << "exported" << size / (1024 * 1024) << "MiB; the heap grew by at most"
            << growth / (1024 * 1024) << "MiB meanwhile";
    QVERIFY(size > 100 * 1024 * 1024);
    QVERIFY2(growth < 48 * 1024 * 1024,
             qPrintable(u"the heap grew by %1 MiB"_s.arg(growth / (1024 * 1024))));

    // What was written is one JSON array of every event, in order.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonArray events = QJsonDocument::fromJson(file.readAll(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(events.size(), LargeHistoryEvents);
    QCOMPARE(events.first().toObject().value("text"_L1).toString(),
             u"0 "_s + QString(LargeTextLength, u'w'));
    QVERIFY(events.last().toObject().value("text"_L1).toString().startsWith(
        u"%1 "_s.arg(LargeHistoryEvents - 1)));
    QCOMPARE(events.last().toObject().value("id"_L1).toInteger(), qint64(LargeHistoryEvents));
}

void tst_Moderation::stopCancelsARunningExport_data()
{
    QTest::addColumn<bool>("asJson");
    QTest::newRow("json") << true;
    QTest::newRow("text") << false;
}

// Stopping the server while an export runs cancels it: the stop does not wait for the whole
// export, the export reports that it was cancelled, and no file is left that looks complete.
void tst_Moderation::stopCancelsARunningExport()
{
    QFETCH(bool, asJson);
    QTemporaryDir dataDir;
    QVERIFY(copyLargeHistory(dataDir.path()));
    TestServer server(u"test-token"_s, dataDir.path());
    QVERIFY(server.start());
    QTemporaryDir out;
    const QString path = out.filePath(asJson ? u"history.json"_s : u"history.txt"_s);
    QSignalSpy finished(&server.controller(), &ServerController::exportFinished);
    QSignalSpy stopped(&server.controller(), &ServerController::stopped);
    server.controller().exportHistory(path, asJson, HistoryQuery {});
    // Under way: its file (unnamed until committed: O_TMPFILE) is open and growing.
    const auto written = [&] {
        const QFileInfoList fds
            = QDir(u"/proc/self/fd"_s).entryInfoList(QDir::System | QDir::Files);
        return std::any_of(fds.cbegin(), fds.cend(), [&](const QFileInfo &fd) {
            return fd.symLinkTarget().startsWith(out.path()) && fd.size() > 1024 * 1024;
        });
    };
    QVERIFY(QTest::qWaitFor([&] { return written() || !finished.isEmpty(); }, 60000));
    QVERIFY2(finished.isEmpty(), "the export ended before the stop: the test proves nothing");
    QElapsedTimer clock;
    clock.start();
    server.controller().stop();
    QVERIFY(stopped.wait(60000));
    const qint64 stopMs = clock.elapsed();
    qInfo() << "stopped" << stopMs << "ms after the stop was asked for";
    QCOMPARE(finished.size(), 1); // before stopped()
    QVERIFY(!finished.first().at(2).toString().isEmpty());
    QCOMPARE(finished.first().at(1).toLongLong(), 0);
    QVERIFY2(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty(),
             qPrintable(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).join(u", "_s)));
    QVERIFY2(stopMs < 3000, qPrintable(u"the stop took %1 ms"_s.arg(stopMs)));
}

QTEST_GUILESS_MAIN(tst_Moderation)
#include "tst_moderation.moc"
