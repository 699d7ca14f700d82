#include "broadcastpanel.h"

#include "lanchatsettings.h"
#include "protocolconstants.h"
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
    // A message field and its button: Return or the button sends; the button waits for the
    // server.
    const auto createSendRow
        = [this](QLineEdit *&field, const QString &fieldName, const QString &placeholder,
                 QPushButton *&button, const QString &buttonName, const QString &buttonText,
                 void (BroadcastPanel::*send)()) {
              field = new QLineEdit(this);
              field->setObjectName(fieldName);
              field->setPlaceholderText(placeholder);
              field->setMaxLength(Protocol::Limits::MaxTextLength);
              button = new QPushButton(buttonText, this);
              button->setObjectName(buttonName);
              button->setEnabled(false);
              connect(field, &QLineEdit::returnPressed, this, send);
              connect(button, &QPushButton::clicked, this, send);
          };
    auto *grid = new QFormLayout(this);
    auto *announceRow = new QHBoxLayout;
    createSendRow(m_announcementField, u"announcementField"_s, tr("Announcement to everyone"),
                  m_announceButton, u"announceButton"_s, tr("&Announce"),
                  &BroadcastPanel::sendAnnouncement);
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
    createSendRow(m_chatField, u"chatField"_s, tr("Chat as the operator"), m_chatButton,
                  u"chatButton"_s, tr("S&end"), &BroadcastPanel::sendChat);
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

#include "moc_broadcastpanel.cpp"
