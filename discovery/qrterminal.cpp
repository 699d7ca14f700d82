#include "qrterminal.h"

#include "qrmatrix.h"

using namespace Qt::StringLiterals;

QString QrTerminal::render(const QrMatrix &matrix, Colours colours, int quietZone)
{
    if (matrix.isNull())
        return {};
    constexpr char16_t Full = u'\u2588';
    constexpr char16_t Upper = u'\u2580';
    constexpr char16_t Lower = u'\u2584';
    const int first = -quietZone;
    const int end = matrix.size() + quietZone;
    QString text;
    for (int y = first; y < end; y += 2) {
        // Black background, bright white blocks: the light modules stay light on any theme.
        if (colours == Colours::Ansi)
            text += u"\x1b[40;97m"_s;
        for (int x = first; x < end; ++x) {
            const bool upperLight = !matrix.isDark(x, y);
            // Below the last row (an odd count) is the terminal: treat it as dark, as qrencode.
            const bool lowerLight = y + 1 < end && !matrix.isDark(x, y + 1);
            if (upperLight && lowerLight)
                text += QChar(Full);
            else if (upperLight)
                text += QChar(Upper);
            else if (lowerLight)
                text += QChar(Lower);
            else
                text += u' ';
        }
        if (colours == Colours::Ansi)
            text += u"\x1b[0m"_s;
        text += u'\n';
    }
    return text;
}
