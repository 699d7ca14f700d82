// The chat client's parts without a server: the reconnect backoff, the outbox's pacing and the
// timeline's gap-free merge (the end-to-end behaviour is tst_chatclient's).
#include "outbox.h"
#include "outboxpacer.h"
#include "reconnectbackoff.h"
#include "timelinesync.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestClientParts : public QObject
{
    Q_OBJECT

private slots:
    void backoffDoublesUpToTheMaximum();
    void backoffJitterStaysUnderTheCap();
    void pacerSendsOneAtATimeInOrder();
    void pacerWaitsAfterRateLimitedAndSlowsDown();
    void pacerBacksOffAfterStorageFailed();
    void pacerSendsNothingWhenStopped();
    void syncHandsOutInIdOrderWithoutDuplicates();
    void syncWaitsForExpectedAnswers();
    void liveEventsNeverGoBackwards();
    void olderHistoryResetsTheTimeline();
};

void TestClientParts::backoffDoublesUpToTheMaximum()
{
    ReconnectBackoff backoff;
    backoff.setDelays(100, 1000);
    QCOMPARE(backoff.capFor(0), 100);
    QCOMPARE(backoff.capFor(1), 200);
    QCOMPARE(backoff.capFor(3), 800);
    QCOMPARE(backoff.capFor(4), 1000);
    QCOMPARE(backoff.capFor(1000), 1000); // no overflow
    backoff.setDelays(0, -5); // at least 1 ms, and the maximum at least the initial delay
    QCOMPARE(backoff.initialMs(), 1);
    QCOMPARE(backoff.maxMs(), 1);
}

void TestClientParts::backoffJitterStaysUnderTheCap()
{
    ReconnectBackoff backoff;
    backoff.setDelays(100, 400);
    qint64 largest = 0;
    for (int i = 0; i < 200; ++i) {
        const int attempt = backoff.attempt();
        const qint64 delay = backoff.next();
        QVERIFY(delay >= 0);
        QVERIFY(delay <= backoff.capFor(attempt));
        largest = qMax(largest, delay);
    }
    QCOMPARE(backoff.attempt(), 200);
    QVERIFY(largest > 100); // full jitter over the whole range, not a constant
    backoff.reset();
    QCOMPARE(backoff.attempt(), 0);
}

void TestClientParts::pacerSendsOneAtATimeInOrder()
{
    Outbox outbox;
    OutboxPacer pacer(&outbox);
    QSignalSpy sent(&pacer, &OutboxPacer::sendRequested);
    const QString first = outbox.add(u"one"_s).cid;
    const QString second = outbox.add(u"two"_s).cid;
    pacer.start();
    pacer.pump();
    pacer.pump();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(0).value<OutgoingMessage>().cid, first);
    QCOMPARE(pacer.inFlight(), first);

    pacer.acknowledged(second); // not the one in flight: nothing moves
    QCOMPARE(sent.size(), 1);
    outbox.remove(first);
    pacer.acknowledged(first);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(1).at(0).value<OutgoingMessage>().cid, second);
    outbox.remove(second);
    pacer.refused(second);
    QVERIFY(pacer.inFlight().isEmpty());
}

void TestClientParts::pacerWaitsAfterRateLimitedAndSlowsDown()
{
    Outbox outbox;
    OutboxPacer pacer(&outbox);
    QSignalSpy sent(&pacer, &OutboxPacer::sendRequested);
    const QString cid = outbox.add(u"again"_s).cid;
    pacer.start();
    pacer.pump();
    QCOMPARE(sent.size(), 1);

    QVERIFY(!pacer.rateLimited(u"someone-else"_s));
    QCOMPARE(pacer.paceMs(), OutboxPacer::RateLimitPauseMs);
    QVERIFY(pacer.rateLimited(cid));
    QCOMPARE(pacer.paceMs(), OutboxPacer::RateLimitPauseMs * 3 / 2);
    QVERIFY(pacer.inFlight().isEmpty());
    QElapsedTimer clock;
    clock.start();
    pacer.pump(); // the pause is running
    QCOMPARE(sent.size(), 1);
    QVERIFY(sent.wait(5000)); // the same message, with the same cid, after the pause
    QVERIFY(clock.elapsed() >= pacer.paceMs() - 1);
    QCOMPARE(sent.at(1).at(0).value<OutgoingMessage>().cid, cid);

    // An emptied outbox ends the pacing.
    outbox.remove(cid);
    pacer.acknowledged(cid);
    QCOMPARE(pacer.paceMs(), 0);
}

