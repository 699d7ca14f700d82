// Any thread (pure functions). A QrMatrix as text for a terminal, two module rows per line with
// the Unicode half blocks (as `qrencode -t UTF8` / `-t ANSIUTF8` write it). Blocks stand for
// light modules, so on a dark terminal the symbol reads right without colours; with colours on,
// each line is black on bright white whatever the terminal's theme.
#pragma once

#include "qrmatrix.h"

#include <QString>

class QrTerminal final
{
public:
    enum class Colours { None, Ansi };

    // Lines end with '\n'; the quiet zone is included.
    static QString render(const QrMatrix &matrix, Colours colours,
                          int quietZone = QrMatrix::QuietZone);
};
