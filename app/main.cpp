// The lanchat executable: parses the command line (without a display), then hosts with the
// operator console, joins another LanChat as a chat client (--join or an invite argument, or the
// start choice), hands either over to the LanChat already running in the session, or runs the
// server alone with --headless, or looks for LanChat hosts on the network with --discover.
#include "autostartentry.h"
#include "avahipublisher.h"
#include "chattypes.h"
#include "chatwindow.h"
#include "colorscheme.h"
#include "desktopsession.h"
#include "discovercommand.h"
#include "discoveryoptions.h"
#include "firstframeprobe.h"
#include "headlessinvite.h"
#include "hostannouncer.h"
#include "hostsession.h"
#include "hostwindow.h"
#include "lanchatsettings.h"
#include "limitoptions.h"
#include "servercontroller.h"
#include "settingsfile.h"
#include "singleinstance.h"
#include "startdialog.h"
#include "tlsoptions.h"
#include "tokenfile.h"
#include "unixsignalwatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QHostAddress>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    bool headless = false;
    bool join = false;
    QString invite; // --join <invite>, or the invite argument
    bool newInstance = false; // do not hand over to, or become, the session's single instance
    bool minimized = false; // host with the window in the tray
    ServerConfig config;
    bool portGiven = false;
    bool bindGiven = false;
    DiscoveryOptions::Values discovery;
};

[[noreturn]] void exitWithUsageError(const QString &message)
{
    std::fprintf(stderr, "lanchat: %s\n", qPrintable(message));
    std::exit(2);
}

// Exits with a message for --help, --version and bad values, like every command-line tool.
Options parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "LanChat: chat on the local network."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        u"headless"_s, QCoreApplication::translate("main", "Run the server without a window."));
    const QCommandLineOption port(
        {u"p"_s, u"port"_s},
        QCoreApplication::translate("main", "Listen on <port> (0 picks a free one; default 8787)."),
        u"port"_s);
    const QCommandLineOption bind(
        {u"b"_s, u"bind"_s},
        QCoreApplication::translate("main", "Listen on <address> only (default: all addresses)."),
        u"address"_s);
    const QCommandLineOption token(
        {u"t"_s, u"token"_s},
        QCoreApplication::translate(
            "main",
            "The token clients must present (default: from the settings, or a new random one). "
            "Every local user can read it in the process list: prefer --token-file."),
        u"token"_s);
    const QCommandLineOption tokenFile(
        u"token-file"_s,
        QCoreApplication::translate("main",
                                    "Read the token from <file> (without its final line break); "
                                    "other users must not be able to read the file."),
        u"file"_s);
    const QCommandLineOption dataDir(
        {u"d"_s, u"data-dir"_s},
        QCoreApplication::translate("main", "Keep the history database in <directory>."),
        u"directory"_s);
    const QCommandLineOption join(
        u"join"_s,
        QCoreApplication::translate(
            "main", "Join another LanChat with <invite> (a lanchat://host:port?token=… link; with "
                    "&username=… it connects without asking)."),
        u"invite"_s);
    const QCommandLineOption newInstance(
        u"new-instance"_s, QCoreApplication::translate(
                               "main", "Start one more LanChat even if one runs in this session "
                                       "(otherwise an invite goes to the running one, which shows "
                                       "its window)."));
    const QCommandLineOption minimized(
        QString::fromLatin1(AutostartEntry::MinimizedOption),
        QCoreApplication::translate("main",
                                    "Host with the window hidden in the tray (how \"Start when I "
                                    "log in\" starts LanChat)."));
    parser.addOptions(
        {headless, port, bind, token, tokenFile, dataDir, join, newInstance, minimized});
    parser.addPositionalArgument(
        u"invite"_s,
        QCoreApplication::translate(
            "main", "A lanchat:// invite to join, as with --join (how links open LanChat)."),
        u"[invite]"_s);
    const LimitOptions limits;
    limits.addTo(parser);
    const TlsOptions tls;
    tls.addTo(parser);
    const DiscoveryOptions discovery;
    discovery.addTo(parser);
    parser.process(app);

    Options options;
    options.headless = parser.isSet(headless);
    options.join = parser.isSet(join);
    options.invite = parser.value(join);
    options.newInstance = parser.isSet(newInstance);
    options.minimized = parser.isSet(minimized);
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 1 || (options.join && !arguments.isEmpty()))
        exitWithUsageError(QCoreApplication::translate("main", "give one invite only"));
    if (!arguments.isEmpty()) {
        options.join = true;
        options.invite = arguments.constFirst();
    }
    if (options.join && (options.headless || options.minimized))
        exitWithUsageError(QCoreApplication::translate(
            "main", "an invite cannot be joined with --headless or --minimized, which host"));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            std::fprintf(stderr, "lanchat: invalid port \"%s\"\n", qPrintable(parser.value(port)));
            std::exit(2);
        }
        options.config.port = quint16(value);
        options.portGiven = true;
    }
    if (parser.isSet(bind)) {
        const QHostAddress address(parser.value(bind));
        if (address.isNull()) {
            std::fprintf(stderr, "lanchat: invalid bind address \"%s\"\n",
                         qPrintable(parser.value(bind)));
            std::exit(2);
        }
        options.config.bindAddress = address;
        options.bindGiven = true;
    }
    QString error;
    if (!limits.apply(parser, QSettings(), &options.config, &error)
        || !tls.apply(parser, QSettings(), &options.config, &error)
        || !discovery.apply(parser, QSettings(), &options.config, &options.discovery, &error))
        exitWithUsageError(error);
    if (parser.isSet(token) && parser.isSet(tokenFile))
        exitWithUsageError(QCoreApplication::translate(
            "main", "give the token either with --token or with --token-file"));
    options.config.token = parser.value(token);
    if (parser.isSet(tokenFile)) {
        options.config.token = TokenFile::read(parser.value(tokenFile), &error);
        if (options.config.token.isEmpty())
            exitWithUsageError(error);
    }
    options.config.dataDir = parser.value(dataDir);
    return options;
}

QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

// True when standard output is the systemd journal (systemd sets JOURNAL_STREAM to its device
// and inode): a service's token then stays out of the log.
bool standardOutputIsJournal()
{
    const QList<QByteArray> stream = qgetenv("JOURNAL_STREAM").split(':');
    struct stat output;
    if (stream.size() != 2 || ::fstat(STDOUT_FILENO, &output) != 0)
        return false;
    return stream.at(0).toULongLong() == output.st_dev
           && stream.at(1).toULongLong() == output.st_ino;
}

int runHeadless(QCoreApplication &app, Options options)
{
    ServerController controller;
    AvahiPublisher publisher;
    const HostAnnouncer announcer(&controller, &publisher, options.discovery.announce);
    UnixSignalWatcher signalWatcher;
    const bool terminal = isatty(STDOUT_FILENO) == 1;
    QTextStream out(stdout);
    int exitCode = 0;
    // Without --token, the token kept in the settings (generated and kept at the first start),
    // as when hosting with the window: invites stay valid across restarts.
    QSettings settings;
    const bool tokenGiven = !options.config.token.isEmpty();
    if (!tokenGiven)
        options.config.token = Settings::ServerToken.value(settings);

    QObject::connect(&controller, &ServerController::started, &app,
                     [&](const ServerStatus &status) {
                         // One machine-readable line first: scripts and tests read the actual port
                         // from it.
                         out << "listening on " << status.httpScheme() << "://"
                             << urlHost(status.bindAddress) << ':' << status.port << '\n';
                         if (status.tls)
                             out << "sha256 fingerprint: " << status.certificateFingerprint << '\n';
                         if (!tokenGiven) {
                             if (Settings::ServerToken.value(settings) != status.token) {
                                 Settings::ServerToken.setValue(settings, status.token);
                                 SettingsFile::makePrivate(settings); // the token is in it now
                             }
                             if (settings.status() != QSettings::NoError)
                                 std::fprintf(stderr,
                                              "lanchat: cannot keep the token in %s; it changes "
                                              "at every start\n",
                                              qPrintable(settings.fileName()));
                             if (standardOutputIsJournal())
                                 out << "token kept in: " << settings.fileName() << '\n';
                             else
                                 out << "token: " << status.token << '\n';
                         }
                         out << "history: " << status.databasePath << '\n';
                         // For phones: the browser link as a QR code.
                         if (terminal || options.discovery.qr)
                             out << headlessInvite(status, terminal);
                         out.flush();
                     });
    QObject::connect(&controller, &ServerController::startFailed, &app, [&](const QString &error) {
        std::fprintf(stderr, "lanchat: %s\n", qPrintable(error));
        app.exit(1);
    });
    // A history found damaged after the start: the same line (the last) and status, once
    // stopped.
    QString failure;
    QObject::connect(&controller, &ServerController::failed, &app,
                     [&](const QString &error) { failure = error; });
    // Also while starting (a large history takes a while to check): the server then never
    // listens, and stopped() ends the process.
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&] {
        if (controller.state() == ServerController::State::Stopped)
            app.exit(exitCode);
        else
            controller.stop();
    });
    QObject::connect(&controller, &ServerController::stopped, &app, [&] {
        if (!failure.isEmpty()) {
            std::fprintf(stderr, "lanchat: %s\n", qPrintable(failure));
            exitCode = 1;
        }
        app.exit(exitCode);
    });

    controller.start(options.config);
    return app.exec();
}

