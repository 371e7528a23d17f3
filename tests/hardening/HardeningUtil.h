#pragma once
// Helpers for the hardening tests: a temporary folder, running a program and capturing its
// output, and the paths of the bad-input corpus.
#include <filesystem>
#include <string>
#include <vector>

namespace psoas::hardening {

// A new empty folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

struct ProcessResult {
    int exitCode = -1;   // -1 when it did not exit normally (signal: see `signal`)
    int signal = 0;
    std::string output;  // stdout and stderr together
};

// Runs `program` with `args` (no shell), waits at most timeoutSeconds (then kills it).
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args, int timeoutSeconds = 120);

// tests/data/bad/<sub>
std::string badDir(const std::string& sub);
// Regular files directly in a folder, sorted.
std::vector<std::string> filesIn(const std::string& dir);
// Replaces every `what` in `text` with `with`.
std::string replaceAll(std::string text, const std::string& what, const std::string& with);

} // namespace psoas::hardening
