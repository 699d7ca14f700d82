// The browser page (resources/web/*.js, ES modules) cannot include lanchat_protocol: this suite
// reads the constants of its protocol.js and checks them against protocolconstants.h, so that
// neither side changes alone. It also checks the page's string catalogues
// (resources/web/i18n/*.json): the same keys and placeholders in every language, a text for every
// key the page's modules use and for every error code; and that every file of the page is built
// into the server's resources.
#include "protocolconstants.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
    void trimsAsTheServer();
    void cataloguesForEveryLanguage();
    void cataloguesHaveTheSameKeys();
    void cataloguesHaveTheSamePlaceholders();
    void everyKeyUsedHasAText();
    void everyErrorCodeIsWorded();
    void everyFileIsServed();

private:
    // The text after `const NAME =` up to the end of its statement (in protocol.js, or in
    // `script`).
    QString constant(const QString &name, const QString &script = {}) const;
    int integer(const QString &name) const;
    QStringList strings(const QString &name, const QString &script = {}) const;

    QString m_protocolScript; // protocol.js: the protocol's facts
    QString m_scripts; // every module of the page, one after the other
    QString m_i18nScript; // i18n.js
    QString m_html; // index.html
    QMap<QString, QJsonObject> m_catalogues; // language -> its catalogue
    QMap<QString, int> m_close; // the page's CLOSE names and values
};

