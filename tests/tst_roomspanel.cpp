// The operator console's Rooms panel (RoomsPanel) in the host's chat window against a real
// server: the operator creates, locks, sets the topic of, kicks from and deletes a room as a
// person would (actions, dialogs, the confirmation), and real clients see each change; the
// panel fits a narrow dock; the settings dialog's room limits reach the next server start.
#include "chatwindow.h"
#include "hostedchat.h"
#include "hostwindow.h"
#include "lanchatsettings.h"
#include "roomtablemodel.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

template<typename T>
T *findNamed(QObject &root, const QString &name)
{
    T *object = root.findChild<T *>(name);
    if (!object)
        qWarning() << "no object named" << name;
    return object;
}

QJsonObject joinRoomFrame(const QString &room)
{
    return {{"type"_L1, "join_room"_L1}, {"room"_L1, room}};
}

// The row of the room in the panel's table, or -1.
int rowOf(const QTableView *view, const QString &room)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, RoomTableModel::Name).data().toString() == room)
            return row;
    }
    return -1;
}

QString cell(const QTableView *view, const QString &room, int column)
{
    const int row = rowOf(view, room);
    return row < 0 ? QString() : view->model()->index(row, column).data().toString();
}

// Clicks the room's row as the operator would.
bool clickRoom(QTableView *view, const QString &room)
{
    if (!QTest::qWaitFor([&] { return rowOf(view, room) >= 0; }, 5000))
        return false;
    const QModelIndex index = view->model()->index(rowOf(view, room), RoomTableModel::Name);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    return view->selectionModel()->selectedRows().value(0).row() == index.row();
}

template<typename Dialog>
Dialog *openedDialog(QWidget &window, const QString &name)
{
    Dialog *dialog = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (dialog = window.findChild<Dialog *>(name)) && dialog->isVisible(); },
            5000))
        return nullptr;
    return dialog;
}

struct Console
{
    explicit Console(TestServer &server) : host(server), chat(host.window()), window(host.console())
    { }
    HostedChat host;
    ChatWindow &chat;
    HostWindow &window;
};

} // namespace

class tst_RoomsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void operatorManagesARoom();
    void panelFitsANarrowDock();
    void settingsDialogSetsRoomLimits();
};

void tst_RoomsPanel::initTestCase()
{
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_roomspanel"_s);
}

