// Lives in the GUI thread. The moderation log, newest first: the records the server kept from
// before this start, then each kick, ban, unban, mute, unmute, block and drop as it happens.
// Independent of any window: it needs only the ServerController.
#pragma once

#include "moderationlogmodel.h"
#include "tablepanel.h"

class ServerController;

class ModerationLogPanel final : public TablePanel<ModerationLogModel>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationLogPanel)

public:
    explicit ModerationLogPanel(ServerController *controller, QWidget *parent = nullptr);
    ~ModerationLogPanel() override;
};
