// The CommitPipeline without sockets or a database (server/chat/commitpipeline.h): the test plays
// the HistoryWriter, answering storeRequested with onBatchStored, and reads the fan-out's frames.
// Covers: nothing is broadcast or acknowledged before its batch is stored, one batch in flight,
// order kept across batches, a failed batch refused and never delivered, presence coalescing.
#include "commitpipeline.h"
#include "protocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(CommitPipeline::Commit)

namespace {
PendingEvent pending(ChatEvent::Kind kind, const QString &username, ClientId sender = 0,
                     const QString &cid = {}, const QString &text = {})
{
    PendingEvent event;
    event.event.kind = kind;
    event.event.username = username;
    event.event.text = text;
    event.event.timestampMs = 1'800'000'000'000;
    event.sender = sender;
    event.cid = cid;
    return event;
}

PendingEvent message(ClientId sender, const QString &cid, const QString &text = u"hi"_s)
{
    return pending(ChatEvent::Kind::Message, u"user%1"_s.arg(sender), sender, cid, text);
}

// What the HistoryWriter answers: every event stored, ids from firstId on.
QList<StoredEvent> storeAll(const QList<PendingEvent> &batch, qint64 firstId)
{
    QList<StoredEvent> results;
    for (const PendingEvent &event : batch) {
        StoredEvent stored;
        stored.event = event.event;
        stored.event.id = firstId++;
        stored.sender = event.sender;
        stored.cid = event.cid;
        results.append(stored);
    }
    return results;
}

// The server-to-client text frames of a byte stream, as JSON objects.
QList<QJsonObject> framesOf(const QByteArray &stream)
{
    QList<QJsonObject> frames;
    qsizetype at = 0;
    while (at < stream.size()) {
        if (quint8(stream.at(at)) != 0x81)
            return {}; // not a text frame with FIN: fails the comparison
        qint64 length = quint8(stream.at(at + 1));
        at += 2;
        const int extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra) {
            length = 0;
            for (int i = 0; i < extra; ++i)
                length = (length << 8) | quint8(stream.at(at + i));
            at += extra;
        }
        frames.append(QJsonDocument::fromJson(stream.mid(at, length)).object());
        at += length;
    }
    return frames;
}

QList<qint64> idsOf(const QByteArray &stream)
{
    QList<qint64> ids;
    for (const QJsonObject &frame : framesOf(stream))
        ids.append(frame.value("id"_L1).toInteger());
    return ids;
}

QStringList cidsOf(const QByteArray &stream)
{
    QStringList cids;
    for (const QJsonObject &frame : framesOf(stream))
        cids.append(frame.value("cid"_L1).toString());
    return cids;
}

QList<PendingEvent> batchOf(const QSignalSpy &spy, int index)
{
    return spy.at(index).at(0).value<QList<PendingEvent>>();
}

CommitPipeline::Commit commitOf(const QSignalSpy &spy, int index)
{
    return spy.at(index).at(0).value<CommitPipeline::Commit>();
}
} // namespace

class tst_CommitPipeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nothingIsDeliveredOrAckedBeforeItsCommit();
    void oneBatchInFlightAndOrderKept();
    void ackReplacesTheSendersCopyInPlace();
    void duplicateIsAcknowledgedAgainOnly();
    void failedBatchIsRefusedNotDelivered();
    void storageProblemIsToldOncePerChange();
    void presenceWaitsForCompanyUntilSomethingUrgent();
    void presenceAloneIsStoredAfterTheWindow();
    void stoppingStoresPresenceAtOnce();
    void takePendingHandsOverWhatWaits();
    void afterPendingRunsBetweenTheBatches();
};

void tst_CommitPipeline::initTestCase()
{
    qRegisterMetaType<QList<PendingEvent>>();
    qRegisterMetaType<CommitPipeline::Commit>();
}

