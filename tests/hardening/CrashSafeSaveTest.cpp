// Crash-safe saving of lesson files: a child process saves a lesson over and over with
// core::writeFileAtomically (what lessons use) and is killed with SIGKILL at a random moment;
// after every kill the file must be exactly the previous or the next complete version.
#include "HardeningUtil.h"

#include "core/AtomicFile.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <poll.h>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace psoas;
using namespace psoas::hardening;

namespace {

// A lesson-shaped JSON document of about 60 KB whose every byte depends on the version, so a
// torn or mixed file can never pass for a complete one.
std::string lessonVersion(long version)
{
    std::string s = "{\n  \"title\": \"Psoas in standing, version " + std::to_string(version) + "\",\n  \"steps\": [\n";
    for (int i = 0; i < 400; ++i) {
        s += "    {\"text\": \"Step " + std::to_string(i) + " of version " + std::to_string(version) +
             ": look at the lesser trochanter and the lumbar plexus.\", \"pose\": \"neutral\", "
             "\"camera\": [" + std::to_string(version % 97) + ", " + std::to_string(i) + ", 0.25]}";
        s += i + 1 < 400 ? ",\n" : "\n";
    }
    s += "  ],\n  \"version\": " + std::to_string(version) + "\n}\n";
    return s;
}

// Child: saves versions first, first+1, ... and writes each finished version number to `fd`.
[[noreturn]] void saveForever(const std::string& path, long first, int fd)
{
    for (long v = first;; ++v) {
        if (!core::writeFileAtomically(path, lessonVersion(v))) ::_exit(3);
        if (::write(fd, &v, sizeof v) != sizeof v) ::_exit(4);
    }
}

// Reads every version number the child has reported so far; waits up to timeoutMs for the first.
long readAcks(int fd, long last, int timeoutMs)
{
    pollfd p{fd, POLLIN, 0};
    while (::poll(&p, 1, timeoutMs) > 0 && (p.revents & POLLIN)) {
        long v = 0;
        if (::read(fd, &v, sizeof v) != sizeof v) break;
        last = v;
        timeoutMs = 0;
    }
    return last;
}

} // namespace

TEST_CASE("A lesson file is always the old or the new complete version when the saver is killed (200 kills)",
          "[hardening][crashsafe][kill]")
{
    TempDir dir;
    const std::string path = dir.file("my_lesson.json");
    REQUIRE(core::writeFileAtomically(path, lessonVersion(0)));
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> delayUs(0, 30000);

    long acked = 0;  // newest version known to be completely saved
    int kills = 0, newerThanAck = 0;
    for (int round = 0; round < 200; ++round) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            saveForever(path, acked + 1, fds[1]);
        }
        ::close(fds[1]);
        // Wait for one finished save (the child really runs), then kill it at a random moment.
        long before = acked;
        acked = readAcks(fds[0], acked, 20000);
        REQUIRE(acked > before);
        ::usleep(useconds_t(delayUs(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        acked = readAcks(fds[0], acked, 0);
        ::close(fds[0]);
        REQUIRE(WIFSIGNALED(status));
        ++kills;

        auto text = core::readFile(path);
        REQUIRE(text.ok());
        // The last acknowledged version, or the one being written when the kill landed
        // (renamed into place but not yet acknowledged).
        const bool old = text.value() == lessonVersion(acked);
        const bool next = text.value() == lessonVersion(acked + 1);
        INFO("round " << round << ", acked " << acked << ", file size " << text.value().size());
        REQUIRE((old || next));
        if (next) {
            ++acked;
            ++newerThanAck;
        }
    }
    CHECK(kills == 200);
    CHECK(acked >= 200);
    // Killed saves leave their hidden temporary file behind; they never replace the lesson.
    int leftovers = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        if (e.path().filename() != "my_lesson.json") ++leftovers;
    WARN("kills: " << kills << ", saves: " << acked << ", kills after rename before ack: " << newerThanAck
                   << ", temporary files left by killed saves: " << leftovers);
}
