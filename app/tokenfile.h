// Any thread (a function without state). `--token-file FILE`: the token from a file instead of
// the command line, where every local user sees it in `ps`.
#pragma once

#include <QString>

namespace TokenFile {

// The token in the file: its content without one trailing line break (\n or \r\n). Refused,
// with a sentence in *error, when the file cannot be read, is not UTF-8, is empty, or other
// users may read it (the token would be as exposed as on the command line). Group-readable files
// are accepted, for a service's group.
QString read(const QString &path, QString *error);

} // namespace TokenFile
