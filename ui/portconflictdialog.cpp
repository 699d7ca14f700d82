#include "portconflictdialog.h"

#include "freeport.h"
#include "lanchatsettings.h"

#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

PortConflictDialog::PortConflictDialog(quint16 busy, quint16 freePort, QWidget *parent)
    : QMessageBox(parent), m_freePort(freePort)
{
    setObjectName(u"portConflictDialog"_s);
    setIcon(QMessageBox::Warning);
    setWindowTitle(tr("LanChat could not start hosting"));
    setTextFormat(Qt::PlainText);
    setText(tr("Port %1 is in use").arg(busy));
    setInformativeText(
        freePort != 0
            ? tr("Another program (or another LanChat) already listens on port %1. LanChat can "
                 "host on port %2 instead: the invite and the address shown to others follow.")
                  .arg(busy)
                  .arg(freePort)
            : tr("Another program (or another LanChat) already listens on port %1. Choose "
                 "another port in the settings.")
                  .arg(busy));
    if (freePort != 0) {
        QPushButton *use = addButton(tr("&Use port %1").arg(freePort), QMessageBox::AcceptRole);
        use->setObjectName(u"usePortButton"_s);
        setDefaultButton(use);
        connect(use, &QPushButton::clicked, this, [this] {
            QSettings settings;
            Settings::ServerPort.setValue(settings, m_freePort);
            emit usePortChosen(m_freePort);
        });
    }
    QPushButton *settingsButton = addButton(tr("&Settings…"), QMessageBox::ActionRole);
    settingsButton->setObjectName(u"portSettingsButton"_s);
    connect(settingsButton, &QPushButton::clicked, this, &PortConflictDialog::settingsRequested);
    addButton(QMessageBox::Cancel);
}

PortConflictDialog *PortConflictDialog::openIfBusy(const QHostAddress &address, quint16 port,
                                                   QWidget *parent)
{
    if (port == 0 || FreePort::isFree(address, port))
        return nullptr;
    auto *dialog = new PortConflictDialog(port, FreePort::findNear(address, port), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

#include "moc_portconflictdialog.cpp"
