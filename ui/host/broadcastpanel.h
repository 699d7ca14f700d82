// Lives in the GUI thread. What the operator says to everyone: an announcement, or a chat
// message under a name of their choice (kept in the settings). Enabled while the server runs.
// Independent of any window: it needs only the ServerController.
#pragma once

#include <QGroupBox>

class QLineEdit;
class QPushButton;
class ServerController;

class BroadcastPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BroadcastPanel)

public:
    explicit BroadcastPanel(ServerController *controller, QWidget *parent = nullptr);
    ~BroadcastPanel() override;

    // The name in the field, as typed.
    QString operatorName() const;
    void setOperatorName(const QString &name);
    // The name chat messages go out under while the field is empty (the server's configuration).
    void setFallbackName(const QString &name) { m_fallbackName = name; }
    void focusAnnouncement();
    void focusChat();

private:
    void sendAnnouncement();
    void sendChat();

    ServerController *m_controller;
    QString m_fallbackName;
    QLineEdit *m_announcementField = nullptr;
    QPushButton *m_announceButton = nullptr;
    QLineEdit *m_operatorNameField = nullptr;
    QLineEdit *m_chatField = nullptr;
    QPushButton *m_chatButton = nullptr;
};
