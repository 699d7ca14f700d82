// Main thread. `lanchat --discover [--timeout S] [--json] [--scan]`: finds LanChat hosts on the
// network with only a QCoreApplication (no display), prints them and exits.
#pragma once

#include "discoveryoptions.h"

class QCoreApplication;

// Prints the hosts found to standard output, one per line (JSON objects with --json), and
// problems to standard error. Exit status 0, or 1 when nothing could be searched (no
// avahi-daemon and no --scan).
int runDiscover(QCoreApplication &app, const DiscoveryOptions::Values &options);