void tst_CommitPipeline::nothingIsDeliveredOrAckedBeforeItsCommit()
{
    CommitPipeline pipeline;
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    QSignalSpy commits(&pipeline, &CommitPipeline::committed);
    QSignalSpy drained(&pipeline, &CommitPipeline::drained);
    pipeline.enqueue(message(7, u"c1"_s));
    QVERIFY(stores.wait(1000));
    QCOMPARE(batchOf(stores, 0).size(), 1);
    QVERIFY(pipeline.isWriting());
    QVERIFY(!pipeline.isIdle());
    QCoreApplication::processEvents();
    QCOMPARE(commits.count(), 0); // stored? not yet: nothing goes out

    pipeline.onBatchStored(storeAll(batchOf(stores, 0), 1), {}, {}, false);
    QCOMPARE(commits.count(), 1);
    QCOMPARE(drained.count(), 1);
    QVERIFY(pipeline.isIdle());
    const CommitPipeline::Commit commit = commitOf(commits, 0);
    QCOMPARE(idsOf(commit.common), QList<qint64>({1}));
    QCOMPARE(cidsOf(commit.common), QStringList({QString()})); // everyone: no cid
    QCOMPARE(cidsOf(commit.personal.value(7)), QStringList({u"c1"_s})); // the sender: its ack
    QCOMPARE(commit.events.size(), 1);
    QCOMPARE(commit.events.constFirst().id, 1);
    QVERIFY(commit.failed.isEmpty());
}

void tst_CommitPipeline::oneBatchInFlightAndOrderKept()
{
    CommitPipeline pipeline;
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    QSignalSpy commits(&pipeline, &CommitPipeline::committed);
    pipeline.enqueue(message(1, u"a"_s));
    QVERIFY(stores.wait(1000));
    // While the first batch is stored, more arrives: it waits, however urgent.
    pipeline.enqueue(message(2, u"b"_s));
    pipeline.enqueue(pending(ChatEvent::Kind::Announcement, u"op"_s));
    pipeline.enqueue(message(3, u"c"_s));
    QTest::qWait(50);
    QCOMPARE(stores.count(), 1);

    pipeline.onBatchStored(storeAll(batchOf(stores, 0), 1), {}, {}, false);
    QVERIFY(stores.wait(1000));
    QCOMPARE(stores.count(), 2);
    const QList<PendingEvent> second = batchOf(stores, 1);
    QCOMPARE(second.size(), 3); // all of it in one batch, in arrival order
    QCOMPARE(second.at(0).cid, u"b"_s);
    QCOMPARE(second.at(1).event.kind, ChatEvent::Kind::Announcement);
    QCOMPARE(second.at(2).cid, u"c"_s);
    pipeline.onBatchStored(storeAll(second, 2), {}, {}, false);

    QCOMPARE(commits.count(), 2);
    QCOMPARE(idsOf(commitOf(commits, 0).common), QList<qint64>({1}));
    QCOMPARE(idsOf(commitOf(commits, 1).common), QList<qint64>({2, 3, 4}));
}

void tst_CommitPipeline::ackReplacesTheSendersCopyInPlace()
{
    // Two senders in one batch: each gets the whole stream in id order, with its own
    // acknowledgement where everyone else has the plain event.
    const QList<PendingEvent> batch {message(1, u"a1"_s), message(2, u"b1"_s),
                                     pending(ChatEvent::Kind::Join, u"carol"_s),
                                     message(1, u"a2"_s)};
    const CommitPipeline::Commit commit = CommitPipeline::frame(storeAll(batch, 10));
    QCOMPARE(idsOf(commit.common), QList<qint64>({10, 11, 12, 13}));
    QCOMPARE(cidsOf(commit.common), QStringList({{}, {}, {}, {}}));
    QCOMPARE(idsOf(commit.personal.value(1)), QList<qint64>({10, 11, 12, 13}));
    QCOMPARE(cidsOf(commit.personal.value(1)), QStringList({u"a1"_s, {}, {}, u"a2"_s}));
    QCOMPARE(idsOf(commit.personal.value(2)), QList<qint64>({10, 11, 12, 13}));
    QCOMPARE(cidsOf(commit.personal.value(2)), QStringList({{}, u"b1"_s, {}, {}}));
    QCOMPARE(commit.personal.size(), 2);
    // The same bytes for everyone: every frame of the common stream is built once.
    QCOMPARE(commit.personal.value(2).mid(0, commit.common.indexOf("\x81", 1)),
             commit.common.mid(0, commit.common.indexOf("\x81", 1)));
}

