// Lives in the GUI thread. The bar above the chat input while the operator has muted this client
// (ChatClient::mute): "The operator muted you until 18:30: you can read, but not send. Reason: …"
// in the user's language (ClientErrorText::muted). Plain text: the reason is the operator's
// words. It shows and hides itself with ChatClient::muteChanged; not modal, nothing to click.
#pragma once

#include <QFrame>

class ChatClient;
class QLabel;

class MuteNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MuteNotice)

public:
    explicit MuteNotice(ChatClient *client, QWidget *parent = nullptr);
    ~MuteNotice() override;

    QString text() const;

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void follow();

    ChatClient *m_client;
    QLabel *m_icon;
    QLabel *m_text;
};
