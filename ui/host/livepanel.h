// Lives in the GUI thread. The live events (messages, joins, leaves, kicks, announcements) as the
// server reports them, newest at the bottom; the view follows new rows only while it is scrolled
// to the bottom. Independent of any window: it needs only the ServerController.
#pragma once

#include "eventtablemodel.h"
#include "tablepanel.h"

class ServerController;
struct ServerActivity;

class LivePanel final : public TablePanel<EventTableModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LivePanel)

public:
    static constexpr int MaxRows = 10'000;

    explicit LivePanel(ServerController *controller, QWidget *parent = nullptr);
    ~LivePanel() override;

private:
    void onActivity(const ServerActivity &activity);
};