void tst_RoomsPanel::operatorManagesARoom()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    auto *list = findNamed<QTableView>(window, u"roomList"_s);
    window.showPanel(findNamed<QWidget>(window, u"roomsPanel"_s));
    QTRY_VERIFY(list->isVisible());
    QTRY_VERIFY(rowOf(list, u"general"_s) >= 0);
    QTRY_VERIFY(findNamed<QLabel>(window, u"directStatsLabel"_s)
                    ->text()
                    .contains(u"Direct conversations: 0, direct messages: 0"_s));

    // Create…
    auto *create = findNamed<QAction>(window, u"createRoomAction"_s);
    QTRY_VERIFY(create->isEnabled());
    create->trigger();
    auto *nameDialog = openedDialog<QInputDialog>(window, u"createRoomDialog"_s);
    QVERIFY(nameDialog);
    auto *nameField = nameDialog->findChild<QLineEdit *>();
    QTest::keyClicks(nameField, u"ops"_s);
    QTest::keyClick(nameField, Qt::Key_Return);
    QTRY_VERIFY(rowOf(list, u"ops"_s) >= 0);
    QCOMPARE(cell(list, u"ops"_s, RoomTableModel::Members), u"0, 0 online"_s);

    TestClient alice, bob;
    QVERIFY(alice.join(server.wsUrl(u"alice"_s)));
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    alice.send(joinRoomFrame(u"ops"_s));
    QVERIFY(!alice.waitFor(u"room_joined"_s).isEmpty());
    bob.send(joinRoomFrame(u"ops"_s));
    QVERIFY(!bob.waitFor(u"room_joined"_s).isEmpty());
    QTRY_COMPARE(cell(list, u"ops"_s, RoomTableModel::Members), u"2, 2 online"_s);

    // General is everyone's: no delete, lock or kick; a topic, yes.
    QVERIFY(clickRoom(list, u"general"_s));
    QVERIFY(!findNamed<QAction>(window, u"deleteRoomAction"_s)->isEnabled());
    QVERIFY(!findNamed<QAction>(window, u"lockRoomAction"_s)->isEnabled());
    QVERIFY(!findNamed<QAction>(window, u"kickFromRoomAction"_s)->isEnabled());
    QVERIFY(findNamed<QAction>(window, u"roomTopicAction"_s)->isEnabled());

    // Lock.
    QVERIFY(clickRoom(list, u"ops"_s));
    auto *lock = findNamed<QAction>(window, u"lockRoomAction"_s);
    QVERIFY(lock->isEnabled());
    lock->trigger();
    QCOMPARE(alice.waitFor(u"room_updated"_s).value("locked"_L1), QJsonValue(true));
    QTRY_COMPARE(cell(list, u"ops"_s, RoomTableModel::Locked), u"locked"_s);
    QTRY_COMPARE(lock->text(), u"Un&lock"_s);

    // Set topic…: a peer could have written it; it shows as typed.
    const QString hostile = u"<b>bold</b> & <img src=x>"_s;
    findNamed<QAction>(window, u"roomTopicAction"_s)->trigger();
    auto *topicDialog = openedDialog<QInputDialog>(window, u"roomTopicDialog"_s);
    QVERIFY(topicDialog);
    auto *topicField = topicDialog->findChild<QLineEdit *>();
    QTest::keyClicks(topicField, hostile);
    QTest::keyClick(topicField, Qt::Key_Return);
    QCOMPARE(bob.waitFor(u"topic"_s).value("topic"_L1).toString(), hostile);
    QTRY_COMPARE(cell(list, u"ops"_s, RoomTableModel::Topic), hostile);
    // For looking at it (docs/screenshots/host-rooms.png): LANCHAT_SCREENSHOT_ROOMS=/tmp/rooms.png.
    if (const QString shot = qEnvironmentVariable("LANCHAT_SCREENSHOT_ROOMS"); !shot.isEmpty())
        QVERIFY(console.chat.grab().save(shot));

    // Kick from room…
    findNamed<QAction>(window, u"kickFromRoomAction"_s)->trigger();
    auto *kickDialog = openedDialog<QDialog>(window, u"kickFromRoomDialog"_s);
    QVERIFY(kickDialog);
    auto *member = findNamed<QComboBox>(*kickDialog, u"kickMemberField"_s);
    QCOMPARE(member->count(), 2);
    member->setCurrentText(u"alice"_s);
    QTest::keyClicks(findNamed<QLineEdit>(*kickDialog, u"kickReasonField"_s), u"off topic"_s);
    QTest::mouseClick(kickDialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    const QJsonObject kicked = bob.waitFor(u"leave"_s);
    QCOMPARE(kicked.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(kicked.value("reason"_L1).toString(), u"off topic"_s);
    QCOMPARE(alice.waitFor(u"leave"_s).value("kicked"_L1), QJsonValue(true));
    QTRY_COMPARE(cell(list, u"ops"_s, RoomTableModel::Members), u"1, 1 online"_s);

    // Delete…: Cancel keeps it; Delete removes it, and bob is told.
    auto *remove = findNamed<QAction>(window, u"deleteRoomAction"_s);
    QVERIFY(clickRoom(list, u"ops"_s));
    remove->trigger();
    auto *confirmation = openedDialog<QMessageBox>(window, u"deleteRoomConfirmation"_s);
    QVERIFY(confirmation);
    QVERIFY(confirmation->text().contains(u"\"ops\""_s));
    QVERIFY(confirmation->text().contains(u"History panel still searches and exports"_s));
    QTest::mouseClick(confirmation->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<QMessageBox *>(u"deleteRoomConfirmation"_s));
    QVERIFY(rowOf(list, u"ops"_s) >= 0);
    remove->trigger();
    confirmation = openedDialog<QMessageBox>(window, u"deleteRoomConfirmation"_s);
    QVERIFY(confirmation);
    QTest::mouseClick(confirmation->button(QMessageBox::Yes), Qt::LeftButton);
    QCOMPARE(bob.waitFor(u"room_deleted"_s).value("room"_L1).toString(), u"ops"_s);
    QTRY_COMPARE(rowOf(list, u"ops"_s), -1);

    // Each step is in the moderation log, newest first.
    auto *log = findNamed<QTableView>(window, u"moderationLog"_s);
    QTRY_VERIFY(log->model()->rowCount() >= 5);
    QStringList actions;
    for (int row = 0; row < 5; ++row)
        actions << log->model()->index(row, 2).data().toString();
    QCOMPARE(actions, QStringList({u"delete room"_s, u"kick from room"_s, u"room topic"_s,
                                   u"lock room"_s, u"create room"_s}));

    // A refusal shows under the table.
    create->trigger();
    nameDialog = openedDialog<QInputDialog>(window, u"createRoomDialog"_s);
    QVERIFY(nameDialog);
    nameField = nameDialog->findChild<QLineEdit *>();
    QTest::keyClicks(nameField, u"general"_s);
    QTest::keyClick(nameField, Qt::Key_Return);
    auto *refusal = findNamed<QLabel>(window, u"roomRefusalLabel"_s);
    QTRY_VERIFY(refusal->isVisible());
    QVERIFY(refusal->text().contains(u"exists already"_s));
}

void tst_RoomsPanel::panelFitsANarrowDock()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    console.chat.resize(1180, 720);
    QVERIFY(console.host.show());
    QDockWidget *dock = console.chat.operatorDock();
    console.chat.resizeDocks({dock}, {420}, Qt::Horizontal);
    QTRY_COMPARE(dock->width(), 420);
    QVERIFY(console.host.start());
    server.controller().createRoom(u"a-room-with-a-name-of-32-chars-x"_s);
    auto *panel = findNamed<QWidget>(window, u"roomsPanel"_s);
    window.showPanel(panel);
    auto *list = findNamed<QTableView>(window, u"roomList"_s);
    QTRY_VERIFY(rowOf(list, u"a-room-with-a-name-of-32-chars-x"_s) >= 0);
    server.controller().setRoomTopic(u"a-room-with-a-name-of-32-chars-x"_s, QString(300, u'w'));
    QTRY_COMPARE(cell(list, u"a-room-with-a-name-of-32-chars-x"_s, RoomTableModel::Topic).size(),
                 300);
    QVERIFY2(panel->minimumSizeHint().width() <= panel->width(),
             qPrintable(u"the panel needs %1 px, it has %2"_s.arg(panel->minimumSizeHint().width())
                            .arg(panel->width())));
    QHeaderView *header = list->horizontalHeader();
    QTRY_VERIFY(header->length() > 0);
    QVERIFY2(header->length() <= list->viewport()->width(),
             qPrintable(u"columns need %1 px, the view shows %2"_s.arg(header->length())
                            .arg(list->viewport()->width())));
    QVERIFY(!list->horizontalScrollBar()->isVisible());
}