void installTranslators(QCoreApplication &app)
{
    const QString language = Settings::UiLanguage.value(QSettings());
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    // Installed: beside the executable's prefix (share/lanchat/translations, wherever the prefix
    // is); in the build tree: translations/ beside the executable.
    const QDir executableDirectory(QCoreApplication::applicationDirPath());
    for (const QString &directory :
         {executableDirectory.filePath(QStringLiteral(LANCHAT_TRANSLATIONS_RELATIVE_DIR)),
          executableDirectory.filePath(u"translations"_s)}) {
        auto *translator = new QTranslator(&app);
        if (translator->load(locale, u"lanchat"_s, u"_"_s, directory)) {
            QCoreApplication::installTranslator(translator);
            break;
        }
        delete translator;
    }
}

// Qt's window-system options (-platform, -style, …), which only QApplication knows and removes
// from the arguments.
bool hasWindowSystemOption(int argc, char *argv[])
{
    static const QStringList options
        = u"platform platformpluginpath platformtheme plugin qwindowgeometry geometry "
          u"qwindowtitle title qwindowicon icon reverse session testability display name style "
          u"stylesheet widgetcount nograb dograb sync visual ncols cmap"_s.split(u' ');
    for (int i = 1; i < argc; ++i) {
        QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == "--"_L1)
            break;
        if (!argument.startsWith(u'-'))
            continue;
        argument = argument.mid(argument.startsWith("--"_L1) ? 2 : 1).section(u'=', 0, 0);
        if (options.contains(argument))
            return true;
    }
    return false;
}

// Hands the invite, or "show your window", to the LanChat already running in this session.
// True when this process is done (exit code in *exitCode); false when it is to run itself, as
// the session's single instance (*instance, to listen()) or, with --new-instance, beside it.
bool handOverToRunningInstance(const Options &options, std::unique_ptr<SingleInstance> *instance,
                               int *exitCode)
{
    if (options.newInstance)
        return false;
    const HandOverMessage message
        = options.join ? HandOverMessage::join(options.invite) : HandOverMessage::activate();
    *instance = std::make_unique<SingleInstance>();
    QString error;
    switch ((*instance)->handOverOrClaim(message, &error)) {
    case SingleInstance::Outcome::Claimed:
        return false;
    case SingleInstance::Outcome::HandedOver:
        *exitCode = 0;
        return true;
    case SingleInstance::Outcome::Failed:
        std::fprintf(stderr, "lanchat: %s\n%s\n", qPrintable(error),
                     qPrintable(QCoreApplication::translate(
                         "main", "Start with --new-instance to run one more LanChat anyway.")));
        *exitCode = 1;
        return true;
    }
    return false;
}

// What a command line asks that needs no window: the network scan, the headless server, or handing
// an invite to the LanChat already running. Its exit code when it was one of those.
std::optional<int> runWithoutWindow(QCoreApplication &app, const Options &options,
                                    std::unique_ptr<SingleInstance> *instance)
{
    if (options.discovery.discover)
        return runDiscover(app, options.discovery);
    if (options.headless)
        return runHeadless(app, options);
    if (int exitCode = 0; handOverToRunningInstance(options, instance, &exitCode))
        return exitCode;
    return std::nullopt;
}

int runHost(QApplication &app, Options options, DesktopSession &session);

