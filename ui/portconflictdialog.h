// Lives in the GUI thread. The port the server is to listen on is taken: "Port 8787 is in use",
// with "Use port N" (a port found free by binding it on the same address), which saves N in the
// settings, and "Settings…". HostWindow opens it when a start fails on a busy port.
#pragma once

#include <QHostAddress>
#include <QMessageBox>

class PortConflictDialog final : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortConflictDialog)

public:
    // busy: the port that could not be had; freePort: one to offer (0: none, only "Settings…").
    PortConflictDialog(quint16 busy, quint16 freePort, QWidget *parent = nullptr);

    // After a failed start: when the port at the address is taken, opens the dialog (window
    // modal, deleted on close) and returns it; nullptr when the failure had another cause.
    static PortConflictDialog *openIfBusy(const QHostAddress &address, quint16 port,
                                          QWidget *parent);

    quint16 freePort() const { return m_freePort; }

signals:
    // "Use port N": N is saved in the settings; the server is to start on it.
    void usePortChosen(quint16 port);
    void settingsRequested();

private:
    quint16 m_freePort = 0;
};
