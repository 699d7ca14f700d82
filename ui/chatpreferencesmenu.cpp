#include "chatpreferencesmenu.h"

#include "colorscheme.h"
#include "lanchatsettings.h"

#include <QActionGroup>
#include <QSettings>

#include <algorithm>

ChatPreferencesMenu::ChatPreferencesMenu(QWidget *parent) : QMenu(tr("&Settings"), parent)
{
    setObjectName(QStringLiteral("settingsMenu"));
    const QSettings stored;

    m_notifications = addAction(tr("&Notify about new messages"));
    m_notifications->setCheckable(true);
    m_notifications->setChecked(Settings::UiNotifyMessages.value(stored));
    m_sound = addAction(tr("Play a &sound with notifications"));
    m_sound->setCheckable(true);
    m_sound->setChecked(Settings::UiMessageSound.value(stored));
    m_sound->setEnabled(m_notifications->isChecked());
    connect(m_notifications, &QAction::toggled, this, [this](bool on) {
        QSettings settings;
        Settings::UiNotifyMessages.setValue(settings, on);
        m_sound->setEnabled(on);
    });
    connect(m_sound, &QAction::toggled, this, [](bool on) {
        QSettings settings;
        Settings::UiMessageSound.setValue(settings, on);
    });

    addSeparator();
    m_larger = addAction(tr("&Larger text"), this, [this] { setTextSizeStep(m_textSizeStep + 1); });
    m_larger->setShortcuts(QKeySequence::ZoomIn);
    m_smaller
        = addAction(tr("S&maller text"), this, [this] { setTextSizeStep(m_textSizeStep - 1); });
    m_smaller->setShortcuts(QKeySequence::ZoomOut);
    m_defaultSize = addAction(tr("&Default text size"), this, [this] { setTextSizeStep(0); });
    m_defaultSize->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_textSizeStep
        = std::clamp(Settings::UiTextSizeStep.value(stored), MinTextSizeStep, MaxTextSizeStep);

    addSeparator();
    addThemeMenu();
    applyTextSize();
}

ChatPreferencesMenu::~ChatPreferencesMenu() = default;

bool ChatPreferencesMenu::notificationsEnabled() const
{
    return m_notifications->isChecked();
}

bool ChatPreferencesMenu::soundEnabled() const
{
    return m_notifications->isChecked() && m_sound->isChecked();
}

void ChatPreferencesMenu::setTextSizeTargets(const QList<QWidget *> &targets)
{
    m_targets.clear();
    for (QWidget *target : targets)
        m_targets.append({target, target->font()});
    applyTextSize();
}

void ChatPreferencesMenu::addThemeMenu()
{
    QMenu *theme = addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    for (const ColorScheme::Mode mode :
         {ColorScheme::Mode::System, ColorScheme::Mode::Light, ColorScheme::Mode::Dark}) {
        QAction *action = theme->addAction(ColorScheme::displayName(mode));
        action->setCheckable(true);
        action->setChecked(ColorScheme::current() == mode);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [mode] {
            ColorScheme::apply(mode);
            QSettings settings;
            ColorScheme::save(settings, mode);
        });
    }
}

void ChatPreferencesMenu::setTextSizeStep(int step)
{
    step = std::clamp(step, MinTextSizeStep, MaxTextSizeStep);
    if (step == m_textSizeStep)
        return;
    m_textSizeStep = step;
    QSettings settings;
    Settings::UiTextSizeStep.setValue(settings, step);
    applyTextSize();
}

void ChatPreferencesMenu::applyTextSize()
{
    m_larger->setEnabled(m_textSizeStep < MaxTextSizeStep);
    m_smaller->setEnabled(m_textSizeStep > MinTextSizeStep);
    m_defaultSize->setEnabled(m_textSizeStep != 0);
    for (const Target &target : std::as_const(m_targets)) {
        if (!target.widget)
            continue;
        QFont font = target.baseFont;
        // Fonts sized in pixels (some platform themes) step in pixels instead.
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() + m_textSizeStep);
        else
            font.setPixelSize(font.pixelSize() + m_textSizeStep);
        target.widget->setFont(font);
    }
}

#include "moc_chatpreferencesmenu.cpp"
