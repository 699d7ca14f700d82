// Shared by the libFuzzer targets: input decoding and an invariant check that always aborts
// (libFuzzer then saves the input as a crash), also in release builds.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort(); \
        } \
    } while (false)

namespace Fuzz {

// The bytes as text, as Qt hands them to the server: UTF-8 (invalid sequences become U+FFFD, as
// a percent-decoded query value does). When the first byte is 0x01, the rest is raw UTF-16 instead,
// which also reaches unpaired surrogates.
inline QString decode(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 0x01) {
        QString text((size - 1) / 2, Qt::Uninitialized);
        for (qsizetype i = 0; i < text.size(); ++i)
            text[i] = QChar(char16_t(data[1 + 2 * i] | (data[2 + 2 * i] << 8)));
        return text;
    }
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace Fuzz
