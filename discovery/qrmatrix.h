// Any thread (a value type). A QR code symbol as a square matrix of dark and light modules,
// encoded by libqrencode (Debian's libqrencode) from bytes in 8-bit mode. Drawing it is the
// caller's business: QrCodeWidget paints it, QrTerminal writes it as text.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

class QrMatrix final
{
public:
    // Error correction: M restores 15 % of the symbol, enough for a screen photographed at an
    // angle, and keeps an invite link at version 4 or 5 (33 to 37 modules across).
    enum class Correction { Low, Medium, Quartile, High };
    // The light border a reader needs around the symbol (ISO/IEC 18004), in modules.
    static constexpr int QuietZone = 4;

    QrMatrix() = default;
    // An empty matrix (isNull) when the data does not fit into any symbol (over ~2,300 bytes).
    static QrMatrix encode(const QByteArray &data, Correction correction = Correction::Medium);
    static QrMatrix encode(const QString &text, Correction correction = Correction::Medium)
    {
        return encode(text.toUtf8(), correction);
    }

    bool isNull() const { return m_size == 0; }
    int size() const { return m_size; } // modules per side, without the quiet zone
    int version() const { return m_version; }
    // Outside the symbol (the quiet zone) every module is light.
    bool isDark(int x, int y) const
    {
        return x >= 0 && y >= 0 && x < m_size && y < m_size && m_modules.at(y * m_size + x);
    }

private:
    int m_size = 0;
    int m_version = 0;
    QVector<bool> m_modules;
};
