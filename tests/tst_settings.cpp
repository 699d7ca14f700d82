// The typed settings (settings/): a settings file written by an earlier version, with the keys
// spelt out as it spelt them, reads back through Settings:: unchanged; what Settings:: writes is
// the same text in the file; defaults and run-time fallbacks apply only where nothing is stored.
#include "lanchatsettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Settings : public QObject
{
    Q_OBJECT

private slots:
    void keysAreTheOnesOnDisk();
    void readsWhatEarlierVersionsWrote();
    void writesTheSameText();
    void defaultsAndFallbacks();

private:
    QTemporaryDir m_dir;
};

// Every key as earlier versions wrote it: a file of a user who upgrades has exactly these.
void tst_Settings::keysAreTheOnesOnDisk()
{
    QCOMPARE(Settings::ServerPort.key(), u"server/port"_s);
    QCOMPARE(Settings::ServerBind.key(), u"server/bind"_s);
    QCOMPARE(Settings::ServerToken.key(), u"server/token"_s);
    QCOMPARE(Settings::ServerDataDir.key(), u"server/dataDir"_s);
    QCOMPARE(Settings::ServerTls.key(), u"server/tls"_s);
    QCOMPARE(Settings::ServerTlsCertificate.key(), u"server/tlsCertificate"_s);
    QCOMPARE(Settings::ServerTlsKey.key(), u"server/tlsKey"_s);
    QCOMPARE(Settings::ServerName.key(), u"server/name"_s);
    QCOMPARE(Settings::ServerAnnounce.key(), u"server/announce"_s);
    QCOMPARE(Settings::LimitMaxConnections.key(), u"limits/maxConnections"_s);
    QCOMPARE(Settings::LimitMaxConnectionsPerAddress.key(), u"limits/maxConnectionsPerAddress"_s);
    QCOMPARE(Settings::LimitMaxTextLength.key(), u"limits/maxTextLength"_s);
    QCOMPARE(Settings::LimitMaxFrameSize.key(), u"limits/maxFrameSize"_s);
    QCOMPARE(Settings::LimitMaxOutputBuffer.key(), u"limits/maxOutputBuffer"_s);
    QCOMPARE(Settings::LimitKeepAliveSeconds.key(), u"limits/keepAliveSeconds"_s);
    QCOMPARE(Settings::LimitMaxFailedTokens.key(), u"limits/maxFailedTokens"_s);
    QCOMPARE(Settings::LimitMessageRate.key(), u"limits/messageRate"_s);
    QCOMPARE(Settings::LimitMaxHistorySizeMiB.key(), u"limits/maxHistorySizeMiB"_s);
    QCOMPARE(Settings::LimitAllowedOrigins.key(), u"limits/allowedOrigins"_s);
    QCOMPARE(Settings::UiOperatorName.key(), u"ui/operatorName"_s);
    QCOMPARE(Settings::UiLanguage.key(), u"ui/language"_s);
    QCOMPARE(Settings::UiCloseToTray.key(), u"ui/closeToTray"_s);
    QCOMPARE(Settings::UiColorScheme.key(), u"ui/colorScheme"_s);
    QCOMPARE(Settings::UiRecentEmoji.key(), u"ui/recentEmoji"_s);
    QCOMPARE(Settings::StartMode.key(), u"start/mode"_s);
    QCOMPARE(Settings::StartRemember.key(), u"start/remember"_s);
    QCOMPARE(Settings::RecentServerList.key(), u"join/recent"_s);
    QCOMPARE(Settings::TlsPins.key(), u"tls/pins"_s);
}

void tst_Settings::readsWhatEarlierVersionsWrote()
{
    const QString path = m_dir.filePath(u"old.conf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[server]\nport=9000\nbind=192.0.2.1\ntoken=abc\ntls=true\nannounce=false\n"
               "[limits]\nmaxHistorySizeMiB=12\nallowedOrigins=http://a, http://b\n"
               "maxConnections=50\n"
               "[ui]\ncloseToTray=true\nrecentEmoji=\xf0\x9f\x98\x80\n"
               "[start]\nmode=join\nremember=true\n");
    file.close();
    const QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(Settings::ServerPort.value(settings), quint16(9000));
    QVERIFY(Settings::ServerPort.isStored(settings));
    QCOMPARE(Settings::ServerBind.value(settings), u"192.0.2.1"_s);
    QCOMPARE(Settings::ServerToken.value(settings), u"abc"_s);
    QCOMPARE(Settings::ServerTls.value(settings), true);
    QCOMPARE(Settings::ServerAnnounce.value(settings), false);
    QCOMPARE(Settings::LimitMaxHistorySizeMiB.value(settings), 12);
    QCOMPARE(Settings::LimitAllowedOrigins.value(settings),
             QStringList({u"http://a"_s, u"http://b"_s}));
    QCOMPARE(Settings::LimitMaxConnections.value(settings), u"50"_s);
    QCOMPARE(Settings::UiCloseToTray.value(settings), true);
    // One item: INI stores it as a plain string, read back as a list of one.
    QCOMPARE(Settings::UiRecentEmoji.value(settings), QStringList(u"😀"_s));
    QCOMPARE(Settings::StartMode.value(settings), u"join"_s);
    QCOMPARE(Settings::StartRemember.value(settings), true);
}

void tst_Settings::writesTheSameText()
{
    const QString path = m_dir.filePath(u"new.conf"_s);
    {
        QSettings settings(path, QSettings::IniFormat);
        Settings::ServerPort.setValue(settings, 8788);
        Settings::ServerTls.setValue(settings, true);
        Settings::LimitMaxHistorySizeMiB.setValue(settings, 3);
        Settings::UiOperatorName.setValue(settings, u"Olga"_s);
        Settings::ServerBind.setValue(settings, u"10.0.0.1"_s);
        Settings::ServerBind.remove(settings);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    // A port as a number, not Qt's binary "@Variant(…)" of a quint16.
    QVERIFY2(text.contains("[server]\nport=8788\ntls=true\n"), text.constData());
    QVERIFY2(text.contains("[limits]\nmaxHistorySizeMiB=3\n"), text.constData());
    QVERIFY2(text.contains("[ui]\noperatorName=Olga\n"), text.constData());
    QVERIFY(!text.contains("bind"));
}

void tst_Settings::defaultsAndFallbacks()
{
    const QSettings empty(m_dir.filePath(u"empty.conf"_s), QSettings::IniFormat);
    QCOMPARE(Settings::ServerPort.value(empty), quint16(8787));
    QVERIFY(!Settings::ServerPort.isStored(empty));
    QCOMPARE(Settings::ServerPort.value(empty, 1234), quint16(1234));
    QCOMPARE(Settings::ServerAnnounce.value(empty), true);
    QCOMPARE(Settings::UiCloseToTray.value(empty), false);
    QCOMPARE(Settings::StartMode.value(empty), u"host"_s);
    QCOMPARE(Settings::UiColorScheme.value(empty), u"system"_s);
    QCOMPARE(Settings::UiOperatorName.value(empty, u"Host"_s), u"Host"_s);

    // Stored, even empty or false, wins over the fallback (as QSettings::value(key, fallback)).
    QSettings stored(m_dir.filePath(u"stored.conf"_s), QSettings::IniFormat);
    Settings::UiOperatorName.setValue(stored, QString());
    Settings::ServerAnnounce.setValue(stored, false);
    QCOMPARE(Settings::UiOperatorName.value(stored, u"Host"_s), QString());
    QCOMPARE(Settings::ServerAnnounce.value(stored, true), false);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
