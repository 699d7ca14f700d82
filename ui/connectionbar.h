// Lives in the GUI thread. The line above the chat that says where the ChatClient is connected
// or why not ("Reconnecting in 4 s."), counting down while it waits, with "Reconnect now" while
// in trouble and "Change connection…" where another address, token or name may help. Plain
// text: the reasons quote the server's and the operator's words.
#pragma once

#include <QWidget>

class ChatClient;
class QLabel;
class QPushButton;
class QTimer;

class ConnectionBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)

public:
    explicit ConnectionBar(ChatClient *client, QWidget *parent = nullptr);
    ~ConnectionBar() override;

    QString text() const;
    // Hosting: the server is this process's own, there is no other one to change to.
    void setHosting(bool hosting);
    // Follows the client's state (also once a second while waiting to reconnect).
    void update();
    QPushButton *retryButton() const { return m_retryButton; }

signals:
    void changeRequested();

private:
    ChatClient *m_client;
    QLabel *m_label = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QTimer *m_countdown = nullptr;
    bool m_hosting = false;
};
