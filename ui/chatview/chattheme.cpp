#include "chattheme.h"

#include <QList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
// Accent hues that read as "warning/mention", "announcement" and "error" in both palettes; only
// their mixes and contrast-adjusted forms are painted.
const QColor Amber(0xf2, 0xa6, 0x00);
const QColor Green(0x2e, 0x9d, 0x5b);
const QColor Red(0xd3, 0x2f, 0x2f);

double channel(double value)
{
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

// The colour readable on every one of the backgrounds (they are all light or all dark).
QColor withContrastOnAll(QColor color, const QList<QColor> &backgrounds)
{
    for (int pass = 0; pass < 3; ++pass) {
        bool ok = true;
        for (const QColor &background : backgrounds) {
            if (ChatTheme::contrast(color, background) < ChatTheme::MinimumContrast) {
                color = ChatTheme::withContrast(color, background);
                ok = false;
            }
        }
        if (ok)
            break;
    }
    return color;
}

// FNV-1a over the case-folded UTF-16: stable across runs and machines (qHash is seeded).
quint32 stableHash(const QString &text)
{
    quint32 hash = 2166136261u;
    const QString folded = text.toCaseFolded();
    for (const QChar c : folded) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return hash;
}
} // namespace

bool ChatTheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

double ChatTheme::luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
           + 0.0722 * channel(rgb.blueF());
}

double ChatTheme::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ChatTheme::withContrast(const QColor &color, const QColor &background, double ratio)
{
    if (contrast(color, background) >= ratio)
        return color;
    const double lb = luminance(background);
    // Towards whichever end can give more contrast on this background.
    const bool darken = (lb + 0.05) / 0.05 >= 1.05 / (lb + 0.05);
    float hue = 0;
    float saturation = 0;
    float lightness = 0;
    float alpha = 1;
    color.toHsl().getHslF(&hue, &saturation, &lightness, &alpha);
    for (int step = 0; step < 100; ++step) {
        lightness = darken ? std::max(0.0f, lightness - 0.01f) : std::min(1.0f, lightness + 0.01f);
        const QColor candidate = QColor::fromHslF(hue, saturation, lightness, alpha);
        if (contrast(candidate, background) >= ratio)
            return candidate.toRgb();
        if (lightness <= 0.0f || lightness >= 1.0f)
            break;
    }
    return darken ? QColor(Qt::black) : QColor(Qt::white);
}

QColor ChatTheme::mix(const QColor &a, const QColor &b, double amount)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    const auto blend = [amount](double p, double q) { return p + (q - p) * amount; };
    return QColor::fromRgbF(float(blend(x.redF(), y.redF())), float(blend(x.greenF(), y.greenF())),
                            float(blend(x.blueF(), y.blueF())));
}

ChatTheme::ChatTheme(const QPalette &palette) : dark(isDark(palette))
{
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    const QColor paletteText = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Active, QPalette::Highlight);

    if (dark) {
        // Bubbles lighter than the background, as light ones are brighter on a grey page.
        background = base.lightness() <= window.lightness() ? base : window;
        bubble = mix(background, paletteText, 0.09);
        ownBubble = mix(bubble, highlight, 0.38);
        mentionBubble = mix(bubble, Amber, 0.22);
        announcementBubble = mix(bubble, Green, 0.22);
        bubbleBorder = mix(background, paletteText, 0.16);
    } else {
        background = mix(base, window, 0.7);
        bubble = base;
        ownBubble = mix(base, highlight, 0.16);
        mentionBubble = mix(base, Amber, 0.2);
        announcementBubble = mix(base, Green, 0.13);
        bubbleBorder = mix(background, paletteText, 0.13);
    }
    const QList<QColor> bubbles {bubble, ownBubble, mentionBubble, announcementBubble};

    text = withContrast(paletteText, background);
    secondaryText = withContrast(mix(paletteText, background, 0.4), background);
    bubbleText = withContrastOnAll(paletteText, bubbles);
    bubbleSecondaryText = withContrastOnAll(mix(paletteText, bubble, 0.4), bubbles);
    link = withContrastOnAll(palette.color(QPalette::Link), bubbles);
    error = withContrastOnAll(Red, QList<QColor>(bubbles) << background);
    unread = error;
    mentionAccent = withContrastOnAll(Amber, bubbles);
    announcementAccent = withContrastOnAll(Green, bubbles);
    selection = highlight;
    selectionText
        = withContrast(palette.color(QPalette::Active, QPalette::HighlightedText), selection);
    focus = highlight;
    jumpButton = highlight;
    jumpButtonText = selectionText;
}

QColor ChatTheme::nameColor(const QString &name, const QColor &on) const
{
    const QString key = name + QChar(u'\x1f') + QString::number(on.rgb(), 16);
    if (const auto found = m_nameColors.constFind(key); found != m_nameColors.cend())
        return *found;
    const quint32 hash = stableHash(name);
    const float hue = float(hash % 360) / 360.0f;
    const float saturation = 0.55f + float((hash >> 9) % 30) / 100.0f;
    const float lightness = dark ? 0.68f : 0.40f;
    const QColor color = withContrast(QColor::fromHslF(hue, saturation, lightness).toRgb(), on);
    m_nameColors.insert(key, color);
    return color;
}

QColor ChatTheme::avatarTextColor(const QColor &circle)
{
    return contrast(Qt::white, circle) >= contrast(Qt::black, circle) ? QColor(Qt::white)
                                                                      : QColor(Qt::black);
}