void tst_CommitPipeline::duplicateIsAcknowledgedAgainOnly()
{
    QList<StoredEvent> results = storeAll({message(1, u"again"_s), message(2, u"new"_s)}, 5);
    results[0].duplicate = true;
    const CommitPipeline::Commit commit = CommitPipeline::frame(results);
    QCOMPARE(idsOf(commit.common), QList<qint64>({6}));
    const QList<QJsonObject> own = framesOf(commit.personal.value(1));
    QCOMPARE(own.size(), 2);
    QCOMPARE(own.at(0).value("cid"_L1).toString(), u"again"_s);
    QCOMPARE(own.at(0).value("duplicate"_L1).toBool(), true);
    QCOMPARE(own.at(1).value("id"_L1).toInteger(), 6);
    QCOMPARE(commit.events.size(), 1); // the duplicate is not shown again
}

void tst_CommitPipeline::failedBatchIsRefusedNotDelivered()
{
    CommitPipeline pipeline;
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    QSignalSpy commits(&pipeline, &CommitPipeline::committed);
    pipeline.enqueue(message(1, u"lost"_s));
    QVERIFY(stores.wait(1000));
    pipeline.onBatchStored({}, batchOf(stores, 0), u"disk I/O error"_s, true);
    QCOMPARE(commits.count(), 1);
    const CommitPipeline::Commit failed = commitOf(commits, 0);
    QVERIFY(failed.common.isEmpty());
    QVERIFY(failed.personal.isEmpty());
    QVERIFY(failed.events.isEmpty());
    QCOMPARE(failed.failed.size(), 1);
    QCOMPARE(failed.failed.constFirst().cid, u"lost"_s);
    QCOMPARE(failed.error, u"disk I/O error"_s);
    QVERIFY(failed.full);
    QCOMPARE(failed.refusals.size(), 1); // the sender hears why, with its cid
    QCOMPARE(failed.refusals.constFirst().client, 1);
    const QJsonObject refusal
        = QJsonDocument::fromJson(failed.refusals.constFirst().frame).object();
    QCOMPARE(refusal.value("code"_L1).toString(), u"storage_failed"_s);
    QCOMPARE(refusal.value("cid"_L1).toString(), u"lost"_s);

    // The next batch is tried again as if nothing happened.
    pipeline.enqueue(message(1, u"next"_s));
    QVERIFY(stores.wait(1000));
    QCOMPARE(batchOf(stores, 1).constFirst().cid, u"next"_s);
}

void tst_CommitPipeline::storageProblemIsToldOncePerChange()
{
    CommitPipeline pipeline;
    pipeline.setStorage(u"/data/history.sqlite"_s, 0);
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    QSignalSpy problems(&pipeline, &CommitPipeline::storageProblem);
    for (int round = 0; round < 2; ++round) {
        pipeline.enqueue(message(1, u"m%1"_s.arg(round)));
        QVERIFY(stores.wait(1000));
        pipeline.onBatchStored({}, batchOf(stores, round), u"disk I/O error"_s, false);
    }
    QCOMPARE(problems.count(), 1); // the same problem twice: told once
    const QString problem = problems.at(0).at(0).toString();
    QVERIFY(problem.contains(u"/data/history.sqlite"_s));
    QVERIFY(problem.contains(u"disk I/O error"_s));

    pipeline.enqueue(message(1, u"ok"_s));
    QVERIFY(stores.wait(1000));
    pipeline.onBatchStored(storeAll(batchOf(stores, 2), 1), {}, {}, false);
    QCOMPARE(problems.count(), 2);
    QVERIFY(problems.at(1).at(0).toString().isEmpty()); // solved
    pipeline.enqueue(message(1, u"ok2"_s));
    QVERIFY(stores.wait(1000));
    pipeline.onBatchStored(storeAll(batchOf(stores, 3), 2), {}, {}, false);
    QCOMPARE(problems.count(), 2);
}

