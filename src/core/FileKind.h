#pragma once
// What kind of file system object a path names, for refusing special files before they are
// opened: a FIFO or a character device blocks or never ends when read, and replacing one with
// a regular file (an output path such as /dev/null) would damage the system.
#include <string>

namespace psoas::core {

// Empty when `path` does not exist or is a regular file (symlinks followed); otherwise a phrase
// for messages: "a folder", "a named pipe (FIFO)", "a character device", "a block device",
// "a socket".
std::string specialFileKind(const std::string& path);

} // namespace psoas::core
