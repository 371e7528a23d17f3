#include "core/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace psoas::core {

Status writeFileAtomically(const std::string& path, const std::string& bytes)
{
    namespace fs = std::filesystem;
    fs::path target(path);
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return makeError("Cannot save '" + path + "': cannot create a temporary file in '" + dir.string() +
                         "' (" + std::strerror(errno) + "). Check that the folder exists and is writable.");
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            ::close(fd);
            ::unlink(tmpl.c_str());
            return makeError("Cannot save '" + path + "': " + std::strerror(e) + ". The previous version is unchanged.");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int e = errno;
        ::unlink(tmpl.c_str());
        return makeError("Cannot save '" + path + "': " + std::strerror(e) + ". The previous version is unchanged.");
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmpl.c_str());
        return makeError("Cannot save '" + path + "': " + std::strerror(e) + ". The previous version is unchanged.");
    }
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return Status::success();
}

Result<std::string> readFile(const std::string& path, std::size_t maxBytes)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError("'" + path + "' does not exist. Check the path.");
    if (std::filesystem::is_directory(path, ec))
        return makeError("'" + path + "' is a folder, not a file.");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return makeError("Cannot read '" + path + "': " + ec.message() + ".");
    if (size > maxBytes)
        return makeError("'" + path + "' is too large (" + std::to_string(size) + " bytes; the limit is " +
                         std::to_string(maxBytes) + ").");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot open '" + path + "': " + std::strerror(errno) + ".");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace psoas::core
