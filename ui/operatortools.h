// Lives in the GUI thread. What hosting adds to the host's chat window: the console
// (HostWindow) in the "Operator tools" dock, the dock's toggle action (View menu, tool
// bar, Ctrl+Shift+O; remembered in the settings), the console's menus in the window's menu bar,
// and the question before closing ends the chat for the people connected.
#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class HostWindow;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

class OperatorTools final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorTools)

public:
    // Puts the console into window; the toggle action goes first in viewMenu.
    OperatorTools(HostWindow *console, QMainWindow *window, QMenu *viewMenu);
    ~OperatorTools() override;

    HostWindow *console() const { return m_console; }
    QDockWidget *dock() const { return m_dock; }
    QAction *toggleAction() const { return m_toggleAction; }
    // The open question "N people are connected. Stop hosting?"; null when none is open.
    QMessageBox *stopHostingPrompt() const { return m_stopHostingPrompt; }
    // Whether closing may go on now: while nobody else is connected. Otherwise asks (offering to
    // keep running in the tray when offerTray) and answers with one of the signals.
    bool mayClose(bool offerTray);

signals:
    void stopConfirmed();
    void keepRunningChosen();
    void closeCancelled();

private:
    HostWindow *m_console;
    QMainWindow *m_window;
    QDockWidget *m_dock = nullptr;
    QAction *m_toggleAction = nullptr;
    QPointer<QMessageBox> m_stopHostingPrompt;
};
