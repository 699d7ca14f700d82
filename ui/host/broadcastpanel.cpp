#include "broadcastpanel.h"

#include "lanchatsettings.h"
#include "servercontroller.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

BroadcastPanel::BroadcastPanel(ServerController *controller, QWidget *parent)
    : QGroupBox(tr("Broadcast"), parent),
      m_controller(controller),
      m_fallbackName(ServerConfig().operatorName)
{
    auto *grid = new QFormLayout(this);
    auto *announceRow = new QHBoxLayout;
    m_announcementField = new QLineEdit(this);
    m_announcementField->setObjectName(u"announcementField"_s);
    m_announcementField->setPlaceholderText(tr("Announcement to everyone"));
    m_announcementField->setMaxLength(5000);
    m_announceButton = new QPushButton(tr("&Announce"), this);
    m_announceButton->setObjectName(u"announceButton"_s);
    m_announceButton->setEnabled(false);
    connect(m_announcementField, &QLineEdit::returnPressed, this,
            &BroadcastPanel::sendAnnouncement);
    connect(m_announceButton, &QPushButton::clicked, this, &BroadcastPanel::sendAnnouncement);
    announceRow->addWidget(m_announcementField, 1);
    announceRow->addWidget(m_announceButton);
    grid->addRow(tr("Announcement:"), announceRow);

    auto *chatRow = new QHBoxLayout;
    m_operatorNameField = new QLineEdit(this);
    m_operatorNameField->setObjectName(u"operatorNameField"_s);
    m_operatorNameField->setPlaceholderText(tr("Your name"));
    m_operatorNameField->setMaxLength(64);
    m_operatorNameField->setText(Settings::UiOperatorName.value(QSettings(), m_fallbackName));
    m_operatorNameField->setMaximumWidth(fontMetrics().averageCharWidth() * 20);
    connect(m_operatorNameField, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_operatorNameField->text().trimmed();
        if (name.isEmpty())
            return;
        QSettings settings;
        Settings::UiOperatorName.setValue(settings, name);
    });
    m_chatField = new QLineEdit(this);
    m_chatField->setObjectName(u"chatField"_s);
    m_chatField->setPlaceholderText(tr("Chat as the operator"));
    m_chatField->setMaxLength(5000);
    m_chatButton = new QPushButton(tr("S&end"), this);
    m_chatButton->setObjectName(u"chatButton"_s);
    m_chatButton->setEnabled(false);
    connect(m_chatField, &QLineEdit::returnPressed, this, &BroadcastPanel::sendChat);
    connect(m_chatButton, &QPushButton::clicked, this, &BroadcastPanel::sendChat);
    chatRow->addWidget(m_operatorNameField);
    chatRow->addWidget(m_chatField, 1);
    chatRow->addWidget(m_chatButton);
    grid->addRow(tr("Chat:"), chatRow);

    const auto updateButtons = [this](ServerController::State state) {
        const bool running = state == ServerController::State::Running;
        m_announceButton->setEnabled(running);
        m_chatButton->setEnabled(running);
    };
    connect(m_controller, &ServerController::stateChanged, this, updateButtons);
    updateButtons(m_controller->state());
}

BroadcastPanel::~BroadcastPanel() = default;

QString BroadcastPanel::operatorName() const
{
    return m_operatorNameField->text();
}

void BroadcastPanel::setOperatorName(const QString &name)
{
    m_operatorNameField->setText(name);
}

void BroadcastPanel::focusAnnouncement()
{
    m_announcementField->setFocus(Qt::ShortcutFocusReason);
    m_announcementField->selectAll();
}

void BroadcastPanel::focusChat()
{
    m_chatField->setFocus(Qt::ShortcutFocusReason);
}

void BroadcastPanel::sendAnnouncement()
{
    const QString text = m_announcementField->text();
    if (text.trimmed().isEmpty() || !m_controller->isRunning())
        return;
    m_controller->announce(text);
    m_announcementField->clear();
}

void BroadcastPanel::sendChat()
{
    const QString text = m_chatField->text();
    QString name = m_operatorNameField->text().trimmed();
    if (name.isEmpty())
        name = m_fallbackName;
    if (text.trimmed().isEmpty() || !m_controller->isRunning())
        return;
    m_controller->postMessage(name, text);
    m_chatField->clear();
}
