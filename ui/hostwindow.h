// Lives in the GUI thread. The hosting window: where others connect, the token, the live event
// log and an announcement box. It sees the server only through ServerController.
#pragma once

#include "chattypes.h"
#include "servercontroller.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

class HostWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostWindow)

public:
    static constexpr int MaxLogLines = 5000;

    explicit HostWindow(ServerController *controller, QWidget *parent = nullptr);
    ~HostWindow() override;

    // The text another user needs to join: the addresses with the port, and the token.
    QString inviteText() const;

private:
    void onStarted(const ServerStatus &status);
    void onStateChanged(ServerController::State state);
    void onActivity(const ServerActivity &activity);
    void sendAnnouncement();
    void copyInvite();
    QStringList reachableUrls() const;

    ServerController *m_controller;
    ServerStatus m_status;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_tokenField = nullptr;
    QLabel *m_clientsLabel = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QLineEdit *m_announcementField = nullptr;
    QPushButton *m_announceButton = nullptr;
};
