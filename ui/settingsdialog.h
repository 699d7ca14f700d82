// Lives in the GUI thread. The console's settings: port, bind address, token (with "generate
// new"), data directory, history size limit, operator name, language and close-to-tray, read from
// and written to QSettings (server/port, server/bind, server/token, server/dataDir,
// limits/maxHistorySizeMiB, ui/operatorName, ui/language, ui/closeToTray).
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSettings;
class QSpinBox;

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    struct Values
    {
        quint16 port = 8787;
        QString bindAddress; // empty: all addresses
        QString token;
        QString dataDir; // empty: the platform's application data directory
        int maxHistoryMiB = 0; // 0: no limit
        QString operatorName;
        QString language; // empty: the system's; "en", "de"
        bool closeToTray = false;
    };

    explicit SettingsDialog(const Values &values, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    Values values() const;
    static Values load(const QSettings &settings, const Values &defaults);
    static void save(QSettings &settings, const Values &values);
    static QString generateToken();

private:
    void validate();

    QSpinBox *m_port = nullptr;
    QLineEdit *m_bind = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QSpinBox *m_maxHistory = nullptr;
    QLineEdit *m_operatorName = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