void TestWebPage::initTestCase()
{
    QFile file(QStringLiteral(LANCHAT_WEB_DIR "/protocol.js"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    m_protocolScript = QString::fromUtf8(file.readAll());
    const QDir web(QStringLiteral(LANCHAT_WEB_DIR));
    const QStringList modules = web.entryList({u"*.js"_s}, QDir::Files);
    QVERIFY2(modules.contains(u"app.js"_s) && modules.size() >= 5, qPrintable(modules.join(u' ')));
    for (const QString &name : modules) {
        QFile module(web.filePath(name));
        QVERIFY2(module.open(QIODevice::ReadOnly), qPrintable(module.errorString()));
        m_scripts += QString::fromUtf8(module.readAll()) + u'\n';
    }
    QFile i18n(QStringLiteral(LANCHAT_WEB_DIR "/i18n.js"));
    QVERIFY2(i18n.open(QIODevice::ReadOnly), qPrintable(i18n.errorString()));
    m_i18nScript = QString::fromUtf8(i18n.readAll());
    QFile html(QStringLiteral(LANCHAT_WEB_DIR "/index.html"));
    QVERIFY2(html.open(QIODevice::ReadOnly), qPrintable(html.errorString()));
    m_html = QString::fromUtf8(html.readAll());

    const QDir catalogues(QStringLiteral(LANCHAT_WEB_DIR "/i18n"));
    for (const QString &name : catalogues.entryList({u"*.json"_s}, QDir::Files)) {
        QFile catalogue(catalogues.filePath(name));
        QVERIFY2(catalogue.open(QIODevice::ReadOnly), qPrintable(catalogue.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(catalogue.readAll(), &error);
        QVERIFY2(document.isObject(), qPrintable(name + u": "_s + error.errorString()));
        m_catalogues.insert(name.chopped(5), document.object());
    }
    QVERIFY(m_catalogues.contains(u"en"_s));

    static const QRegularExpression member(u"([A-Z_]+):\\s*(\\d+)"_s);
    const QString close = constant(u"CLOSE"_s);
    for (auto it = member.globalMatch(close); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        m_close.insert(match.captured(1), match.captured(2).toInt());
    }
    QVERIFY(!m_close.isEmpty());
}

QString TestWebPage::constant(const QString &name, const QString &script) const
{
    const QRegularExpression declaration(u"\\bconst "_s + name + u"\\s*=\\s*([^;]*);"_s);
    const QRegularExpressionMatch match
        = declaration.match(script.isEmpty() ? m_protocolScript : script);
    if (!match.hasMatch())
        qWarning("protocol.js declares no const %s", qPrintable(name));
    return match.captured(1);
}

int TestWebPage::integer(const QString &name) const
{
    bool ok = false;
    const int value = constant(name).trimmed().toInt(&ok);
    if (!ok)
        qWarning("protocol.js: %s is not an integer literal", qPrintable(name));
    return ok ? value : -1;
}

QStringList TestWebPage::strings(const QString &name, const QString &script) const
{
    static const QRegularExpression literal(u"'([^']*)'"_s);
    QStringList result;
    for (auto it = literal.globalMatch(constant(name, script)); it.hasNext();)
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
        {u"NAME_REGISTERED"_s, Protocol::CloseNameRegistered},
    };
    QCOMPARE(m_close, expected);
    // Every close code the page compares with comes from CLOSE, not from a bare number.
    static const QRegularExpression bare(u"code === \\d"_s);
    QVERIFY2(!bare.match(m_scripts).hasMatch(), "a module compares a close code with a literal");
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
    QCOMPARE(strings(u"DEFAULT_ROOM"_s), QStringList({Protocol::defaultRoom()}));
    QCOMPARE(integer(u"MIN_IDENTITY_LENGTH"_s), Protocol::Limits::MinIdentityLength);
    QCOMPARE(integer(u"MAX_IDENTITY_LENGTH"_s), Protocol::Limits::MaxIdentityLength);
    QCOMPARE(integer(u"MAX_ROOM_NAME_LENGTH"_s), Protocol::Limits::MaxRoomNameLength);
    QCOMPARE(integer(u"MAX_TOPIC_LENGTH"_s), Protocol::Limits::MaxTopicLength);
    QCOMPARE(integer(u"TYPING_INTERVAL_MS"_s), Protocol::Limits::TypingIntervalMs);
    // The pages it asks for are pages the server gives.
    for (const QString &page : {u"HISTORY_PAGE"_s, u"CATCHUP_PAGE"_s}) {
        const int size = integer(page);
        QVERIFY2(size >= 1 && size <= Protocol::Limits::HistoryPageMax, qPrintable(page));
    }
    // After rate_limited it waits at least as long as the flood control takes to refill one.
    QVERIFY(integer(u"RATE_LIMIT_PAUSE_MS"_s) >= 1000 / Protocol::Limits::MessageRate);
}

void TestWebPage::trimsAsTheServer()
{
    // The page counts a message's length as the server does (UTF-16 code units after
    // QString::trimmed): its SERVER_SPACE class must be exactly QChar::isSpace. The class is
    // written as JavaScript string literals: \\t \\n \\v \\f \\r, spaces, \\uXXXX, ranges.
    QString source;
    for (const QString &part : strings(u"SERVER_SPACE"_s))
        source += part;
    QVERIFY2(source.startsWith(u'[') && source.endsWith(u']'), qPrintable(source));
    source = source.mid(1, source.size() - 2);
    QList<char16_t> singles; // the characters in order; a range is marked by a '-' between
    QList<bool> rangeAfter;
    const QMap<QChar, char16_t> escapes {
        {u't', u'\t'}, {u'n', u'\n'}, {u'v', u'\v'}, {u'f', u'\f'}, {u'r', u'\r'}};
    for (qsizetype i = 0; i < source.size();) {
        if (source.at(i) == u'-' && !singles.isEmpty()) {
            rangeAfter.last() = true;
            ++i;
            continue;
        }
        char16_t c = 0;
        if (source.mid(i, 2) == "\\\\"_L1 && i + 2 < source.size()) {
            const QChar kind = source.at(i + 2);
            if (kind == u'u') {
                bool ok = false;
                c = char16_t(source.mid(i + 3, 4).toUShort(&ok, 16));
                QVERIFY2(ok, qPrintable(source.mid(i)));
                i += 7;
            } else {
                QVERIFY2(escapes.contains(kind), qPrintable(source.mid(i)));
                c = escapes.value(kind);
                i += 3;
            }
        } else {
            c = source.at(i).unicode();
            ++i;
        }
        singles << c;
        rangeAfter << false;
    }
    QSet<char16_t> page;
    for (qsizetype i = 0; i < singles.size(); ++i) {
        if (i > 0 && rangeAfter.at(i - 1)) {
            for (char32_t c = singles.at(i - 1); c <= singles.at(i); ++c)
                page.insert(char16_t(c));
        } else {
            page.insert(singles.at(i));
        }
    }
    QSet<char16_t> qt;
    for (char32_t c = 0; c <= 0xffff; ++c) {
        if (QChar::isSpace(c))
            qt.insert(char16_t(c));
    }
    // Outside the BMP nothing is white space; QString::trimmed looks at single code units.
    for (char32_t c = 0x10000; c <= 0x10ffff; ++c)
        QVERIFY(!QChar::isSpace(c));
    QCOMPARE(page, qt);
}

void TestWebPage::cataloguesForEveryLanguage()
{
    // i18n.js offers exactly the languages that have a catalogue (and WebAssets serves them:
    // tst_webassets), English first: the fallback.
    const QStringList languages = strings(u"LANGUAGES"_s, m_i18nScript);
    QCOMPARE(languages.value(0), u"en"_s);
    QStringList sorted = languages;
    sorted.sort();
    QCOMPARE(sorted, m_catalogues.keys());
    QVERIFY2(m_catalogues.size() >= 2, "English and German at least");
}

void TestWebPage::cataloguesHaveTheSameKeys()
{
    const QStringList english = m_catalogues.value(u"en"_s).keys();
    for (auto it = m_catalogues.cbegin(); it != m_catalogues.cend(); ++it) {
        QStringList missing;
        QStringList extra;
        for (const QString &key : english) {
            if (!it->contains(key))
                missing << key;
        }
        for (const QString &key : it->keys()) {
            if (!m_catalogues.value(u"en"_s).contains(key))
                extra << key;
            const QJsonValue text = it->value(key);
            QVERIFY2(text.isString() && !text.toString().trimmed().isEmpty(),
                     qPrintable(it.key() + u": "_s + key + u" is not a non-empty string"_s));
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(it.key() + u".json lacks "_s + missing.join(u", "_s)));
        QVERIFY2(extra.isEmpty(),
                 qPrintable(it.key() + u".json has keys en.json lacks: "_s + extra.join(u", "_s)));
    }
}

void TestWebPage::cataloguesHaveTheSamePlaceholders()
{
    static const QRegularExpression placeholder(u"\\{(\\w+)\\}"_s);
    const auto placeholders = [](const QString &text) {
        QStringList names;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            names << it.next().captured(1);
        names.sort();
        return names;
    };
    const QJsonObject english = m_catalogues.value(u"en"_s);
    for (auto it = m_catalogues.cbegin(); it != m_catalogues.cend(); ++it) {
        for (const QString &key : english.keys()) {
            if (!it->contains(key))
                continue; // cataloguesHaveTheSameKeys says so
            QVERIFY2(placeholders(it->value(key).toString())
                         == placeholders(english.value(key).toString()),
                     qPrintable(it.key() + u": "_s + key));
        }
    }
}

void TestWebPage::everyKeyUsedHasAText()
{
    const QJsonObject english = m_catalogues.value(u"en"_s);
    QSet<QString> sections;
    for (const QString &key : english.keys())
        sections.insert(key.section(u'.', 0, 0));

    QStringList used;
    static const QRegularExpression attribute(u"data-i18n(?:-[a-z-]+)?=\"([^\"]+)\""_s);
    for (auto it = attribute.globalMatch(m_html); it.hasNext();)
        used << it.next().captured(1);
    QVERIFY2(used.size() > 10, "index.html takes its texts from the catalogue");
    // Every quoted literal in the modules that names a key of a catalogue section.
    static const QRegularExpression literal(u"'([a-z]+\\.[A-Za-z_.]+)'"_s);
    for (auto it = literal.globalMatch(m_scripts); it.hasNext();) {
        const QString key = it.next().captured(1);
        if (sections.contains(key.section(u'.', 0, 0)))
            used << key;
    }
    // Counted texts (tn) need every plural form of English; other languages have the same keys.
    static const QRegularExpression counted(u"\\btn\\('([\\w.]+)'"_s);
    QStringList countedKeys;
    for (auto it = counted.globalMatch(m_scripts); it.hasNext();)
        countedKeys << it.next().captured(1);
    for (const QString &key : countedKeys) {
        used.removeAll(key);
        used << key + u".one"_s << key + u".other"_s;
    }
    QVERIFY(!countedKeys.isEmpty());
    QStringList missing;
    for (const QString &key : std::as_const(used)) {
        if (!english.contains(key))
            missing << key;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"no text for "_s + missing.join(u", "_s)));
}

void TestWebPage::everyErrorCodeIsWorded()
{
    // The page words each error code itself (the server's message is English).
    QStringList missing;
    for (const Protocol::ErrorInfo &info : Protocol::Errors) {
        const QString key = u"error."_s + QString(info.code);
        if (!m_catalogues.value(u"en"_s).contains(key))
            missing << key;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
}

void TestWebPage::everyFileIsServed()
{
    // WebAssets serves what server/CMakeLists.txt builds into :/web; a module or catalogue added
    // here and not there would be a 404 for the page.
    const QDir web(QStringLiteral(LANCHAT_WEB_DIR));
    QStringList missing;
    int files = 0;
    for (QDirIterator it(web.path(), QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        QFile source(path);
        QFile resource(u":/web/"_s + web.relativeFilePath(path));
        ++files;
        if (!resource.open(QIODevice::ReadOnly) || !source.open(QIODevice::ReadOnly)
            || resource.readAll() != source.readAll()) {
            missing << web.relativeFilePath(path);
        }
    }
    QVERIFY(files >= 10);
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"not in :/web or not as built: "_s + missing.join(u", "_s)));
}

QTEST_GUILESS_MAIN(TestWebPage)
#include "tst_webpage.moc"
