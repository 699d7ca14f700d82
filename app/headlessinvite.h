// Main thread. What `lanchat --headless` prints for phones once the server listens: the browser
// link of the first address others can reach, as a QR code in Unicode half blocks and as text.
#pragma once

#include <QString>

struct ServerStatus;

// Empty when the server has no address to show. ansiColours: black on white whatever the
// terminal's theme (for a terminal; plain text when the output goes to a file).
QString headlessInvite(const ServerStatus &status, bool ansiColours);
