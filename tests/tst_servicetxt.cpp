// The TXT record of `_lanchat._tcp` (docs/PROTOCOL.md, "DNS-SD"): what a host announces, and how
// an announcement from the network, hostile or not, is read. Pure functions, no network.
#include "discoveredhost.h"
#include "servicetxt.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString Fingerprint = u"33:E4:22:85:E0:D8:7D:3A:66:51:87:38:FC:10:71:43:01:4E:51:C2:4A:9F:"
                            u"BF:81:C4:89:AE:3E:7A:90:06:D2"_s;

ServiceAnnouncement announcement(const QString &name, bool tls)
{
    ServiceAnnouncement a;
    a.name = name;
    a.port = 8787;
    a.tls = tls;
    a.fingerprint = tls ? Fingerprint : QString();
    a.version = 1;
    return a;
}
} // namespace

class tst_ServiceTxt final : public QObject
{
    Q_OBJECT

private slots:
    void encodesPlainServer();
    void encodesTlsServerWithFingerprint();
    void encodeNeverExceedsAStringAndCutsAtCharacters();
    void encodeHttp();
    void roundTrip_data();
    void roundTrip();
    void parse_data();
    void parse();
    void cleanTextDropsControlAndFormatCharacters_data();
    void cleanTextDropsControlAndFormatCharacters();
    void truncatesAtUtf8Boundaries();
    void discoveredHostJson();
    void mergesAnnouncementAndScan();
};

void tst_ServiceTxt::encodesPlainServer()
{
    const QList<QByteArray> txt = ServiceTxt::encode(announcement(u"LanChat on alice"_s, false));
    QCOMPARE(txt, (QList<QByteArray> {"v=1", "name=LanChat on alice", "tls=0"}));
}

void tst_ServiceTxt::encodesTlsServerWithFingerprint()
{
    const QList<QByteArray> txt = ServiceTxt::encode(announcement(u"Büro"_s, true));
    QCOMPARE(txt, (QList<QByteArray> {"v=1", u"name=Büro"_s.toUtf8(), "tls=1",
                                      "fp=" + Fingerprint.toLatin1()}));
    // A fingerprint in another spelling is written in the canonical one; without TLS none.
    ServiceAnnouncement lower = announcement(u"x"_s, true);
    lower.fingerprint = Fingerprint.toLower().remove(u':');
    QCOMPARE(ServiceTxt::encode(lower).last(), "fp=" + Fingerprint.toLatin1());
    ServiceAnnouncement plainWithFp = announcement(u"x"_s, false);
    plainWithFp.fingerprint = Fingerprint;
    for (const QByteArray &string : ServiceTxt::encode(plainWithFp))
        QVERIFY2(!string.startsWith("fp="), string.constData());
}

void tst_ServiceTxt::encodeNeverExceedsAStringAndCutsAtCharacters()
{
    const QString longName = QString(300, u'é'); // 600 bytes of UTF-8
    const QList<QByteArray> txt = ServiceTxt::encode(announcement(longName, false));
    for (const QByteArray &string : txt)
        QVERIFY(string.size() <= ServiceTxt::MaxStringBytes);
    const QByteArray name = txt.at(1);
    QVERIFY(name.startsWith("name="));
    // Whole characters only: the value decodes without a replacement character.
    const QString decoded = QString::fromUtf8(name.mid(5));
    QVERIFY(!decoded.contains(QChar::ReplacementCharacter));
    QCOMPARE(decoded, QString(125, u'é'));
}

void tst_ServiceTxt::encodeHttp()
{
    QCOMPARE(ServiceTxt::encodeHttp(), QList<QByteArray> {"path=/"});
}

void tst_ServiceTxt::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("tls");
    QTest::addRow("plain") << u"LanChat on alice"_s << false;
    QTest::addRow("tls") << u"Team room"_s << true;
    QTest::addRow("non-ASCII") << u"Zoë's 李 room 🙂"_s << true;
    QTest::addRow("equals sign in the name") << u"a=b=c"_s << false;
}

