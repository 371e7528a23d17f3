#include "core/AtomicFile.h"
#include "core/FileKind.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <sys/xattr.h>
#include <random>
#include <cstdint>
#include <sys/stat.h>
#include <unistd.h>

namespace psoas::core {
namespace {

namespace fs = std::filesystem;

fs::path folderOf(const fs::path& target)
{
    return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

// ".<name>." followed by exactly the six letters or digits mkstemp puts there.
bool isOurTemporary(const std::string& candidate, const std::string& targetName)
{
    const std::string prefix = "." + targetName + ".";
    if (candidate.size() != prefix.size() + 6 || candidate.compare(0, prefix.size(), prefix) != 0) return false;
    for (std::size_t i = prefix.size(); i < candidate.size(); ++i) {
        const char c = candidate[i];
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum) return false;
    }
    return true;
}

// The mark that a temporary is ours: an extended attribute holding the temporary's own file
// name. A file that merely has a name of our pattern (a user's own ".image.png.backup" style
// file) has no such mark and is never removed; after the rename the mark no longer matches the
// file's name, so a finished file is never taken for a temporary either. On file systems with no
// user attributes (FAT sticks) temporaries carry no mark and a killed save's leftover stays.
constexpr const char* kMarkAttribute = "user.psoas-atlas.temporary";

bool markedAs(int fd, const std::string& fileName)
{
    char value[512];
    const ssize_t n = ::fgetxattr(fd, kMarkAttribute, value, sizeof value);
    return n > 0 && std::string(value, std::size_t(n)) == fileName;
}

std::string randomSuffix()
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static std::mt19937_64 rng{std::random_device{}() ^ std::uint64_t(::getpid()) << 32};
    std::string out(6, 'a');
    for (char& c : out) c = letters[rng() % (sizeof letters - 1)];
    return out;
}

// Creates, locks and marks the temporary file before it has a name (O_TMPFILE, then linkat), so
// that no other process ever sees it unlocked or unmarked. Where O_TMPFILE is not supported, a
// mkstemp file is locked and marked at once. A cleaner in another process may unlink a mkstemp
// file in the instant before flock; then the name no longer points at our file and we make
// another one.
int createLockedTemporary(const fs::path& dir, const fs::path& target, std::string& name)
{
    const std::string prefix = "." + target.filename().string() + ".";
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
    if (fd >= 0) {
        if (::flock(fd, LOCK_EX) != 0) {
            ::close(fd);
            return -1;
        }
        const std::string self = "/proc/self/fd/" + std::to_string(fd);
        for (int attempt = 0; attempt < 64; ++attempt) {
            const std::string fileName = prefix + randomSuffix();
            name = (dir / fileName).string();
            ::fsetxattr(fd, kMarkAttribute, fileName.data(), fileName.size(), 0); // best effort
            if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) return fd;
            if (errno != EEXIST) break;
        }
        ::close(fd); // fall back to mkstemp (e.g. no /proc)
    }
    for (int attempt = 0; attempt < 8; ++attempt) {
        name = (dir / (prefix + "XXXXXX")).string();
        fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd < 0) return -1;
        struct stat byFd {}, byName {};
        if (::flock(fd, LOCK_EX) == 0 && ::fstat(fd, &byFd) == 0 && ::lstat(name.c_str(), &byName) == 0 &&
            byFd.st_ino == byName.st_ino && byFd.st_dev == byName.st_dev) {
            const std::string fileName = fs::path(name).filename().string();
            ::fsetxattr(fd, kMarkAttribute, fileName.data(), fileName.size(), 0);
            return fd;
        }
        ::close(fd);
    }
    errno = EAGAIN;
    return -1;
}

} // namespace

int removeStaleTemporaries(const std::string& path)
{
    const fs::path target(path);
    const std::string targetName = target.filename().string();
    if (targetName.empty()) return 0;
    const fs::path dir = folderOf(target);
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path candidate = it->path();
        if (!isOurTemporary(candidate.filename().string(), targetName)) continue;
        // O_NOFOLLOW: a symlink with our name is never opened, let alone removed.
        int fd = ::open(candidate.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat byFd {}, byName {};
        // A save in progress holds LOCK_EX until its rename; a killed one released it.
        if (::fstat(fd, &byFd) == 0 && S_ISREG(byFd.st_mode) && markedAs(fd, candidate.filename().string()) &&
            ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
            ::lstat(candidate.c_str(), &byName) == 0 && byName.st_ino == byFd.st_ino &&
            byName.st_dev == byFd.st_dev && ::unlink(candidate.c_str()) == 0)
            ++removed;
        ::close(fd);
    }
    return removed;
}

Status writeFileAtomically(const std::string& path, const std::string& bytes)
{
    fs::path target(path);
    fs::path dir = folderOf(target);
    if (const std::string kind = specialFileKind(path); !kind.empty())
        return makeError("Cannot save '" + path + "': it is " + kind +
                         ", not a regular file, and is left as it is. Choose a file name such as image.png.");
    removeStaleTemporaries(path);
    std::string tmpl;
    int fd = createLockedTemporary(dir, target, tmpl);
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
    // The file stays open (and locked) until it has its final name, so that a concurrent
    // removeStaleTemporaries never takes it for the leftover of a killed save.
    if (::fsync(fd) != 0) {
        int e = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return makeError("Cannot save '" + path + "': " + std::strerror(e) + ". The previous version is unchanged.");
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return makeError("Cannot save '" + path + "': " + std::strerror(e) + ". The previous version is unchanged.");
    }
    ::close(fd);
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
    if (const std::string kind = specialFileKind(path); !kind.empty())
        return makeError("'" + path + "' is " + kind + ", not a regular file; it is not read. Choose a regular file.");
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
