// What the GUI benchmarks share (before any other Qt call in main()): a machine without a display,
// as CI's, runs them on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
#pragma once

#include <QtGlobal>

inline void useOffscreenWithoutDisplay()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}