void tst_ServiceTxt::roundTrip()
{
    QFETCH(QString, name);
    QFETCH(bool, tls);
    const ServiceTxtInfo info = ServiceTxt::parse(ServiceTxt::encode(announcement(name, tls)));
    QVERIFY(info.valid);
    QCOMPARE(info.version, 1);
    QCOMPARE(info.name, name);
    QCOMPARE(info.tls, tls);
    QCOMPARE(info.fingerprint, tls ? Fingerprint : QString());
}

void tst_ServiceTxt::parse_data()
{
    QTest::addColumn<QList<QByteArray>>("txt");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("fingerprint");
    const QByteArray fp = "fp=" + Fingerprint.toLatin1();
    QTest::addRow("no v") << QList<QByteArray> {"name=x", "tls=0"} << false << 0 << u"x"_s << false
                          << QString();
    QTest::addRow("v not a number")
        << QList<QByteArray> {"v=one"} << false << 0 << QString() << false << QString();
    QTest::addRow("v zero") << QList<QByteArray> {"v=0"} << false << 0 << QString() << false
                            << QString();
    QTest::addRow("v with junk") << QList<QByteArray> {"v=1x"} << false << 0 << QString() << false
                                 << QString();
    QTest::addRow("v as boolean attribute")
        << QList<QByteArray> {"v"} << false << 0 << QString() << false << QString();
    QTest::addRow("newer version")
        << QList<QByteArray> {"v=2", "tls=0"} << true << 2 << QString() << false << QString();
    QTest::addRow("keys case-insensitive")
        << QList<QByteArray> {"V=1", "NAME=Up", "TLS=1", "FP=" + Fingerprint.toLatin1()} << true
        << 1 << u"Up"_s << true << Fingerprint;
    QTest::addRow("first of a repeated key counts")
        << QList<QByteArray> {"v=1", "name=first", "name=second", "tls=1", "tls=0", fp} << true << 1
        << u"first"_s << true << Fingerprint;
    QTest::addRow("fp without tls=1 is ignored")
        << QList<QByteArray> {"v=1", "tls=0", fp} << true << 1 << QString() << false << QString();
    QTest::addRow("fp without tls key is ignored")
        << QList<QByteArray> {"v=1", fp} << true << 1 << QString() << false << QString();
    QTest::addRow("malformed fp is ignored") << QList<QByteArray> {"v=1", "tls=1", "fp=AB:CD"}
                                             << true << 1 << QString() << true << QString();
    QTest::addRow("fp in lower case without colons")
        << QList<QByteArray> {"v=1", "tls=1", "fp=" + Fingerprint.toLower().remove(u':').toLatin1()}
        << true << 1 << QString() << true << Fingerprint;
    QTest::addRow("tls other than 1 is off")
        << QList<QByteArray> {"v=1", "tls=yes"} << true << 1 << QString() << false << QString();
    QTest::addRow("unknown keys and empty strings ignored")
        << QList<QByteArray> {"", "=x", "token=secret", "v=1", "path=/"} << true << 1 << QString()
        << false << QString();
    QTest::addRow("a string over 255 bytes is ignored")
        << QList<QByteArray> {"v=1", "name=" + QByteArray(300, 'a')} << true << 1 << QString()
        << false << QString();
    QTest::addRow("control and bidi characters dropped")
        << QList<QByteArray> {"v=1", u"name=ev\u202eil\u0007 host\nname"_s.toUtf8()} << true << 1
        << u"evil host name"_s << false << QString();
    QTest::addRow("invalid UTF-8 replaced")
        << QList<QByteArray> {"v=1", QByteArray("name=ab\xff\xfe"
                                                "c")}
        << true << 1 << u"ab\ufffd\ufffdc"_s << false << QString();
}

void tst_ServiceTxt::parse()
{
    QFETCH(QList<QByteArray>, txt);
    const ServiceTxtInfo info = ServiceTxt::parse(txt);
    QTEST(info.valid, "valid");
    QTEST(info.version, "version");
    QTEST(info.name, "name");
    QTEST(info.tls, "tls");
    QTEST(info.fingerprint, "fingerprint");
}

