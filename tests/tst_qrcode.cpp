// The QR code for phones: QrMatrix against libqrencode itself, QrCodeWidget's painting read back
// module by module, the terminal form read back from its half blocks (also as `lanchat
// --headless --qr` prints it), and the host's QR panel.
#include "inviteqrpanel.h"
#include "qrcodewidget.h"
#include "qrmatrix.h"
#include "qrterminal.h"

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include <qrencode.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// The reference: libqrencode's own matrix for the same input and settings.
QVector<bool> libqrencodeModules(const QByteArray &data, int *width)
{
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()), reinterpret_cast<const unsigned char *>(data.data()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return {};
    *width = code->width;
    QVector<bool> modules(code->width * code->width);
    for (int i = 0; i < modules.size(); ++i)
        modules[i] = code->data[i] & 1;
    return modules;
}

bool isDarkPixel(QRgb pixel)
{
    return qGray(pixel) < 128;
}

// Reads the modules back from a painted image: the colour at the centre of each module.
QVector<bool> readModules(const QImage &image, QPoint origin, int module, int size)
{
    QVector<bool> modules(size * size);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            modules[y * size + x] = isDarkPixel(image.pixel(origin.x() + x * module + module / 2,
                                                            origin.y() + y * module + module / 2));
    return modules;
}

// Reads the modules back from half blocks (light blocks, dark spaces), quiet zone included.
QVector<bool> readTerminal(const QString &text, int across, int *rows)
{
    QString plain = text;
    plain.remove(QRegularExpression(u"\x1b\\[[0-9;]*m"_s));
    const QStringList lines = plain.split(u'\n', Qt::SkipEmptyParts);
    *rows = int(lines.size());
    QVector<bool> modules(across * across, false);
    for (int line = 0; line < lines.size(); ++line) {
        if (lines.at(line).size() != across)
            return {};
        for (int x = 0; x < across; ++x) {
            const QChar c = lines.at(line).at(x);
            const bool upperLight = c == QChar(0x2588) || c == QChar(0x2580);
            const bool lowerLight = c == QChar(0x2588) || c == QChar(0x2584);
            if (c != QChar(0x2588) && c != QChar(0x2580) && c != QChar(0x2584) && c != u' ')
                return {};
            modules[2 * line * across + x] = !upperLight;
            if (2 * line + 1 < across)
                modules[(2 * line + 1) * across + x] = !lowerLight;
        }
    }
    return modules;
}

QVector<bool> withQuietZone(const QVector<bool> &modules, int size, int quiet)
{
    const int across = size + 2 * quiet;
    QVector<bool> result(across * across, false);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            result[(y + quiet) * across + x + quiet] = modules.at(y * size + x);
    return result;
}

QVector<bool> modulesOf(const QrMatrix &matrix)
{
    QVector<bool> modules(matrix.size() * matrix.size());
    for (int y = 0; y < matrix.size(); ++y)
        for (int x = 0; x < matrix.size(); ++x)
            modules[y * matrix.size() + x] = matrix.isDark(x, y);
    return modules;
}

QString binary()
{
    return qEnvironmentVariable("LANCHAT_BINARY");
}
} // namespace

class tst_QrCode final : public QObject
{
    Q_OBJECT

private slots:
    void matrixIsLibqrencodes_data();
    void matrixIsLibqrencodes();
    void tooMuchDataGivesNoSymbol();
    void paintedWidgetReadsBack_data();
    void paintedWidgetReadsBack();
    void panelWithSeveralAddresses();
    void fullScreenView();
    void terminalReadsBack_data();
    void terminalReadsBack();
    void headlessPrintsQrWhenAsked();
};

void tst_QrCode::matrixIsLibqrencodes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addRow("browser link") << "http://192.168.1.20:8787/?token=CJ6tURhIrDw9t9VB_ISDcpjc"_ba;
    QTest::addRow("https IPv6 link")
        << "https://[fd00:1234:5678::abcd]:8787/?token=CJ6tURhIrDw9t9VB_ISDcpjc"_ba;
    QTest::addRow("one byte") << "x"_ba;
    QTest::addRow("binary with NUL") << QByteArray("a\0b\xff", 4);
}

void tst_QrCode::matrixIsLibqrencodes()
{
    QFETCH(QByteArray, data);
    const QrMatrix matrix = QrMatrix::encode(data);
    QVERIFY(!matrix.isNull());
    int width = 0;
    const QVector<bool> reference = libqrencodeModules(data, &width);
    QCOMPARE(matrix.size(), width);
    QCOMPARE(matrix.size(), 17 + 4 * matrix.version());
    QCOMPARE(modulesOf(matrix), reference);
    // The finder pattern in the top-left corner: a dark 7x7 ring around a light one.
    for (int i = 0; i < 7; ++i) {
        QVERIFY(matrix.isDark(i, 0) && matrix.isDark(0, i) && matrix.isDark(6, i));
        QVERIFY(!matrix.isDark(i, 7));
    }
    QVERIFY(!matrix.isDark(-1, 0) && !matrix.isDark(width, width));
}