void tst_CommitPipeline::presenceWaitsForCompanyUntilSomethingUrgent()
{
    CommitPipeline pipeline(nullptr, 60'000); // a window no test run reaches
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    pipeline.enqueue(pending(ChatEvent::Kind::Join, u"a"_s));
    pipeline.enqueue(pending(ChatEvent::Kind::Leave, u"b"_s));
    QTest::qWait(50);
    QCOMPARE(stores.count(), 0); // joins and leaves alone wait
    pipeline.enqueue(message(3, u"m"_s));
    QVERIFY(stores.wait(1000)); // a message does not, and takes them along, in order
    const QList<PendingEvent> batch = batchOf(stores, 0);
    QCOMPARE(batch.size(), 3);
    QCOMPARE(batch.at(0).event.kind, ChatEvent::Kind::Join);
    QCOMPARE(batch.at(1).event.kind, ChatEvent::Kind::Leave);
    QCOMPARE(batch.at(2).event.kind, ChatEvent::Kind::Message);
}

void tst_CommitPipeline::presenceAloneIsStoredAfterTheWindow()
{
    CommitPipeline pipeline(nullptr, 200);
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    QElapsedTimer clock;
    clock.start();
    pipeline.enqueue(pending(ChatEvent::Kind::Join, u"a"_s));
    pipeline.enqueue(pending(ChatEvent::Kind::Join, u"b"_s));
    QVERIFY(stores.wait(5000));
    QVERIFY2(clock.elapsed() >= 190, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(batchOf(stores, 0).size(), 2);
}

void tst_CommitPipeline::stoppingStoresPresenceAtOnce()
{
    CommitPipeline pipeline(nullptr, 60'000);
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    pipeline.setStopping(true);
    pipeline.enqueue(pending(ChatEvent::Kind::Leave, u"a"_s));
    QVERIFY(stores.wait(1000));
}

void tst_CommitPipeline::takePendingHandsOverWhatWaits()
{
    CommitPipeline pipeline(nullptr, 60'000);
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    pipeline.enqueue(pending(ChatEvent::Kind::Join, u"a"_s));
    QVERIFY(!pipeline.isIdle());
    const QList<PendingEvent> rest = pipeline.takePending();
    QCOMPARE(rest.size(), 1);
    QVERIFY(pipeline.isIdle());
    QTest::qWait(20);
    QCOMPARE(stores.count(), 0);
}

// The operator's changes of rooms are queued to the writer between the events enqueued before and
// after them: the batch ends where the action was asked for.
void tst_CommitPipeline::afterPendingRunsBetweenTheBatches()
{
    CommitPipeline pipeline;
    QList<QString> order; // what reached the "writer", in order
    connect(&pipeline, &CommitPipeline::storeRequested, &pipeline,
            [&order](const QList<PendingEvent> &batch) {
                for (const PendingEvent &event : batch)
                    order << event.cid;
            });
    QSignalSpy stores(&pipeline, &CommitPipeline::storeRequested);
    // Nothing waits: at once.
    pipeline.afterPending([&order] { order << u"first"_s; });
    QCOMPARE(order, QList<QString>({u"first"_s}));

    pipeline.enqueue(message(1, u"a"_s));
    QVERIFY(stores.wait(1000)); // in flight
    pipeline.enqueue(message(2, u"b"_s));
    pipeline.afterPending([&order] { order << u"action"_s; });
    pipeline.afterPending([&order] { order << u"second action"_s; });
    pipeline.enqueue(message(3, u"c"_s));
    pipeline.afterPending([&order] { order << u"last"_s; });
    QTest::qWait(20);
    QCOMPARE(order, QList<QString>({u"first"_s, u"a"_s})); // the batch in flight goes first

    pipeline.onBatchStored(storeAll(batchOf(stores, 0), 1), {}, {}, false);
    QTRY_COMPARE(stores.count(), 2);
    QCOMPARE(batchOf(stores, 1).size(), 1); // b only: the batch ends at the action
    QCOMPARE(order, QList<QString>({u"first"_s, u"a"_s, u"b"_s, u"action"_s, u"second action"_s}));
    pipeline.onBatchStored(storeAll(batchOf(stores, 1), 2), {}, {}, false);
    QTRY_COMPARE(stores.count(), 3);
    QCOMPARE(order, QList<QString>({u"first"_s, u"a"_s, u"b"_s, u"action"_s, u"second action"_s,
                                    u"c"_s, u"last"_s}));
}

QTEST_GUILESS_MAIN(tst_CommitPipeline)
#include "tst_commitpipeline.moc"
