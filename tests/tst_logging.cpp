// LanChat::escapeForLog: what peer-controlled text looks like in a log line (docs/ARCHITECTURE.md,
// "What reaches the log"). Pure function, no server.
#include "logging.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_Logging final : public QObject
{
    Q_OBJECT

private slots:
    void escapesText_data();
    void escapesText();
    void escapesBytes_data();
    void escapesBytes();
    void cutsLongText();
    void everyEscapedLineIsPrintable();
};

void tst_Logging::escapesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("logged");
    QTest::addRow("plain") << u"http://127.0.0.1:8787"_s << u"http://127.0.0.1:8787"_s;
    QTest::addRow("letters of any script") << u"Ålice Мария 李"_s << u"Ålice Мария 李"_s;
    QTest::addRow("emoji") << u"hi 😀"_s << u"hi 😀"_s;
    QTest::addRow("forged line") << u"x\r\nlanchat.server: stopped"_s
                                 << u"x\\r\\nlanchat.server: stopped"_s;
    QTest::addRow("terminal escape")
        << u"\x1b[2J\x1b]0;owned\x07"_s << u"\\x1b[2J\\x1b]0;owned\\x07"_s;
    QTest::addRow("tab and NUL") << QString::fromUtf16(u"a\tb\0c", 5) << u"a\\tb\\x00c"_s;
    QTest::addRow("DEL") << u"a\x7f"_s << u"a\\x7f"_s;
    QTest::addRow("C1 NEL and CSI") << u"a\u0085b\u009bc"_s << u"a\\u0085b\\u009bc"_s;
    QTest::addRow("bidi override") << u"user\u202Egnp.exe"_s << u"user\\u202egnp.exe"_s;
    QTest::addRow("bidi isolates") << u"\u2066a\u2069\u200F"_s << u"\\u2066a\\u2069\\u200f"_s;
    QTest::addRow("zero width and BOM")
        << u"a\u200Bb\uFEFF\u00AD"_s << u"a\\u200bb\\ufeff\\u00ad"_s;
    QTest::addRow("line separators") << u"a\u2028b\u2029"_s << u"a\\u2028b\\u2029"_s;
    const QChar lone[] = {QChar(0xd800), QChar(u'x'), QChar(0xdc00)};
    QTest::addRow("lone surrogates") << QString(lone, 3) << u"\\ud800x\\udc00"_s;
    QTest::addRow("supplementary format character") << u"a\U000E0001b"_s << u"a\\U000e0001b"_s;
    QTest::addRow("backslash stays readable") << u"\\x1b"_s << u"\\\\x1b"_s;
}

void tst_Logging::escapesText()
{
    QFETCH(QString, text);
    QFETCH(QString, logged);
    QCOMPARE(LanChat::escapeForLog(text), logged);
}

void tst_Logging::escapesBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("logged");
    QTest::addRow("utf-8") << "Ålice\r\n"_ba << u"Ålice\\r\\n"_s;
    QTest::addRow("invalid utf-8") << "ab\xff\x1b\xc3"_ba << u"ab\\xff\\x1b\\xc3"_s;
    QTest::addRow("latin-1 origin") << "http://caf\xe9.example"_ba << u"http://caf\\xe9.example"_s;
    QTest::addRow("truncated sequence at the end") << "x\xe2\x82"_ba << u"x\\xe2\\x82"_s;
}

void tst_Logging::escapesBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, logged);
    QCOMPARE(LanChat::escapeForLog(QByteArrayView(bytes)), logged);
}

void tst_Logging::cutsLongText()
{
    const QString text(5000, u'a');
    QCOMPARE(LanChat::escapeForLog(text, 10), u"aaaaaaaaaa…(4990 more)"_s);
    QCOMPARE(LanChat::escapeForLog(QByteArrayView(QByteArray(300, '\xff')), 4),
             u"\\xff\\xff\\xff\\xff…(296 more)"_s);
    QCOMPARE(LanChat::escapeForLog(u"abc"_s, 3), u"abc"_s);
}

// Whatever comes in, the result has no character a terminal or a log viewer would act on.
void tst_Logging::everyEscapedLineIsPrintable()
{
    QString everything;
    for (char32_t c = 0; c < 0x110000; ++c) {
        if (c >= 0xd800 && c < 0xe000)
            everything += QChar(char16_t(c)); // lone surrogates too
        else
            everything += QString::fromUcs4(&c, 1);
    }
    const QString logged = LanChat::escapeForLog(everything, everything.size());
    for (qsizetype i = 0; i < logged.size(); ++i) {
        const QChar c = logged.at(i);
        if (c.isHighSurrogate() && i + 1 < logged.size() && logged.at(i + 1).isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(c, logged.at(++i));
            QVERIFY2(QChar::category(code) != QChar::Other_Format,
                     qPrintable(QString::number(code, 16)));
            continue;
        }
        QVERIFY2(!c.isSurrogate(), qPrintable(QString::number(c.unicode(), 16)));
        QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7f || c.unicode() > 0x9f),
                 qPrintable(QString::number(c.unicode(), 16)));
        QVERIFY2(c.category() != QChar::Other_Format && c.unicode() != 0x2028
                     && c.unicode() != 0x2029,
                 qPrintable(QString::number(c.unicode(), 16)));
    }
}

QTEST_GUILESS_MAIN(tst_Logging)
#include "tst_logging.moc"