void tst_QrCode::tooMuchDataGivesNoSymbol()
{
    QVERIFY(QrMatrix::encode(QByteArray(4000, 'x')).isNull());
    QVERIFY(QrMatrix::encode(QByteArray()).isNull());
    QVERIFY(QrTerminal::render(QrMatrix(), QrTerminal::Colours::None).isEmpty());
}

void tst_QrCode::paintedWidgetReadsBack_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("preferred") << QSize();
    QTest::addRow("small") << QSize(170, 170);
    QTest::addRow("wide") << QSize(700, 260);
    QTest::addRow("odd") << QSize(333, 517);
}

void tst_QrCode::paintedWidgetReadsBack()
{
    QFETCH(QSize, size);
    const QByteArray link = "http://10.213.7.1:8787/?token=Ab-_cD3fGh1jKl0nOpQrStUv"_ba;
    QrCodeWidget widget;
    widget.setMatrix(QrMatrix::encode(link));
    widget.resize(size.isValid() ? size : widget.sizeHint());
    const QImage image = widget.grab().toImage();
    const int module = widget.modulePixels();
    QVERIFY2(module >= QrCodeWidget::MinimumModulePixels, qPrintable(QString::number(module)));
    if (!size.isValid())
        QCOMPARE(module, QrCodeWidget::PreferredModulePixels);
    int width = 0;
    const QVector<bool> reference = libqrencodeModules(link, &width);
    QCOMPARE(readModules(image, widget.symbolOrigin(), module, width), reference);
    // The quiet zone around it is light.
    const QPoint origin = widget.symbolOrigin();
    for (int i = -QrMatrix::QuietZone; i < width + QrMatrix::QuietZone; ++i) {
        for (const QPoint &moduleAt : {QPoint(i, -QrMatrix::QuietZone), QPoint(i, width),
                                       QPoint(-1, i), QPoint(width + QrMatrix::QuietZone - 1, i)}) {
            const QPoint pixel = origin + moduleAt * module + QPoint(module / 2, module / 2);
            QVERIFY2(!isDarkPixel(image.pixel(pixel)),
                     qPrintable(u"%1,%2"_s.arg(pixel.x()).arg(pixel.y())));
        }
    }
}

void tst_QrCode::panelWithSeveralAddresses()
{
    InviteQrPanel panel;
    panel.setLinks({});
    QVERIFY(panel.code()->matrix().isNull());
    QVERIFY(!panel.findChild<QPushButton *>(u"qrFullScreenButton"_s)->isEnabled());
    const QString first = u"http://192.168.1.20:8787/?token=abc"_s;
    const QString second = u"http://10.0.0.9:8787/?token=abc"_s;
    panel.setLinks({first, second});
    panel.show();
    auto *choice = panel.findChild<QComboBox *>(u"qrAddressChoice"_s);
    QVERIFY(choice->isVisible());
    QCOMPARE(choice->count(), 2);
    QCOMPARE(choice->itemText(1), u"10.0.0.9:8787"_s); // the address, not the token
    QCOMPARE(panel.currentLink(), first);
    QCOMPARE(modulesOf(panel.code()->matrix()), modulesOf(QrMatrix::encode(first)));
    choice->setCurrentIndex(1);
    QCOMPARE(panel.currentLink(), second);
    QCOMPARE(modulesOf(panel.code()->matrix()), modulesOf(QrMatrix::encode(second)));
    // New links keep the chosen address when it is still there.
    panel.setLinks({first, second, u"http://[fd00::5]:8787/?token=abc"_s});
    QCOMPARE(panel.currentLink(), second);
    panel.setLinks({first});
    QVERIFY(!choice->isVisible());
    QCOMPARE(panel.currentLink(), first);
}

void tst_QrCode::fullScreenView()
{
    InviteQrPanel panel;
    const QString link = u"https://192.168.1.20:8787/?token=secret-token"_s;
    panel.setLinks({link});
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTest::mouseClick(panel.findChild<QPushButton *>(u"qrFullScreenButton"_s), Qt::LeftButton);
    QrCodeWidget *view = nullptr;
    QTRY_VERIFY((view = [] {
        for (QWidget *widget : QApplication::topLevelWidgets())
            if (widget->objectName() == "qrFullScreen"_L1 && widget->isVisible())
                return qobject_cast<QrCodeWidget *>(widget);
        return static_cast<QrCodeWidget *>(nullptr);
    }()));
    QVERIFY(view->isFullScreen());
    QVERIFY(QTest::qWaitForWindowExposed(view));
    QTRY_COMPARE(view->size(), view->screen()->size());
    QCOMPARE(modulesOf(view->matrix()), modulesOf(QrMatrix::encode(link)));
    // Large: at least as large as the panel's, and readable back.
    QVERIFY(view->modulePixels() >= panel.code()->modulePixels());
    const QImage image = view->grab().toImage();
    int width = 0;
    const QVector<bool> reference = libqrencodeModules(link.toUtf8(), &width);
    QCOMPARE(readModules(image, view->symbolOrigin(), view->modulePixels(), width), reference);
    QPointer<QrCodeWidget> guard(view);
    QTest::keyClick(view, Qt::Key_Escape);
    QTRY_VERIFY(guard.isNull()); // closed and deleted
}

