// Lives in the GUI thread. The moderation log, newest first: the records the server kept from
// before this start, then each kick, ban, unban, mute, unmute, block and drop as it happens.
// Independent of any window: it needs only the ServerController.
#pragma once

#include <QWidget>

class ModerationLogModel;
class QTableView;
class ServerController;

class ModerationLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationLogPanel)

public:
    explicit ModerationLogPanel(ServerController *controller, QWidget *parent = nullptr);
    ~ModerationLogPanel() override;

    ModerationLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

private:
    ModerationLogModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};
