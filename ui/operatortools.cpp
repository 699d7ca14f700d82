#include "operatortools.h"

#include "hostwindow.h"
#include "lanchatsettings.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QToolBar>

using namespace Qt::StringLiterals;

OperatorTools::OperatorTools(HostWindow *console, QMainWindow *window, QMenu *viewMenu)
    : QObject(window), m_console(console), m_window(window)
{
    m_dock = new QDockWidget(tr("Operator tools"), window);
    m_dock->setObjectName(u"operatorDock"_s);
    m_dock->setWidget(console);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);

    m_toggleAction = m_dock->toggleViewAction();
    m_toggleAction->setObjectName(u"operatorToolsAction"_s);
    m_toggleAction->setText(tr("&Operator tools"));
    m_toggleAction->setToolTip(tr("Show or hide the operator tools (Ctrl+Shift+O)"));
    m_toggleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_toggleAction->setIcon(QIcon::fromTheme(u"preferences-system-network"_s));
    connect(m_toggleAction, &QAction::triggered, this, [](bool visible) {
        QSettings settings;
        Settings::UiOperatorToolsVisible.setValue(settings, visible);
    });
    m_dock->setVisible(Settings::UiOperatorToolsVisible.value(QSettings()));
    viewMenu->insertAction(viewMenu->actions().value(0), m_toggleAction);
    viewMenu->insertSeparator(viewMenu->actions().value(1));
    for (QMenu *menu : console->menus())
        window->menuBar()->insertMenu(viewMenu->menuAction(), menu);
    // The console's actions lead to its panels: they open the tools first.
    for (QAction *action : console->menus().constLast()->actions())
        connect(action, &QAction::triggered, m_dock, &QWidget::show);
    auto *toolBar = window->addToolBar(tr("Chat"));
    toolBar->setObjectName(u"chatToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_toggleAction);
}

OperatorTools::~OperatorTools() = default;

bool OperatorTools::mayClose(bool offerTray)
{
    const int others = m_console->participantCount();
    if (others == 0)
        return true;
    if (m_stopHostingPrompt && m_stopHostingPrompt->isVisible()) {
        m_stopHostingPrompt->raise();
        return false;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Stop hosting?"),
                                others == 1
                                    ? tr("1 person is connected. Stop hosting?")
                                    : tr("%n people are connected. Stop hosting?", nullptr, others),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(u"stopHostingPrompt"_s);
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(tr("Stopping ends the chat for everyone connected."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *stop = box->addButton(tr("&Stop hosting"), QMessageBox::DestructiveRole);
    stop->setObjectName(u"stopHostingButton"_s);
    QPushButton *keep = nullptr;
    if (offerTray) {
        keep = box->addButton(tr("&Keep running in the tray"), QMessageBox::AcceptRole);
        keep->setObjectName(u"keepRunningButton"_s);
    }
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, stop, keep](QAbstractButton *button) {
        if (button == stop)
            emit stopConfirmed();
        else if (button == keep)
            emit keepRunningChosen();
        else
            emit closeCancelled();
    });
    m_stopHostingPrompt = box;
    box->open();
    return false;
}

#include "moc_operatortools.cpp"