void TestClientParts::pacerBacksOffAfterStorageFailed()
{
    Outbox outbox;
    OutboxPacer pacer(&outbox);
    QSignalSpy sent(&pacer, &OutboxPacer::sendRequested);
    const QString cid = outbox.add(u"store me"_s).cid;
    pacer.start();
    pacer.pump();
    QVERIFY(pacer.storageFailed(cid));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(sent.wait(5000));
    QVERIFY(clock.elapsed() >= OutboxPacer::StorageRetryInitialMs - 1);
    QCOMPARE(sent.size(), 2);
    QVERIFY(pacer.storageFailed(cid)); // doubles: not again within the first delay
    QVERIFY(!sent.wait(OutboxPacer::StorageRetryInitialMs + 200));
    pacer.stop();
    QVERIFY(pacer.inFlight().isEmpty());
}

void TestClientParts::pacerSendsNothingWhenStopped()
{
    Outbox outbox;
    OutboxPacer pacer(&outbox);
    QSignalSpy sent(&pacer, &OutboxPacer::sendRequested);
    outbox.add(u"waiting"_s);
    pacer.pump();
    QCOMPARE(sent.size(), 0);
    pacer.start();
    pacer.pump();
    QCOMPARE(sent.size(), 1);
    pacer.stop();
    QVERIFY(pacer.inFlight().isEmpty());
    pacer.pump();
    QCOMPARE(sent.size(), 1);
}

namespace {
ChatEntry entry(qint64 id, const QString &cid = {})
{
    ChatEntry result;
    result.id = id;
    result.username = u"bob"_s;
    result.text = u"message %1"_s.arg(id);
    result.cid = cid;
    return result;
}

QList<qint64> ids(const QSignalSpy &spy)
{
    QList<qint64> result;
    for (const QList<QVariant> &arguments : spy) {
        const QList<ChatEntry> entries = arguments.at(0).value<QList<ChatEntry>>();
        for (const ChatEntry &e : entries)
            result << e.id;
    }
    return result;
}
} // namespace

void TestClientParts::syncHandsOutInIdOrderWithoutDuplicates()
{
    QNetworkAccessManager network;
    TimelineSync sync(&network);
    QSignalSpy appended(&sync, &TimelineSync::entriesAppended);
    QSignalSpy finished(&sync, &TimelineSync::finished);
    sync.prepare();
    QVERIFY(sync.isSyncing());
    sync.buffer(entry(3));
    sync.buffer(entry(1));
    sync.buffer(entry(3));
    sync.buffer(entry(2, u"mine"_s));
    QCOMPARE(appended.size(), 0);
    sync.start(0); // an empty history: nothing to fetch, done at once
    QCOMPARE(finished.size(), 1);
    QVERIFY(!sync.isSyncing());
    QCOMPARE(ids(appended), (QList<qint64> {1, 2, 3}));
    QCOMPARE(appended.at(0).at(0).value<QList<ChatEntry>>().at(1).cid, u"mine"_s);
    QCOMPARE(sync.oldestId(), 1);
    QCOMPARE(sync.newestId(), 3);
}

void TestClientParts::syncWaitsForExpectedAnswers()
{
    QNetworkAccessManager network;
    TimelineSync sync(&network);
    QSignalSpy finished(&sync, &TimelineSync::finished);
    sync.expectAnswer(u"ignored"_s); // not syncing: nothing to wait for
    sync.prepare();
    sync.expectAnswer(u"resent"_s);
    sync.buffer(entry(5));
    sync.start(0);
    QCOMPARE(finished.size(), 0); // the re-sent message's answer decides what is handed out
    sync.answered(u"resent"_s);
    sync.maybeFinish();
    QCOMPARE(finished.size(), 1);
}

void TestClientParts::liveEventsNeverGoBackwards()
{
    QNetworkAccessManager network;
    TimelineSync sync(&network);
    QSignalSpy appended(&sync, &TimelineSync::entriesAppended);
    sync.prepare();
    sync.buffer(entry(10));
    sync.start(0);
    sync.deliverLive(entry(9));
    sync.deliverLive(entry(10));
    sync.deliverLive(entry(11));
    QCOMPARE(ids(appended), (QList<qint64> {10, 11}));
}

void TestClientParts::olderHistoryResetsTheTimeline()
{
    QNetworkAccessManager network;
    TimelineSync sync(&network);
    QSignalSpy reset(&sync, &TimelineSync::timelineReset);
    sync.prepare();
    sync.buffer(entry(7));
    sync.start(0);
    QCOMPARE(sync.newestId(), 7);
    sync.stop();
    // Another server at the same address: its history ends before ours.
    sync.prepare();
    sync.start(0);
    QCOMPARE(reset.size(), 1);
    QVERIFY(sync.isEmpty());
}

QTEST_GUILESS_MAIN(TestClientParts)
#include "tst_clientparts.moc"
