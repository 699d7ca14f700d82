// Any thread that owns the QSettings it is given (constants otherwise). One setting: its key in
// the settings file, its type and its default, declared once (lanchatsettings.h) and read and
// written only through this class, after qBittorrent's SettingValue<T>. The QSettings is passed in
// rather than global so that the command line, the dialogs and the tests can each use their own.
#pragma once

#include <QLatin1StringView>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

#include <type_traits>
#include <utility>

template<typename T>
class SettingValue final
{
    // The types the settings file stores as text (INI), exactly as the literals before did.
    static_assert(
        std::is_same_v<
            T,
            bool> || std::is_same_v<T, int> || std::is_same_v<T, quint16> || std::is_same_v<T, QString> || std::is_same_v<T, QStringList> || std::is_same_v<T, QVariantMap>,
        "a type QSettings writes as plain text");

public:
    constexpr SettingValue(QLatin1StringView key, T defaultValue = T())
        : m_key(key), m_default(std::move(defaultValue))
    { }

    QString key() const { return QString(m_key); }
    const T &defaultValue() const { return m_default; }

    // The stored value, or the declared default when there is none.
    T value(const QSettings &settings) const { return value(settings, m_default); }
    // The stored value, or fallback when there is none (a default known only at run time, such
    // as what the command line chose).
    T value(const QSettings &settings, const T &fallback) const
    {
        const QVariant stored = settings.value(m_key);
        return stored.isValid() ? fromVariant(stored) : fallback;
    }
    bool isStored(const QSettings &settings) const { return settings.contains(m_key); }
    void setValue(QSettings &settings, const T &value) const
    {
        settings.setValue(m_key, toVariant(value));
    }
    void remove(QSettings &settings) const { settings.remove(m_key); }

private:
    static T fromVariant(const QVariant &stored)
    {
        if constexpr (std::is_same_v<T, quint16>)
            return quint16(stored.toUInt());
        else
            return stored.value<T>();
    }
    static QVariant toVariant(const T &value)
    {
        // A quint16 QVariant would be written as binary "@Variant(…)"; as int it stays "8787".
        if constexpr (std::is_same_v<T, quint16>)
            return QVariant(int(value));
        else
            return QVariant(value);
    }

    QLatin1StringView m_key;
    T m_default;
};
