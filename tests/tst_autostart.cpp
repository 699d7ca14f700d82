// "Start when I log in": the XDG autostart entry in $XDG_CONFIG_HOME/autostart (pointed at a
// temporary directory before anything reads it), written and removed by AutostartEntry, valid
// for desktop-file-validate, quoted for any executable path, off when a desktop hid it; and the
// settings dialog of the host window that ticks it.
#include "autostartentry.h"
#include "hostedchat.h"
#include "hostwindow.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QTemporaryDir *configHome = nullptr;

QString readEntry()
{
    QFile file(AutostartEntry::filePath());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// desktop-file-validate (Debian's desktop-file-utils) on the entry; its complaints, or empty.
QString validate(const QString &path)
{
    QProcess validator;
    validator.start(u"desktop-file-validate"_s, {path});
    if (!validator.waitForFinished(10000) || validator.exitStatus() != QProcess::NormalExit)
        return u"desktop-file-validate did not run (package desktop-file-utils): "_s
               + validator.errorString();
    const QString output = QString::fromUtf8(validator.readAll());
    return validator.exitCode() == 0 && output.isEmpty() ? QString() : output + u" (exit code)"_s;
}
} // namespace

class tst_Autostart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void entryIsWrittenAndRemoved();
    void executablePathIsQuoted_data();
    void executablePathIsQuoted();
    void hiddenEntryIsOff_data();
    void hiddenEntryIsOff();
    void unwritableDirectoryIsReported();
    void settingsDialogTicksIt();
};

void tst_Autostart::initTestCase()
{
    LanChat::registerMetaTypes();
    QCOMPARE(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
             configHome->path());
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_autostart"_s);
}

void tst_Autostart::init()
{
    QFile::remove(AutostartEntry::filePath());
    QSettings().clear();
}

void tst_Autostart::entryIsWrittenAndRemoved()
{
    QCOMPARE(
        AutostartEntry::filePath(),
        configHome->filePath(u"autostart/"_s + QStringLiteral(LANCHAT_APP_ID) + u".desktop"_s));
    QVERIFY(!AutostartEntry::isEnabled());
    QString error;
    QVERIFY2(AutostartEntry::setEnabled(true, &error, u"/usr/bin/lanchat"_s), qPrintable(error));
    QVERIFY(AutostartEntry::isEnabled());
    const QString entry = readEntry();
    QVERIFY2(entry.contains(u"\nExec=/usr/bin/lanchat --minimized\n"_s), qPrintable(entry));
    QVERIFY(entry.contains(u"\nIcon="_s + QStringLiteral(LANCHAT_APP_ID) + u'\n'));
    QVERIFY(entry.startsWith(u"[Desktop Entry]\n"_s));
    const QString problems = validate(AutostartEntry::filePath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    QVERIFY(AutostartEntry::setEnabled(false, &error));
    QVERIFY(!QFile::exists(AutostartEntry::filePath()));
    QVERIFY(!AutostartEntry::isEnabled());
    QVERIFY(AutostartEntry::setEnabled(false, &error)); // nothing to remove is fine
}

void tst_Autostart::executablePathIsQuoted_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QString>("exec");
    QTest::addRow("space") << u"/opt/Lan Chat/bin/lanchat"_s
                           << u"\"/opt/Lan Chat/bin/lanchat\" --minimized"_s;
    QTest::addRow("percent") << u"/opt/100%/lanchat"_s << u"/opt/100%%/lanchat --minimized"_s;
    // Inside quotes " and $ get a backslash, which the file format writes as two.
    QTest::addRow("quote and dollar")
        << u"/opt/a\"b$c/lanchat"_s << u"\"/opt/a\\\\\"b\\\\$c/lanchat\" --minimized"_s;
}

void tst_Autostart::executablePathIsQuoted()
{
    QFETCH(QString, executable);
    QFETCH(QString, exec);
    QString error;
    QVERIFY(AutostartEntry::setEnabled(true, &error, executable));
    QVERIFY2(readEntry().contains(u"\nExec="_s + exec + u'\n'), qPrintable(readEntry()));
    const QString problems = validate(AutostartEntry::filePath());
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void tst_Autostart::hiddenEntryIsOff_data()
{
    QTest::addColumn<QString>("line");
    QTest::addRow("Hidden") << u"Hidden=true"_s;
    QTest::addRow("Hidden with spaces") << u"Hidden = true"_s;
    QTest::addRow("GNOME") << u"X-GNOME-Autostart-enabled=false"_s;
}

// Desktops' own start-up settings switch an entry off by editing it, not by deleting it.
void tst_Autostart::hiddenEntryIsOff()
{
    QFETCH(QString, line);
    QString error;
    QVERIFY(AutostartEntry::setEnabled(true, &error, u"/usr/bin/lanchat"_s));
    QString entry = readEntry();
    entry.replace(u"X-GNOME-Autostart-enabled=true\n"_s, line + u'\n');
    QFile file(AutostartEntry::filePath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(entry.toUtf8());
    file.close();
    QVERIFY(!AutostartEntry::isEnabled());
    // Ticking it again writes a fresh entry.
    QVERIFY(AutostartEntry::setEnabled(true, &error, u"/usr/bin/lanchat"_s));
    QVERIFY(AutostartEntry::isEnabled());
}

void tst_Autostart::unwritableDirectoryIsReported()
{
    const QString autostart = configHome->filePath(u"autostart"_s);
    QDir(autostart).removeRecursively();
    QFile blocker(autostart); // a file where the directory should be
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    QVERIFY(!AutostartEntry::setEnabled(true, &error, u"/usr/bin/lanchat"_s));
    QVERIFY2(error.contains(u"autostart"_s), qPrintable(error));
    QVERIFY(QFile::remove(autostart));
}

void tst_Autostart::settingsDialogTicksIt()
{
    TestServer server;
    HostedChat host(server); // the operator tools in the host's chat window
    HostWindow &window = host.console();
    QVERIFY(host.show());

    const auto openDialog = [&window]() -> SettingsDialog * {
        window.openSettings();
        return window.findChild<SettingsDialog *>(u"settingsDialog"_s);
    };
    SettingsDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *startAtLogin = dialog->findChild<QCheckBox *>(u"startAtLoginField"_s);
    QVERIFY(startAtLogin);
    QVERIFY(!startAtLogin->isChecked());
    startAtLogin->setChecked(true);
    dialog->accept();
    QTRY_VERIFY(!window.findChild<SettingsDialog *>(u"settingsDialog"_s));
    QVERIFY(AutostartEntry::isEnabled());
    QVERIFY(readEntry().contains(u" --minimized\n"_s));

    dialog = openDialog();
    QVERIFY(dialog);
    startAtLogin = dialog->findChild<QCheckBox *>(u"startAtLoginField"_s);
    QVERIFY(startAtLogin->isChecked()); // read back from the entry
    startAtLogin->setChecked(false);
    dialog->accept();
    QTRY_VERIFY(!window.findChild<SettingsDialog *>(u"settingsDialog"_s));
    QVERIFY(!QFile::exists(AutostartEntry::filePath()));
}

int main(int argc, char *argv[])
{
    // Before anything asks QStandardPaths: the entry goes to a directory of the test's own.
    QTemporaryDir directory;
    configHome = &directory;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(directory.path()));
    QApplication app(argc, argv);
    tst_Autostart test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_autostart.moc"