void tst_QrCode::terminalReadsBack_data()
{
    QTest::addColumn<bool>("colours");
    QTest::addColumn<QByteArray>("data");
    QTest::addRow("plain, version 4")
        << false << "http://192.168.1.20:8787/?token=CJ6tURhIrDw9t9VB_ISDcpjc"_ba;
    QTest::addRow("ANSI colours") << true
                                  << "http://192.168.1.20:8787/?token=CJ6tURhIrDw9t9VB_ISDcpjc"_ba;
    QTest::addRow("version 1") << false << "hi"_ba;
}

void tst_QrCode::terminalReadsBack()
{
    QFETCH(bool, colours);
    QFETCH(QByteArray, data);
    const QrMatrix matrix = QrMatrix::encode(data);
    const QString text = QrTerminal::render(matrix, colours ? QrTerminal::Colours::Ansi
                                                            : QrTerminal::Colours::None);
    QCOMPARE(text.contains(u"\x1b["_s), colours);
    if (colours) // every line sets black on bright white and resets at its end
        for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
            QVERIFY(line.startsWith(u"\x1b[40;97m"_s) && line.endsWith(u"\x1b[0m"_s));
    const int across = matrix.size() + 2 * QrMatrix::QuietZone;
    int rows = 0;
    const QVector<bool> modules = readTerminal(text, across, &rows);
    QCOMPARE(rows, (across + 1) / 2);
    int width = 0;
    const QVector<bool> reference = libqrencodeModules(data, &width);
    QCOMPARE(modules, withQuietZone(reference, width, QrMatrix::QuietZone));
}

void tst_QrCode::headlessPrintsQrWhenAsked()
{
    if (binary().isEmpty())
        QFAIL("LANCHAT_BINARY is not set (CTest sets it)");
    for (const bool asked : {true, false}) {
        QTemporaryDir dir;
        QProcess process;
        QByteArray output;
        connect(&process, &QProcess::readyReadStandardOutput, &process,
                [&] { output += process.readAllStandardOutput(); });
        process.setProgram(binary());
        QStringList arguments {u"--headless"_s, u"--bind"_s,   u"127.0.0.1"_s,  u"--port"_s, u"0"_s,
                               u"--token"_s,    u"qr token"_s, u"--data-dir"_s, dir.path()};
        if (asked)
            arguments << u"--qr"_s;
        process.setArguments(arguments);
        process.start();
        QVERIFY(process.waitForStarted(5000));
        // The lines after "listening on" are written in one go, ending with "history: …" or
        // with the QR code's link.
        QTRY_VERIFY_WITH_TIMEOUT((output.contains("\nhistory: ") && output.endsWith('\n'))
                                     || process.state() == QProcess::NotRunning,
                                 15000);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        output += process.readAllStandardOutput();
        const QStringList lines = QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts);
        const QRegularExpression listening(u"^listening on http://127\\.0\\.0\\.1:(\\d+)$"_s);
        const QRegularExpressionMatch match = listening.match(lines.value(0));
        QVERIFY2(match.hasMatch(), output.constData());
        const QString link = u"http://127.0.0.1:%1/?token=qr%20token"_s.arg(match.captured(1));
        const qsizetype linkLine = lines.indexOf(u"Scan to join in a browser: "_s + link);
        if (!asked) { // standard output is a pipe here: no QR code unless --qr
            QCOMPARE(linkLine, -1);
            QVERIFY(!output.contains("\xe2\x96")); // no block elements (U+2580-U+259F)
            continue;
        }
        QVERIFY2(linkLine > 0, output.constData());
        const qsizetype history = lines.indexOf(QRegularExpression(u"history: .*"_s));
        QVERIFY(history > 0 && history < linkLine);
        const QString qr = lines.mid(history + 1, linkLine - history - 1).join(u'\n');
        QVERIFY2(!qr.contains(u"\x1b"_s), "no colours when the output is not a terminal");
        const QrMatrix matrix = QrMatrix::encode(link);
        const int across = matrix.size() + 2 * QrMatrix::QuietZone;
        int rows = 0;
        QCOMPARE(readTerminal(qr, across, &rows),
                 withQuietZone(modulesOf(matrix), matrix.size(), QrMatrix::QuietZone));
    }
}

QTEST_MAIN(tst_QrCode)
#include "tst_qrcode.moc"
