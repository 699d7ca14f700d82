// SafeText: peers' text shown where Qt guesses between plain and rich text (tooltips, labels,
// balloon notifications) reads exactly as written, for any text.
#include "safetext.h"

#include <QLabel>
#include <QTest>
#include <QTextDocumentFragment>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace {
// What a QLabel left at Qt::AutoText (QToolTip's, Qt's balloon) shows for the string.
QString shownByAutoText(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}
} // namespace

class tst_SafeText : public QObject
{
    Q_OBJECT

private slots:
    void showsTextAsWritten_data();
    void toolTipShowsTextAsWritten_data() { showsTextAsWritten_data(); }
    void toolTipShowsTextAsWritten();
    void notificationShowsTextAsWritten_data() { showsTextAsWritten_data(); }
    void notificationShowsTextAsWritten();
    void longToolTipIsCut();
    void windowTitleKeepsPlaceholders_data();
    void windowTitleKeepsPlaceholders();
};

void tst_SafeText::showsTextAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("image") << u"<img src=\"/dev/zero\">"_s;
    QTest::addRow("bold") << u"<b>bold</b>"_s;
    QTest::addRow("ampersand only") << u"Tom & Jerry"_s;
    QTest::addRow("entity") << u"&lt;not a tag&gt; &amp;"_s;
    QTest::addRow("doctype") << u"<!DOCTYPE html><p>x</p>"_s;
    QTest::addRow("quotes") << u"\"'"_s;
    QTest::addRow("plain") << u"alice"_s;
    QTest::addRow("non-ASCII") << u"Jürgen 令牌 😀"_s;
    QTest::addRow("placeholder") << u"x[*]y"_s;
}

void tst_SafeText::toolTipShowsTextAsWritten()
{
    QFETCH(QString, text);
    QCOMPARE(shownByAutoText(SafeText::toolTip(text)), text);
    QVERIFY(!SafeText::toolTip(text).contains(u"<img"_s));
}

void tst_SafeText::notificationShowsTextAsWritten()
{
    QFETCH(QString, text);
    const QString body = SafeText::notificationBody(text, text);
    QCOMPARE(shownByAutoText(body), text + u": "_s + text);
    QVERIFY(!body.contains(u"<img"_s));
    // A real label renders it without loading anything.
    QLabel label;
    label.setText(body);
    QCOMPARE(label.textFormat(), Qt::AutoText);
}

void tst_SafeText::longToolTipIsCut()
{
    const QString longText = QString(5000, u'a');
    const QString shown = shownByAutoText(SafeText::toolTip(longText));
    QVERIFY(shown.size() < 1100);
    QVERIFY(shown.endsWith(u'…'));
    QCOMPARE(shownByAutoText(SafeText::toolTip(u"two\nlines"_s)), u"two\nlines"_s);
    QVERIFY(SafeText::toolTip(QString()).isEmpty());
}

void tst_SafeText::windowTitleKeepsPlaceholders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("one") << u"Kick x[*]y"_s;
    QTest::addRow("two") << u"[*][*]"_s;
    QTest::addRow("none") << u"Ban alice"_s;
}

void tst_SafeText::windowTitleKeepsPlaceholders()
{
    QFETCH(QString, text);
    QWidget window;
    window.setWindowTitle(SafeText::windowTitle(text));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowHandle()->title(), text);
    window.setWindowModified(true);
    QCOMPARE(window.windowHandle()->title(), text);
}

QTEST_MAIN(tst_SafeText)
#include "tst_safetext.moc"
