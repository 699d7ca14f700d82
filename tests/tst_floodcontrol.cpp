// FloodControl without sockets (server/chat/floodcontrol.h): the burst, the refill at the rate,
// the abuse rule that disconnects, and connections it does not limit. tst_limits drives the same
// through a real server.
#include "floodcontrol.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Now = 1'800'000'000'000;
using Verdict = FloodControl::Verdict;
} // namespace

class tst_FloodControl : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRefused();
    void refillsAtTheRate();
    void sustainedFloodIsDisconnected();
    void sendingAtTheRateIsNeverDisconnected();
    void unknownAndUnlimitedConnectionsPass();
    void forgottenConnectionStartsAfresh();
    void refusalNamesTheRate();
};

void tst_FloodControl::burstThenRefused()
{
    FloodControl flood(2, 5);
    flood.start(1, Now);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(flood.check(1, Now), Verdict::Allow);
    QCOMPARE(flood.check(1, Now), Verdict::Refuse);
    // Each connection has buckets of its own.
    flood.start(2, Now);
    QCOMPARE(flood.check(2, Now), Verdict::Allow);
}

void tst_FloodControl::refillsAtTheRate()
{
    FloodControl flood(2, 5);
    flood.start(1, Now);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(flood.check(1, Now), Verdict::Allow);
    QCOMPARE(flood.check(1, Now + 499), Verdict::Refuse);
    QCOMPARE(flood.check(1, Now + 500), Verdict::Allow); // one token per 500 ms at 2/s
    QCOMPARE(flood.check(1, Now + 500), Verdict::Refuse);
}

void tst_FloodControl::sustainedFloodIsDisconnected()
{
    // The abuse bucket holds 30 × rate + burst = 65 and refills at 3 × rate = 6 per second:
    // a client sending 100 frames per second runs it dry in well under ten seconds.
    FloodControl flood(2, 5);
    flood.start(1, Now);
    int frames = 0;
    Verdict verdict = Verdict::Allow;
    for (qint64 t = Now; verdict != Verdict::Disconnect && t < Now + 20'000; t += 10, ++frames)
        verdict = flood.check(1, t);
    QCOMPARE(verdict, Verdict::Disconnect);
    QVERIFY2(frames > 65 && frames < 100, qPrintable(QString::number(frames)));
}

void tst_FloodControl::sendingAtTheRateIsNeverDisconnected()
{
    FloodControl flood(2, 5);
    flood.start(1, Now);
    // Three times the allowed rate for ten seconds is tolerated (refused, not disconnected).
    for (qint64 t = Now; t < Now + 10'000; t += 1000 / 6)
        QVERIFY(flood.check(1, t) != Verdict::Disconnect);
}

void tst_FloodControl::unknownAndUnlimitedConnectionsPass()
{
    FloodControl limited(2, 5);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(limited.check(42, Now), Verdict::Allow); // never started: not limited
    FloodControl unlimited(0, 5);
    unlimited.start(1, Now);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(unlimited.check(1, Now), Verdict::Allow);
}

void tst_FloodControl::forgottenConnectionStartsAfresh()
{
    FloodControl flood(2, 1);
    flood.start(1, Now);
    QCOMPARE(flood.check(1, Now), Verdict::Allow);
    QCOMPARE(flood.check(1, Now), Verdict::Refuse);
    flood.forget(1);
    QCOMPARE(flood.check(1, Now), Verdict::Allow); // gone: no longer limited
    flood.start(1, Now);
    QCOMPARE(flood.check(1, Now), Verdict::Allow);
    QCOMPARE(flood.check(1, Now), Verdict::Refuse);
}

void tst_FloodControl::refusalNamesTheRate()
{
    QCOMPARE(FloodControl(2, 5).refusalText(),
             u"You are sending too fast (at most 2 messages per second); this message was not "
             u"sent."_s);
    QVERIFY(FloodControl(0.5, 5).refusalText().contains(u"at most 0.5 messages"_s));
}

QTEST_APPLESS_MAIN(tst_FloodControl)
#include "tst_floodcontrol.moc"
