// ClientTableModel under QAbstractItemModelTester: one insertion per batch, updates in place,
// removals, and sorting and filtering through QSortFilterProxyModel as the console does.
#include "clienttablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_ClientTableModel : public QObject
{
    Q_OBJECT

private slots:
    void batchIsInsertedOnce();
    void updatesInPlace();
    void removesRuns();
    void joinAndLeaveInOneBatch();
    void sortsAndFilters();
};

namespace {
ClientInfo client(ClientId id, const QString &name, quint64 messages = 0)
{
    ClientInfo info;
    info.id = id;
    info.username = name;
    info.address = u"127.0.0.1"_s;
    info.connectedSinceMs = QDateTime::currentMSecsSinceEpoch();
    info.lastActivityMs = info.connectedSinceMs;
    info.messageCount = messages;
    return info;
}
} // namespace

void tst_ClientTableModel::batchIsInsertedOnce()
{
    ClientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.applyChanges({client(1, u"ann"_s), client(2, u"ben"_s), client(3, u"cy"_s)}, {});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 2);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, ClientTableModel::Username).data().toString(), u"ben"_s);
    QCOMPARE(model.index(1, ClientTableModel::Address).data().toString(), u"127.0.0.1"_s);
    QCOMPARE(model.rowOf(3), 2);
}

void tst_ClientTableModel::updatesInPlace()
{
    ClientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyChanges({client(1, u"ann"_s), client(2, u"ben"_s)}, {});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    ClientInfo muted = client(2, u"ben"_s, 7);
    muted.mutedUntilMs = QDateTime::currentMSecsSinceEpoch() + 60'000;
    model.applyChanges({client(1, u"ann"_s, 3), muted, client(4, u"dee"_s)}, {});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, ClientTableModel::Messages).data().toULongLong(), 3u);
    QCOMPARE(model.index(1, ClientTableModel::Messages).data().toULongLong(), 7u);
    QVERIFY(!model.index(1, ClientTableModel::Muted).data().toString().isEmpty());
    QVERIFY(model.index(0, ClientTableModel::Muted).data().toString().isEmpty());
}

void tst_ClientTableModel::removesRuns()
{
    ClientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<ClientInfo> five;
    for (ClientId id = 1; id <= 5; ++id)
        five << client(id, u"user%1"_s.arg(id));
    model.applyChanges(five, {});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.applyChanges({}, {2, 3, 5, 99});
    QCOMPARE(removed.size(), 2); // rows 1–2 and row 4
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), u"user1"_s);
    QCOMPARE(model.index(1, 0).data().toString(), u"user4"_s);
    QCOMPARE(model.rowOf(4), 1);
    QCOMPARE(model.rowOf(5), -1);
}

void tst_ClientTableModel::joinAndLeaveInOneBatch()
{
    ClientTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyChanges({client(1, u"brief"_s), client(1, u"brief"_s, 1)}, {1});
    QCOMPARE(model.rowCount(), 0);
}

void tst_ClientTableModel::sortsAndFilters()
{
    ClientTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ClientTableModel::SortRole);
    proxy.setFilterKeyColumn(ClientTableModel::Username);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(ClientTableModel::Messages, Qt::DescendingOrder);
    model.applyChanges({client(1, u"ann"_s, 2), client(2, u"Bob"_s, 10), client(3, u"bea"_s, 5)},
                       {});
    QCOMPARE(proxy.index(0, 0).data().toString(), u"Bob"_s);
    QCOMPARE(proxy.index(2, 0).data().toString(), u"ann"_s);
    proxy.setFilterFixedString(u"B"_s);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.sort(ClientTableModel::Username, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"bea"_s);
    QCOMPARE(proxy.index(1, 0).data().toString(), u"Bob"_s);
}

QTEST_GUILESS_MAIN(tst_ClientTableModel)
#include "tst_clienttablemodel.moc"
