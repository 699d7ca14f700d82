// Lives in the GUI thread. The application's light or dark look: Light and Dark are Fusion with a
// palette of LanChat's, System is the style and palette the application started with (Qt 6.4 has
// no QStyleHints::colorScheme; whether that one is dark is read from its window colour). The
// choice is kept in QSettings (Settings::UiColorScheme). Every colour of the chat view derives from
// the application palette (ChatTheme), so the whole window follows.
#pragma once

#include <QCoreApplication>
#include <QPalette>
#include <QString>

class QSettings;

class ColorScheme final
{
    Q_DECLARE_TR_FUNCTIONS(ColorScheme)

public:
    enum class Mode { System, Light, Dark };

    static Mode load(const QSettings &settings);
    static void save(QSettings &settings, Mode mode);
    static QString displayName(Mode mode);

    // Sets the application's style and palette. The first call remembers the system's.
    static void apply(Mode mode);
    static Mode current();
    static QPalette lightPalette();
    static QPalette darkPalette();
};
