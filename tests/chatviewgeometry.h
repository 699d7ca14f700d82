// Shared by the chat view's test suites (the test's main thread): what is wrong with the rows a
// ChatView shows, if anything.
#pragma once

#include <QString>

class ChatView;

// The rows on screen fit together: each starts where the one above ends, spans the viewport's
// width and draws inside its rectangle; and each is as tall as a view made afresh at the same
// size lays it out (so its height followed every resize). Empty when all is well.
QString chatViewGeometryProblem(ChatView &view);
