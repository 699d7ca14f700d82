// Any thread (functions without state). The history and the TLS key hold the chat and its
// secrets: they are the owner's alone, 0600 files in 0700 directories, whatever the umask (the
// usual 022 would make them readable by every local user).
#pragma once

#include <QString>

namespace PrivateFiles {

// Creates the directory when it is missing (its missing parents as QDir::mkpath does), itself
// 0700. An existing directory keeps its permissions: it may be one the operator chose for more
// than LanChat. False when it does not exist afterwards.
bool makeDirectory(const QString &path);

// Creates the file empty and 0600 when it is missing; takes every permission of the group and of
// others away from an existing one (a file an older version created readable). When neither can
// be done (the directory cannot be written or looked into), whatever opens the file next reports
// why.
void makeFile(const QString &path);

// Takes the group's and others' permissions away from the file, if it exists.
void restrict(const QString &path);

} // namespace PrivateFiles
