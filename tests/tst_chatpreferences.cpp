// The chat window's Settings menu (notifications, their sound, text size) and the keyboard
// shortcut list, driven through their actions as a user's clicks and keys trigger them.
#include "chatinput.h"
#include "chatpreferencesmenu.h"
#include "lanchatsettings.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>

using namespace Qt::StringLiterals;

class tst_ChatPreferences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void notificationsAndSoundAreKept();
    void textSizeStepsAndIsBounded();
    void textSizeComesBackNextTime();
    void shortcutsAreReadFromTheActions();
};

void tst_ChatPreferences::initTestCase()
{
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_chatpreferences"_s);
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ChatPreferences::init()
{
    QSettings().clear();
}

void tst_ChatPreferences::notificationsAndSoundAreKept()
{
    ChatPreferencesMenu menu;
    // The defaults: notifications on, sound off (a sound is opt-in).
    QVERIFY(menu.notificationsEnabled());
    QVERIFY(!menu.soundEnabled());
    QVERIFY(menu.soundAction()->isEnabled());

    menu.soundAction()->trigger();
    QVERIFY(menu.soundEnabled());
    QCOMPARE(Settings::UiMessageSound.value(QSettings()), true);

    menu.notificationsAction()->trigger();
    QVERIFY(!menu.notificationsEnabled());
    QVERIFY(!menu.soundEnabled()); // no notification, no sound
    QVERIFY(!menu.soundAction()->isEnabled());
    QCOMPARE(Settings::UiNotifyMessages.value(QSettings()), false);

    const ChatPreferencesMenu again;
    QVERIFY(!again.notificationsEnabled());
    QVERIFY(again.soundAction()->isChecked());
    QVERIFY(!again.soundAction()->isEnabled());
}

void tst_ChatPreferences::textSizeStepsAndIsBounded()
{
    QLabel view;
    QFont base = view.font();
    base.setPointSizeF(10);
    view.setFont(base);
    ChatPreferencesMenu menu;
    menu.setTextSizeTargets({&view});
    QCOMPARE(view.font().pointSizeF(), 10.0);
    QVERIFY(!menu.defaultTextSizeAction()->isEnabled());

    menu.largerTextAction()->trigger();
    menu.largerTextAction()->trigger();
    QCOMPARE(view.font().pointSizeF(), 12.0);
    menu.smallerTextAction()->trigger();
    QCOMPARE(view.font().pointSizeF(), 11.0);
    QCOMPARE(Settings::UiTextSizeStep.value(QSettings()), 1);
    menu.defaultTextSizeAction()->trigger();
    QCOMPARE(view.font().pointSizeF(), 10.0);

    for (int i = 0; i < 40; ++i)
        menu.largerTextAction()->trigger();
    QCOMPARE(menu.textSizeStep(), ChatPreferencesMenu::MaxTextSizeStep);
    QVERIFY(!menu.largerTextAction()->isEnabled());
    for (int i = 0; i < 40; ++i)
        menu.smallerTextAction()->trigger();
    QCOMPARE(menu.textSizeStep(), ChatPreferencesMenu::MinTextSizeStep);
    QCOMPARE(view.font().pointSizeF(), 10.0 + ChatPreferencesMenu::MinTextSizeStep);
    QVERIFY(!menu.smallerTextAction()->isEnabled());
    // The family and other attributes are the widget's own (emoji fallbacks survive).
    QCOMPARE(view.font().family(), base.family());
}

void tst_ChatPreferences::textSizeComesBackNextTime()
{
    QSettings settings;
    Settings::UiTextSizeStep.setValue(settings, 3);
    settings.sync();
    QLabel view;
    QFont base = view.font();
    base.setPointSizeF(9);
    view.setFont(base);
    ChatPreferencesMenu menu;
    menu.setTextSizeTargets({&view});
    QCOMPARE(menu.textSizeStep(), 3);
    QCOMPARE(view.font().pointSizeF(), 12.0);

    // A stored value out of range (an edited file) is bounded.
    Settings::UiTextSizeStep.setValue(settings, 999);
    QCOMPARE(ChatPreferencesMenu().textSizeStep(), ChatPreferencesMenu::MaxTextSizeStep);
}

void tst_ChatPreferences::shortcutsAreReadFromTheActions()
{
    QMainWindow window;
    QMenu *menu = window.menuBar()->addMenu(u"&View"_s);
    QAction *tools = menu->addAction(u"&Operator tools…"_s);
    tools->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    window.addToolBar(u"tools"_s)->addAction(tools); // in a menu and a toolbar: listed once
    menu->addAction(u"&Without a shortcut"_s);
    QAction *markup = menu->addAction(u"<b>bold</b>"_s);
    markup->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    auto *preferences = new ChatPreferencesMenu(&window);
    window.menuBar()->addMenu(preferences);

    const ShortcutsDialog dialog(&window);
    const QList<QPair<QString, QString>> rows = dialog.rows();
    const QString toolsKey
        = QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText);
    QCOMPARE(rows.count({u"Operator tools"_s, toolsKey}), 1);
    QVERIFY(rows.contains(
        {u"<b>bold</b>"_s, QKeySequence(Qt::CTRL | Qt::Key_B).toString(QKeySequence::NativeText)}));
    QVERIFY(rows.contains({u"Default text size"_s,
                           QKeySequence(Qt::CTRL | Qt::Key_0).toString(QKeySequence::NativeText)}));
    for (const auto &row : rows)
        QVERIFY2(row.first != u"Without a shortcut"_s, "an action without keys is listed");
    // The message input's keys come last.
    const QList<QPair<QString, QKeySequence>> inputKeys = ChatInput::keys();
    QCOMPARE(rows.last().first, inputKeys.last().first);
    QCOMPARE(rows.last().second, inputKeys.last().second.toString(QKeySequence::NativeText));
}

QTEST_MAIN(tst_ChatPreferences)
#include "tst_chatpreferences.moc"
