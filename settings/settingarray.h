// Any thread that owns the QSettings it is given (constants otherwise). A setting that is a list
// of records (QSettings' beginReadArray/beginWriteArray: "key/size", "key/1/field"…): its key,
// declared once (lanchatsettings.h) like a SettingValue, and read and written through this class.
// The fields of a record are the reader's and writer's business, between begin and endArray().
#pragma once

#include <QLatin1StringView>
#include <QSettings>
#include <QString>

class SettingArray final
{
public:
    constexpr explicit SettingArray(QLatin1StringView key) : m_key(key) { }

    QString key() const { return QString(m_key); }
    // The number of stored records; the settings are inside the array until endArray().
    int beginRead(QSettings &settings) const { return settings.beginReadArray(m_key); }
    // Replaces the stored records with size new ones (written until endArray()).
    void beginWrite(QSettings &settings, int size) const
    {
        settings.remove(m_key);
        settings.beginWriteArray(m_key, size);
    }
    void remove(QSettings &settings) const { settings.remove(m_key); }

private:
    QLatin1StringView m_key;
};
