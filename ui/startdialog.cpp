#include "startdialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

StartDialog::StartDialog(Choice lastChoice, QWidget *parent) : QDialog(parent), m_choice(lastChoice)
{
    setWindowTitle(tr("LanChat"));
    auto *layout = new QVBoxLayout(this);
    auto *question = new QLabel(tr("How do you want to use LanChat?"), this);
    question->setTextFormat(Qt::PlainText);
    layout->addWidget(question);

    auto *host = new QPushButton(tr("&Host a chat on this computer"), this);
    host->setToolTip(tr("Others on the network join you with an invite."));
    auto *join = new QPushButton(tr("&Join a chat"), this);
    join->setToolTip(tr("Connect to someone else's LanChat with their invite."));
    for (QPushButton *button : {host, join}) {
        button->setMinimumHeight(40);
        layout->addWidget(button);
    }
    (lastChoice == Choice::Host ? host : join)->setDefault(true);
    (lastChoice == Choice::Host ? host : join)->setFocus();
    m_remember = new QCheckBox(tr("Always start like this (do not ask again)"), this);
    layout->addWidget(m_remember);

    connect(host, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Host;
        accept();
    });
    connect(join, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Join;
        accept();
    });
}

StartDialog::~StartDialog() = default;

bool StartDialog::rememberChoice() const
{
    return m_remember->isChecked();
}

#include "moc_startdialog.cpp"
