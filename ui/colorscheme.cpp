#include "colorscheme.h"
#include "lanchatsettings.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace {
// The style and palette the application started with, and what apply() made of them.
struct State
{
    QString systemStyle = QApplication::style()->name();
    QPalette systemPalette = QApplication::palette();
    ColorScheme::Mode current = ColorScheme::Mode::System;
    bool changed = false; // Light or Dark was applied at some point
};

State &state()
{
    static State instance;
    return instance;
}

// The colours that every palette group shares, and the disabled group's greyed text.
QPalette makePalette(const QColor &window, const QColor &base, const QColor &alternate,
                     const QColor &text, const QColor &button, const QColor &highlight,
                     const QColor &link, const QColor &placeholder, const QColor &disabled,
                     bool dark)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, alternate);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, link);
    palette.setColor(QPalette::LinkVisited, link);
    palette.setColor(QPalette::PlaceholderText, placeholder);
    palette.setColor(QPalette::ToolTipBase, dark ? button : QColor(0xff, 0xfd, 0xe7));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Light, dark ? button.lighter(130) : Qt::white);
    palette.setColor(QPalette::Midlight, dark ? button.lighter(115) : button.lighter(105));
    palette.setColor(QPalette::Mid, dark ? button.darker(130) : button.darker(120));
    palette.setColor(QPalette::Dark, dark ? button.darker(160) : button.darker(150));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabled);
    }
    palette.setColor(QPalette::Disabled, QPalette::Highlight, disabled);
    palette.setColor(QPalette::Inactive, QPalette::Highlight, highlight);
    return palette;
}
} // namespace

ColorScheme::Mode ColorScheme::load(const QSettings &settings)
{
    const QString value = Settings::UiColorScheme.value(settings);
    if (value == "light"_L1)
        return Mode::Light;
    if (value == "dark"_L1)
        return Mode::Dark;
    return Mode::System;
}

void ColorScheme::save(QSettings &settings, Mode mode)
{
    Settings::UiColorScheme.setValue(settings, mode == Mode::Light  ? u"light"_s
                                               : mode == Mode::Dark ? u"dark"_s
                                                                    : u"system"_s);
}

QString ColorScheme::displayName(Mode mode)
{
    switch (mode) {
    case Mode::System:
        return tr("&System");
    case Mode::Light:
        return tr("&Light");
    case Mode::Dark:
        return tr("&Dark");
    }
    return {};
}

void ColorScheme::apply(Mode mode)
{
    State &look = state();
    look.current = mode;
    if (mode == Mode::System) {
        // Untouched until now: leave the platform's style and palette alone (and following it).
        if (!look.changed)
            return;
        QApplication::setStyle(QStyleFactory::create(look.systemStyle));
        QApplication::setPalette(look.systemPalette);
        return;
    }
    look.changed = true;
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(mode == Mode::Dark ? darkPalette() : lightPalette());
}

ColorScheme::Mode ColorScheme::current()
{
    return state().current;
}

QPalette ColorScheme::lightPalette()
{
    return makePalette(QColor(0xef, 0xf1, 0xf4), Qt::white, QColor(0xf6, 0xf7, 0xf9),
                       QColor(0x1f, 0x23, 0x28), QColor(0xf4, 0xf5, 0xf7), QColor(0x25, 0x63, 0xeb),
                       QColor(0x1d, 0x4e, 0xd8), QColor(0x6b, 0x72, 0x80), QColor(0xa0, 0xa6, 0xb0),
                       false);
}

QPalette ColorScheme::darkPalette()
{
    return makePalette(QColor(0x2b, 0x2d, 0x31), QColor(0x1e, 0x1f, 0x22), QColor(0x26, 0x28, 0x2c),
                       QColor(0xe6, 0xe8, 0xeb), QColor(0x35, 0x37, 0x3c), QColor(0x3b, 0x82, 0xf6),
                       QColor(0x8a, 0xb4, 0xf8), QColor(0x9a, 0xa0, 0xa6), QColor(0x6b, 0x70, 0x78),
                       true);
}