void tst_ServiceTxt::cleanTextDropsControlAndFormatCharacters_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << u"LanChat on alice"_s << u"LanChat on alice"_s;
    QTest::addRow("bidi override") << u"abc\u202Etxt.exe"_s << u"abctxt.exe"_s;
    QTest::addRow("zero width") << u"a\u200Bb\uFEFFc"_s << u"abc"_s;
    QTest::addRow("controls") << u"a\u0000b\u001bc"_s << u"abc"_s;
    QTest::addRow("newlines become spaces") << u" a\r\nb\t"_s << u"a b"_s;
    QTest::addRow("lone surrogate") << QString(QChar(0xD800)) + u"x"_s << u"\ufffdx"_s;
    QTest::addRow("emoji kept") << u"🙂 ok"_s << u"🙂 ok"_s;
    QTest::addRow("markup stays text") << u"<b>x</b>"_s << u"<b>x</b>"_s;
}

void tst_ServiceTxt::cleanTextDropsControlAndFormatCharacters()
{
    QFETCH(QString, input);
    QTEST(ServiceTxt::cleanText(input), "expected");
}

void tst_ServiceTxt::truncatesAtUtf8Boundaries()
{
    QCOMPARE(ServiceTxt::truncatedUtf8(u"abc"_s, 63), u"abc"_s);
    const QString name = QString(40, u'ü'); // 80 bytes
    const QString cut = ServiceTxt::truncatedUtf8(name, ServiceTxt::MaxInstanceNameBytes);
    QCOMPARE(cut, QString(31, u'ü'));
    QVERIFY(cut.toUtf8().size() <= 63);
    // A surrogate pair (4 bytes) is never split.
    QCOMPARE(ServiceTxt::truncatedUtf8(u"ab🙂"_s, 5), u"ab"_s);
    QCOMPARE(ServiceTxt::truncatedUtf8(u"ab🙂"_s, 6), u"ab🙂"_s);
}

void tst_ServiceTxt::discoveredHostJson()
{
    DiscoveredHost host;
    host.name = u"Team room"_s;
    host.hostName = u"alice.local"_s;
    host.address = QHostAddress(u"10.213.7.1"_s);
    host.port = 8787;
    host.tls = true;
    host.fingerprint = Fingerprint;
    host.version = 1;
    const QJsonObject json = host.toJson();
    QCOMPARE(json.value("name"_L1).toString(), u"Team room"_s);
    QCOMPARE(json.value("host"_L1).toString(), u"alice.local"_s);
    QCOMPARE(json.value("address"_L1).toString(), u"10.213.7.1"_s);
    QCOMPARE(json.value("port"_L1).toInt(), 8787);
    QCOMPARE(json.value("tls"_L1), QJsonValue(true));
    QCOMPARE(json.value("fingerprint"_L1).toString(), Fingerprint);
    QCOMPARE(json.value("version"_L1).toInt(), 1);
    QCOMPARE(json.value("source"_L1).toString(), u"dns-sd"_s);
    QCOMPARE(host.authority(), u"10.213.7.1:8787"_s);
    host.address = QHostAddress(u"fe80::1%lo"_s);
    QCOMPARE(host.authority(), u"[fe80::1]:8787"_s);
}

void tst_ServiceTxt::mergesAnnouncementAndScan()
{
    DiscoveredHost announced;
    announced.name = u"Team room"_s;
    announced.address = QHostAddress(u"10.0.0.5"_s);
    announced.port = 8787;
    DiscoveredHost scanned = announced;
    scanned.source = DiscoveredHost::Source::Scan;
    scanned.name = u"Team room (scan)"_s;
    scanned.tls = true;
    scanned.fingerprint = Fingerprint;
    QList<DiscoveredHost> hosts {announced};
    QCOMPARE(DiscoveredHost::indexIn(hosts, scanned), 0);
    const DiscoveredHost merged = DiscoveredHost::merged(announced, scanned);
    QCOMPARE(merged.name, u"Team room"_s);
    QCOMPARE(merged.fingerprint, Fingerprint);
    DiscoveredHost elsewhere = scanned;
    elsewhere.port = 9000;
    QCOMPARE(DiscoveredHost::indexIn(hosts, elsewhere), -1);
}

QTEST_APPLESS_MAIN(tst_ServiceTxt)
#include "tst_servicetxt.moc"
