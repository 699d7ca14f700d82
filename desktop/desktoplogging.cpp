#include "desktoplogging.h"

Q_LOGGING_CATEGORY(lcDesktop, "lanchat.desktop", QtInfoMsg)