void tst_RoomsPanel::settingsDialogSetsRoomLimits()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());

    QTest::keyClick(&console.chat, Qt::Key_Comma, Qt::ControlModifier);
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>(u"settingsDialog"_s)));
    auto *maxRooms = findNamed<QSpinBox>(*dialog, u"maxRoomsField"_s);
    auto *perUser = findNamed<QSpinBox>(*dialog, u"maxRoomsPerUserField"_s);
    QCOMPARE(maxRooms->value(), Protocol::Limits::MaxRooms);
    QCOMPARE(perUser->value(), Protocol::Limits::MaxRoomsPerUser);
    maxRooms->setValue(2);
    perUser->setValue(1);
    QSignalSpy started(&server.controller(), &ServerController::started);
    dialog->accept();
    QVERIFY(started.wait(10000)); // a changed limit restarts the server
    QCOMPARE(Settings::LimitMaxRooms.value(QSettings()), u"2"_s);
    QCOMPARE(Settings::LimitMaxRoomsPerUser.value(QSettings()), u"1"_s);

    QUrl url = server.wsUrl(u"alice"_s);
    url.setPort(server.controller().status().port); // the restarted server's
    TestClient alice;
    QVERIFY(alice.join(url));
    alice.send(joinRoomFrame(u"one"_s));
    QVERIFY(!alice.waitFor(u"room_joined"_s).isEmpty());
    alice.send(joinRoomFrame(u"two"_s));
    QCOMPARE(alice.waitFor(u"error"_s).value("code"_L1).toString(), u"rooms_full"_s);

    // The next dialog shows what runs.
    window.openSettings();
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>(u"settingsDialog"_s)));
    QCOMPARE(findNamed<QSpinBox>(*dialog, u"maxRoomsField"_s)->value(), 2);
    QCOMPARE(findNamed<QSpinBox>(*dialog, u"maxRoomsPerUserField"_s)->value(), 1);
    dialog->reject();
}

QTEST_MAIN(tst_RoomsPanel)
#include "tst_roomspanel.moc"
