// The browser page (resources/web/app.js) cannot include lanchat_protocol: this suite reads its
// constants and checks them against protocolconstants.h, so that neither side changes alone.
#include "protocolconstants.h"

#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TestWebPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void protocolVersion();
    void closeCodes();
    void finalCloseCodes();
    void retryableErrors();
    void limits();

private:
    // The text after `const NAME =` up to the end of its statement.
    QString constant(const QString &name) const;
    int integer(const QString &name) const;
    QStringList strings(const QString &name) const;

    QString m_script;
    QMap<QString, int> m_close; // the page's CLOSE names and values
};

void TestWebPage::initTestCase()
{
    QFile file(QStringLiteral(LANCHAT_WEB_DIR "/app.js"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    m_script = QString::fromUtf8(file.readAll());

    static const QRegularExpression member(u"([A-Z_]+):\\s*(\\d+)"_s);
    const QString close = constant(u"CLOSE"_s);
    for (auto it = member.globalMatch(close); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        m_close.insert(match.captured(1), match.captured(2).toInt());
    }
    QVERIFY(!m_close.isEmpty());
}

QString TestWebPage::constant(const QString &name) const
{
    const QRegularExpression declaration(u"\\bconst "_s + name + u"\\s*=\\s*([^;]*);"_s);
    const QRegularExpressionMatch match = declaration.match(m_script);
    if (!match.hasMatch())
        qWarning("app.js declares no const %s", qPrintable(name));
    return match.captured(1);
}

int TestWebPage::integer(const QString &name) const
{
    bool ok = false;
    const int value = constant(name).trimmed().toInt(&ok);
    if (!ok)
        qWarning("app.js: %s is not an integer literal", qPrintable(name));
    return ok ? value : -1;
}

QStringList TestWebPage::strings(const QString &name) const
{
    static const QRegularExpression literal(u"'([^']*)'"_s);
    QStringList result;
    for (auto it = literal.globalMatch(constant(name)); it.hasNext();)
        result << it.next().captured(1);
    return result;
}

void TestWebPage::protocolVersion()
{
    QCOMPARE(integer(u"PROTOCOL_VERSION"_s), Protocol::Version);
}

void TestWebPage::closeCodes()
{
    const QMap<QString, int> expected {
        {u"POLICY"_s, Protocol::ClosePolicy},
        {u"KICKED"_s, Protocol::CloseKicked},
        {u"INVALID_USERNAME"_s, Protocol::CloseInvalidUsername},
        {u"USERNAME_TAKEN"_s, Protocol::CloseUsernameTaken},
        {u"BANNED"_s, Protocol::CloseBanned},
        {u"TOO_MANY_CONNECTIONS"_s, Protocol::CloseTooManyConnections},
        {u"ADDRESS_BLOCKED"_s, Protocol::CloseAddressBlocked},
    };
    QCOMPARE(m_close, expected);
    // Every close code the page compares with comes from CLOSE, not from a bare number.
    static const QRegularExpression bare(u"code === \\d"_s);
    QVERIFY2(!bare.match(m_script).hasMatch(), "app.js compares a close code with a literal");
}

void TestWebPage::finalCloseCodes()
{
    static const QRegularExpression name(u"CLOSE\\.([A-Z_]+)"_s);
    QSet<int> page;
    for (auto it = name.globalMatch(constant(u"FINAL_CLOSE_CODES"_s)); it.hasNext();) {
        const QString member = it.next().captured(1);
        QVERIFY2(m_close.contains(member), qPrintable(member));
        page.insert(m_close.value(member));
    }
    QSet<int> protocol;
    for (const quint16 code : Protocol::FinalCloseCodes)
        protocol.insert(code);
    QCOMPARE(page, protocol);
}

void TestWebPage::retryableErrors()
{
    QStringList protocol;
    for (const Protocol::ErrorInfo &info : Protocol::Errors) {
        if (info.retryable)
            protocol << QString(info.code);
    }
    QStringList page = strings(u"RETRYABLE_ERRORS"_s);
    std::sort(protocol.begin(), protocol.end());
    std::sort(page.begin(), page.end());
    QCOMPARE(page, protocol);
}

void TestWebPage::limits()
{
    QCOMPARE(integer(u"DEFAULT_MAX_TEXT_LENGTH"_s), Protocol::Limits::MaxTextLength);
    // The pages it asks for are pages the server gives.
    for (const QString &page : {u"HISTORY_PAGE"_s, u"CATCHUP_PAGE"_s}) {
        const int size = integer(page);
        QVERIFY2(size >= 1 && size <= Protocol::Limits::HistoryPageMax, qPrintable(page));
    }
    // After rate_limited it waits at least as long as the flood control takes to refill one.
    QVERIFY(integer(u"RATE_LIMIT_PAUSE_MS"_s) >= 1000 / Protocol::Limits::MessageRate);
}

QTEST_GUILESS_MAIN(TestWebPage)
#include "tst_webpage.moc"
