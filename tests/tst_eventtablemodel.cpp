// EventTableModel under QAbstractItemModelTester: one insertion per batch, a bounded live view
// that drops its oldest rows in one removal, prepended history pages, and plain text only.
#include "eventtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_EventTableModel : public QObject
{
    Q_OBJECT

private slots:
    void batchIsInsertedOnce();
    void capDropsOldestInOneRemoval();
    void batchLargerThanCap();
    void prependsPages();
    void textIsPlain();
    void describesEvents();
};

namespace {
QList<ChatEvent> messages(qint64 firstId, int count)
{
    QList<ChatEvent> events;
    for (int i = 0; i < count; ++i) {
        ChatEvent event;
        event.id = firstId + i;
        event.timestampMs = 1'700'000'000'000 + event.id;
        event.username = u"ann"_s;
        event.text = u"message %1"_s.arg(event.id);
        events << event;
    }
    return events;
}
} // namespace

void tst_EventTableModel::batchIsInsertedOnce()
{
    EventTableModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendEvents(messages(1, 40));
    model.appendEvents({});
    model.appendEvents(messages(41, 10));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 40);
    QCOMPARE(inserted.at(1).at(2).toInt(), 49);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.index(49, EventTableModel::Text).data().toString(), u"message 50"_s);
    QCOMPARE(model.index(0, EventTableModel::Sender).data().toString(), u"ann"_s);
}

void tst_EventTableModel::capDropsOldestInOneRemoval()
{
    EventTableModel model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(messages(1, 8));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.appendEvents(messages(9, 5));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(removed.first().at(2).toInt(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.event(0).id, 4);
    QCOMPARE(model.event(9).id, 13);
}

void tst_EventTableModel::batchLargerThanCap()
{
    EventTableModel model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents(messages(1, 3));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendEvents(messages(4, 25));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.event(0).id, 19);
    QCOMPARE(model.event(9).id, 28);
}

void tst_EventTableModel::prependsPages()
{
    EventTableModel model(0);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.prependEvents(messages(101, 100));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.prependEvents(messages(1, 100));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.oldestId(), 1);
    QCOMPARE(model.event(100).id, 101);
}

void tst_EventTableModel::textIsPlain()
{
    EventTableModel model(10);
    ChatEvent event;
    event.id = 1;
    event.username = u"<i>mallory</i>"_s;
    event.text = u"<b>x</b><img src=\"/etc/hosts\">\nsecond line"_s;
    model.appendEvents({event});
    QCOMPARE(model.index(0, EventTableModel::Sender).data().toString(), u"<i>mallory</i>"_s);
    QCOMPARE(model.index(0, EventTableModel::Text).data().toString(),
             u"<b>x</b><img src=\"/etc/hosts\">\u21b5 second line"_s);
}

void tst_EventTableModel::describesEvents()
{
    ChatEvent event;
    event.username = u"ann"_s;
    event.kind = ChatEvent::Kind::Join;
    QCOMPARE(EventTableModel::describe(event), u"ann joined"_s);
    event.kind = ChatEvent::Kind::Kick;
    event.text = u"spam"_s;
    QCOMPARE(EventTableModel::describe(event), u"ann was kicked: spam"_s);
    event.kind = ChatEvent::Kind::Leave;
    QCOMPARE(EventTableModel::describe(event), u"ann left"_s);
}

QTEST_GUILESS_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
