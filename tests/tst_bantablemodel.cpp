// BanTableModel under QAbstractItemModelTester: the server's list replaces the rows in one reset,
// "(any)" for a ban by address or by name only, permanent bans, ids for unbanning, names as text.
#include "bantablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_BanTableModel : public QObject
{
    Q_OBJECT

private slots:
    void listReplacesRowsInOneReset();
    void showsWhoUntilWhyAndBy();
    void namesAreText();
};

namespace {
BanInfo ban(qint64 id, const QString &username, const QString &address, qint64 untilMs = 0)
{
    BanInfo info;
    info.id = id;
    info.username = username;
    info.address = address;
    info.createdMs = QDateTime::currentMSecsSinceEpoch();
    info.untilMs = untilMs;
    info.reason = u"reason %1"_s.arg(id);
    info.createdBy = u"Operator"_s;
    return info;
}
} // namespace

void tst_BanTableModel::listReplacesRowsInOneReset()
{
    BanTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setBans({ban(1, u"troll"_s, {}), ban(2, {}, u"192.0.2.7"_s), ban(3, u"x"_s, u"y"_s)});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(BanTableModel::ColumnCount));
    QCOMPARE(model.index(1, 0).data(BanTableModel::BanIdRole).toLongLong(), 2);
    QCOMPARE(model.ban(2).id, 3);

    model.setBans({ban(2, {}, u"192.0.2.7"_s)});
    QCOMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.ban(0).id, 2);
    model.setBans({});
    QCOMPARE(model.rowCount(), 0);
}

void tst_BanTableModel::showsWhoUntilWhyAndBy()
{
    BanTableModel model;
    const qint64 tomorrow = QDateTime::currentMSecsSinceEpoch() + 86'400'000;
    model.setBans({ban(1, u"troll"_s, {}), ban(2, {}, u"192.0.2.7"_s, tomorrow)});
    QCOMPARE(model.index(0, BanTableModel::Username).data().toString(), u"troll"_s);
    QCOMPARE(model.index(0, BanTableModel::Address).data().toString(), u"(any)"_s);
    QCOMPARE(model.index(0, BanTableModel::Until).data().toString(), u"permanent"_s);
    QCOMPARE(model.index(0, BanTableModel::Reason).data().toString(), u"reason 1"_s);
    QCOMPARE(model.index(0, BanTableModel::CreatedBy).data().toString(), u"Operator"_s);
    // Today: the time only.
    QCOMPARE(model.index(0, BanTableModel::CreatedAt).data().toString().size(), 8);
    QCOMPARE(model.index(1, BanTableModel::Username).data().toString(), u"(any)"_s);
    QCOMPARE(model.index(1, BanTableModel::Address).data().toString(), u"192.0.2.7"_s);
    const QString until = model.index(1, BanTableModel::Until).data().toString();
    QVERIFY2(until != u"permanent"_s && until.size() > 8, qPrintable(until));
    QCOMPARE(model.headerData(BanTableModel::Username, Qt::Horizontal).toString(), u"User"_s);
    QCOMPARE(model.headerData(BanTableModel::CreatedAt, Qt::Horizontal).toString(), u"Since"_s);
    QVERIFY(!model.index(0, 0).data(Qt::ToolTipRole).isValid());
}

// A name with markup is shown as it is, and is never offered as a tooltip (which Qt might take
// for rich text).
void tst_BanTableModel::namesAreText()
{
    BanTableModel model;
    const QString hostile = u"<img src=\"/dev/zero\">"_s;
    model.setBans({ban(1, hostile, {})});
    QCOMPARE(model.index(0, BanTableModel::Username).data().toString(), hostile);
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.index(0, column).data(Qt::ToolTipRole).isValid());
}

QTEST_GUILESS_MAIN(tst_BanTableModel)
#include "tst_bantablemodel.moc"
