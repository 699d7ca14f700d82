// ModerationLogModel under QAbstractItemModelTester: newest first, one insertion per batch at the
// top, the oldest rows beyond MaxRows dropped in one removal, every action named.
#include "moderationlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_ModerationLogModel : public QObject
{
    Q_OBJECT

private slots:
    void newestFirstOneInsertionPerBatch();
    void capDropsOldestInOneRemoval();
    void batchLargerThanCap();
    void namesEveryAction();
    void clearEmpties();
};

namespace {
QList<ModerationRecord> records(int first, int count,
                                ModerationRecord::Action action = ModerationRecord::Action::Kick)
{
    QList<ModerationRecord> list;
    for (int i = 0; i < count; ++i) {
        ModerationRecord record;
        record.id = first + i;
        record.timestampMs = 1'700'000'000'000 + record.id;
        record.actor = u"Operator"_s;
        record.action = action;
        record.target = u"user%1"_s.arg(record.id);
        record.reason = u"reason %1"_s.arg(record.id);
        record.detail = u"detail"_s;
        list << record;
    }
    return list;
}
} // namespace

void tst_ModerationLogModel::newestFirstOneInsertionPerBatch()
{
    ModerationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.addRecords(records(1, 3)); // oldest first, as the server reports them
    model.addRecords({});
    model.addRecords(records(4, 2));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 0);
    QCOMPARE(inserted.at(1).at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(0, ModerationLogModel::Target).data().toString(), u"user5"_s);
    QCOMPARE(model.index(1, ModerationLogModel::Target).data().toString(), u"user4"_s);
    QCOMPARE(model.index(4, ModerationLogModel::Target).data().toString(), u"user1"_s);
    QCOMPARE(model.index(0, ModerationLogModel::Actor).data().toString(), u"Operator"_s);
    QCOMPARE(model.index(0, ModerationLogModel::Action).data().toString(), u"kick"_s);
    QCOMPARE(model.index(0, ModerationLogModel::Reason).data().toString(), u"reason 5"_s);
    QCOMPARE(model.index(0, ModerationLogModel::Detail).data().toString(), u"detail"_s);
    QVERIFY(!model.index(0, ModerationLogModel::When).data().toString().isEmpty());
    QCOMPARE(model.headerData(ModerationLogModel::When, Qt::Horizontal).toString(), u"When"_s);
}

void tst_ModerationLogModel::capDropsOldestInOneRemoval()
{
    ModerationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRecords(records(1, ModerationLogModel::MaxRows - 2));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.addRecords(records(ModerationLogModel::MaxRows - 1, 5));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), ModerationLogModel::MaxRows);
    QCOMPARE(removed.at(0).at(2).toInt(), ModerationLogModel::MaxRows + 2);
    QCOMPARE(model.rowCount(), ModerationLogModel::MaxRows);
    QCOMPARE(model.record(0).id, ModerationLogModel::MaxRows + 3);
    QCOMPARE(model.record(ModerationLogModel::MaxRows - 1).id, 4); // 1 to 3 dropped
}

void tst_ModerationLogModel::batchLargerThanCap()
{
    ModerationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRecords(records(1, 10));
    model.addRecords(records(11, ModerationLogModel::MaxRows + 50));
    QCOMPARE(model.rowCount(), ModerationLogModel::MaxRows);
    QCOMPARE(model.record(0).id, ModerationLogModel::MaxRows + 60);
    QCOMPARE(model.record(ModerationLogModel::MaxRows - 1).id, 61);
}

void tst_ModerationLogModel::namesEveryAction()
{
    const QList<QPair<ModerationRecord::Action, QString>> actions {
        {ModerationRecord::Action::Kick, u"kick"_s},
        {ModerationRecord::Action::Ban, u"ban"_s},
        {ModerationRecord::Action::Unban, u"unban"_s},
        {ModerationRecord::Action::Mute, u"mute"_s},
        {ModerationRecord::Action::Unmute, u"unmute"_s},
        {ModerationRecord::Action::Block, u"block"_s},
        {ModerationRecord::Action::Drop, u"drop"_s},
        {ModerationRecord::Action::Release, u"release"_s},
        {ModerationRecord::Action::RoomCreate, u"create room"_s},
        {ModerationRecord::Action::RoomDelete, u"delete room"_s},
        {ModerationRecord::Action::RoomLock, u"lock room"_s},
        {ModerationRecord::Action::RoomUnlock, u"unlock room"_s},
        {ModerationRecord::Action::RoomTopic, u"room topic"_s},
        {ModerationRecord::Action::RoomKick, u"kick from room"_s}};
    ModerationLogModel model;
    for (const auto &[action, name] : actions) {
        model.addRecords(records(1, 1, action));
        QCOMPARE(model.index(0, ModerationLogModel::Action).data().toString(), name);
    }
}

void tst_ModerationLogModel::clearEmpties()
{
    ModerationLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addRecords(records(1, 3));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.addRecords(records(4, 1));
    QCOMPARE(model.rowCount(), 1);
}

QTEST_GUILESS_MAIN(tst_ModerationLogModel)
#include "tst_moderationlogmodel.moc"