// Host or join: --join (or an invite) decides, then a remembered choice, else the start dialog
// asks.
int runGui(QApplication &app, Options options, SingleInstance *instance)
{
    DesktopSession session;
    if (instance) {
        QString error;
        if (instance->listen(&error))
            QObject::connect(instance, &SingleInstance::received, &session,
                             &DesktopSession::handle);
        else
            std::fprintf(stderr, "lanchat: %s\n", qPrintable(error));
    }
    if (options.join)
        return session.joinAtStart(options.invite) ? app.exec() : 0;
    if (!options.portGiven && !options.bindGiven && !options.minimized) {
        QSettings startSettings;
        const QString lastMode = Settings::StartMode.value(startSettings);
        const bool remembered = Settings::StartRemember.value(startSettings);
        StartDialog::Choice choice
            = lastMode == "join"_L1 ? StartDialog::Choice::Join : StartDialog::Choice::Host;
        if (!remembered) {
            StartDialog dialog(choice);
            session.setStartDialog(&dialog);
            const int result = dialog.exec();
            session.setStartDialog(nullptr);
            // An invite clicked meanwhile answers the question.
            if (const QString invite = session.takePendingInvite(); !invite.isEmpty())
                return session.joinAtStart(invite, DesktopSession::JoinStart::AlwaysAsk)
                           ? app.exec()
                           : 0;
            if (result != QDialog::Accepted)
                return 0;
            choice = dialog.choice();
            Settings::StartRemember.setValue(startSettings, dialog.rememberChoice());
        }
        Settings::StartMode.setValue(startSettings,
                                     choice == StartDialog::Choice::Join ? u"join"_s : u"host"_s);
        if (choice == StartDialog::Choice::Join)
            return session.joinAtStart(QString()) ? app.exec() : 0;
    }
    return runHost(app, std::move(options), session);
}

int runHost(QApplication &app, Options options, DesktopSession &session)
{
    QSettings settings;
    if (!options.portGiven && Settings::ServerPort.isStored(settings))
        options.config.port = Settings::ServerPort.value(settings);
    if (!options.bindGiven && Settings::ServerBind.isStored(settings))
        options.config.bindAddress = QHostAddress(Settings::ServerBind.value(settings));
    // The server generates a token when there is none; it is kept below, so that invites stay
    // valid across restarts.
    if (options.config.token.isEmpty())
        options.config.token = Settings::ServerToken.value(settings);
    if (options.config.dataDir.isEmpty())
        options.config.dataDir = Settings::ServerDataDir.value(settings);
    if (const QString name = Settings::UiOperatorName.value(settings); !name.isEmpty())
        options.config.operatorName = name;

    ServerController controller;
    AvahiPublisher publisher;
    HostAnnouncer announcer(&controller, &publisher, options.discovery.announce);
    // The host chats like everyone: its chat window, with the operator tools beside the chat.
    HostSession host(&controller);
    ChatWindow &window = *host.window();
    HostWindow &console = *host.console();
    session.setHostWindow(&window);
    console.setServerConfig(options.config);
    console.setPublisher(&publisher, options.discovery.announce);
    QObject::connect(&console, &HostWindow::announceChanged, &announcer,
                     &HostAnnouncer::setEnabled);
    QObject::connect(&controller, &ServerController::started, &window,
                     [&settings](const ServerStatus &status) {
                         if (Settings::ServerToken.value(settings).isEmpty()) {
                             Settings::ServerToken.setValue(settings, status.token);
                             SettingsFile::makePrivate(settings); // the token is in it now
                         }
                     });
    // Started at login: the tray icon only, or a minimised window where there is no tray.
    if (!options.minimized) {
        window.show();
        FirstFrameProbe::watch(window.windowHandle());
    } else if (!QSystemTrayIcon::isSystemTrayAvailable())
        window.showMinimized();
    controller.start(options.config);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"LanChat"_s);
    QCoreApplication::setApplicationName(u"lanchat"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LANCHAT_VERSION));

    // Everything that needs no display happens before a QApplication exists: --help, --version,
    // bad values, --headless, and handing an invite to the LanChat already running. Only with
    // Qt's window-system options is the command line read after QApplication took them out.
    std::unique_ptr<SingleInstance> instance;
    std::optional<Options> options;
    if (!hasWindowSystemOption(argc, argv)) {
        QCoreApplication app(argc, argv);
        installTranslators(app);
        options = parseCommandLine(app);
        if (const std::optional<int> exitCode = runWithoutWindow(app, *options, &instance))
            return *exitCode;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"LanChat"_s);
    QGuiApplication::setDesktopFileName(QStringLiteral(LANCHAT_APP_ID));
    // The installed icon theme's sizes where there are any, else the one compiled in.
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral(LANCHAT_APP_ID), QIcon(u":/icons/lanchat.png"_s)));
    {
        // Before anything writes to it: tokens are kept there in clear.
        QSettings settings;
        SettingsFile::makePrivate(settings);
    }
    installTranslators(app);
    ColorScheme::apply(ColorScheme::load(QSettings()));
    if (!options) {
        options = parseCommandLine(app);
        if (const std::optional<int> exitCode = runWithoutWindow(app, *options, &instance))
            return *exitCode;
    }
    return runGui(app, std::move(*options), instance.get());
}
