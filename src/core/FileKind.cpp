#include "core/FileKind.h"

#include <sys/stat.h>

namespace psoas::core {

std::string specialFileKind(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {}; // missing: the caller's own message applies
    if (S_ISREG(st.st_mode)) return {};
    if (S_ISDIR(st.st_mode)) return "a folder";
    if (S_ISFIFO(st.st_mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(st.st_mode)) return "a character device";
    if (S_ISBLK(st.st_mode)) return "a block device";
    if (S_ISSOCK(st.st_mode)) return "a socket";
    return "not a regular file";
}

} // namespace psoas::core
