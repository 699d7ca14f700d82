#include "qrmatrix.h"

#include <qrencode.h>

#include <memory>

QrMatrix QrMatrix::encode(const QByteArray &data, Correction correction)
{
    QRecLevel level = QR_ECLEVEL_M;
    switch (correction) {
    case Correction::Low:
        level = QR_ECLEVEL_L;
        break;
    case Correction::Medium:
        level = QR_ECLEVEL_M;
        break;
    case Correction::Quartile:
        level = QR_ECLEVEL_Q;
        break;
    case Correction::High:
        level = QR_ECLEVEL_H;
        break;
    }
    if (data.isEmpty())
        return {};
    // Version 0: the smallest symbol that holds the data.
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()),
                          reinterpret_cast<const unsigned char *>(data.constData()), 0, level),
        &QRcode_free);
    if (!code || code->width <= 0)
        return {};
    QrMatrix matrix;
    matrix.m_size = code->width;
    matrix.m_version = code->version;
    matrix.m_modules.resize(code->width * code->width);
    // Bit 0 of each byte is the module's colour (1 dark); the other bits describe its role.
    for (int i = 0; i < code->width * code->width; ++i)
        matrix.m_modules[i] = (code->data[i] & 1) != 0;
    return matrix;
}
