#include "connectionbar.h"

#include "chatclient.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

using namespace Qt::StringLiterals;

ConnectionBar::ConnectionBar(ChatClient *client, QWidget *parent)
    : QWidget(parent), m_client(client)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(u"connectionStateLabel"_s);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_retryButton = new QPushButton(tr("&Reconnect now"), this);
    m_editButton = new QPushButton(tr("&Change connection…"), this);
    m_editButton->setObjectName(u"changeConnectionButton"_s);
    row->addWidget(m_label, 1);
    row->addWidget(m_retryButton);
    row->addWidget(m_editButton);

    m_countdown = new QTimer(this);
    m_countdown->setInterval(500);
    connect(m_countdown, &QTimer::timeout, this, &ConnectionBar::update);
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        if (m_client->state() == ChatClient::State::WaitingToReconnect)
            m_client->retryNow();
        else
            m_client->connectToServer();
    });
    connect(m_editButton, &QPushButton::clicked, this, &ConnectionBar::changeRequested);
    update();
}

ConnectionBar::~ConnectionBar() = default;

QString ConnectionBar::text() const
{
    const QString where = m_client->endpoint().authority();
    switch (m_client->state()) {
    case ChatClient::State::Connecting:
        return m_client->attempt() == 0 ? tr("Connecting to %1…").arg(where)
                                        : tr("Reconnecting to %1…").arg(where);
    case ChatClient::State::Connected:
        return m_client->isSynced() ? tr("Connected to %1 as %2").arg(where, m_client->username())
                                    : tr("Connected to %1, loading messages…").arg(where);
    case ChatClient::State::WaitingToReconnect: {
        const int seconds = int((m_client->msecsUntilRetry() + 999) / 1000);
        return tr("%1 Reconnecting in %n s.", nullptr, seconds).arg(m_client->problemText());
    }
    case ChatClient::State::Disconnected:
        return m_client->problemText().isEmpty()
                   ? tr("Disconnected.")
                   : tr("Disconnected. %1").arg(m_client->problemText());
    }
    return {};
}

void ConnectionBar::setHosting(bool hosting)
{
    m_hosting = hosting;
    update();
}

void ConnectionBar::update()
{
    const ChatClient::State state = m_client->state();
    m_label->setText(text());
    const bool trouble = state == ChatClient::State::Disconnected
                         || state == ChatClient::State::WaitingToReconnect;
    m_label->setStyleSheet(trouble ? u"QLabel { color: #b00020; }"_s : QString());
    m_retryButton->setVisible(trouble);
    const ChatClient::Problem problem = m_client->problem();
    // Also while retrying: the address or the token may be what is wrong. The host's own window
    // has no other server to change to.
    m_editButton->setVisible(
        !m_hosting && state != ChatClient::State::Connected
        && (state == ChatClient::State::Disconnected || problem != ChatClient::Problem::None)
        && problem != ChatClient::Problem::Kicked && problem != ChatClient::Problem::Banned);
    if (state == ChatClient::State::WaitingToReconnect)
        m_countdown->start();
    else
        m_countdown->stop();
}

#include "moc_connectionbar.cpp"
