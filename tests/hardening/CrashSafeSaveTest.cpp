// Crash-safe saving of lesson files: a child process saves a lesson over and over with
// app::Lesson::save (core::writeFileAtomically underneath) and is killed with SIGKILL at a
// random moment; after every kill the file must be exactly the previous or the next complete
// version, and the next save clears the temporary files that killed saves left behind.
// (The same test for the notes database is tests/content/UserNotesTest.cpp.)
#include "HardeningUtil.h"

#include "core/AtomicFile.h"
#include "app/Lesson.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/file.h>
#include <poll.h>
#include <random>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace psoas;
using namespace psoas::hardening;

namespace {

// A lesson of 400 steps (about 80 KB on disk) whose every step names the version, so a torn
// or mixed file can never pass for a complete one.
app::Lesson lessonOf(long version)
{
    app::Lesson lesson;
    lesson.title = "Psoas in standing, version " + std::to_string(version);
    for (int i = 0; i < 400; ++i) {
        app::LessonStep step;
        step.title = "Step " + std::to_string(i);
        step.text = "Step " + std::to_string(i) + " of version " + std::to_string(version) +
                    ": look at the lesser trochanter and the lumbar plexus.";
        step.pose.preset = "neutral";
        step.camera.hasTarget = true;
        step.camera.target = Vec3(float(version % 97), float(i), 0.25f);
        step.selection = {"psoas_major_r"};
        lesson.steps.push_back(std::move(step));
    }
    return lesson;
}

core::Status saveVersion(const std::string& path, long version) { return lessonOf(version).save(path); }

// The exact bytes Lesson::save writes for a version (saved once to a side file).
std::string lessonVersion(long version)
{
    static const std::string side = (std::filesystem::temp_directory_path() /
                                      ("psoas_lesson_reference_" + std::to_string(::getpid()) + ".json")).string();
    REQUIRE(saveVersion(side, version));
    auto text = core::readFile(side);
    REQUIRE(text.ok());
    std::filesystem::remove(side);
    return text.value();
}

// Child: saves versions first, first+1, ... and writes each finished version number to `fd`.
[[noreturn]] void saveForever(const std::string& path, long first, int fd)
{
    for (long v = first;; ++v) {
        if (!saveVersion(path, v)) ::_exit(3);
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
    REQUIRE(saveVersion(path, 0));
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
    // Killed saves leave their hidden temporary file behind; they never replace the lesson,
    // and the next save removes them.
    auto leftovers = [&] {
        int n = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir.path()))
            if (e.path().filename() != "my_lesson.json") ++n;
        return n;
    };
    const int left = leftovers();
    WARN("kills: " << kills << ", saves: " << acked << ", kills after rename before ack: " << newerThanAck
                   << ", temporary files left by killed saves: " << left);
    REQUIRE(saveVersion(path, acked + 1));
    CHECK(leftovers() == 0);
    CHECK(core::readFile(path).value() == lessonVersion(acked + 1));
}

TEST_CASE("A save removes only the stale temporaries of its own file", "[hardening][crashsafe]")
{
    TempDir dir;
    const std::string path = dir.file("lesson.json");
    auto touch = [&](const std::string& name) { std::ofstream(dir.file(name)) << "partial"; };
    // Our temporaries carry their own name in this attribute (see AtomicFile.cpp).
    auto mark = [&](const std::string& name, const std::string& value) {
        REQUIRE(::setxattr(dir.file(name).c_str(), "user.psoas-atlas.temporary", value.data(), value.size(), 0) == 0);
    };
    // Left by killed saves of lesson.json: removed.
    touch(".lesson.json.a1B2c3");
    mark(".lesson.json.a1B2c3", ".lesson.json.a1B2c3");
    touch(".lesson.json.ZZZZZZ");
    mark(".lesson.json.ZZZZZZ", ".lesson.json.ZZZZZZ");
    // Not ours, or not of this file: kept. A name of our pattern without our mark (a user's own
    // file), or with the mark of another name (a copy of a finished file), is not ours.
    const std::vector<std::string> kept = {".lesson.json.a1B2c",  ".lesson.json.a1B2c3d", ".lesson.json.a1-2c3",
                                           "lesson.json.a1B2c3",  ".other.json.a1B2c3",   ".lesson.json.bak",
                                           "notes.txt",           ".lesson.json.UsEr01",  ".lesson.json.CoPy01"};
    for (const auto& k : kept) touch(k);
    mark(".lesson.json.CoPy01", ".lesson.json.Orig01");
    std::filesystem::create_directories(dir.file("sub"));
    std::ofstream(dir.file("sub/.lesson.json.q1w2e3")) << "elsewhere";
    // A symlink with our pattern is never followed or removed; nor is its target.
    touch("target.txt");
    std::filesystem::create_symlink(dir.file("target.txt"), dir.file(".lesson.json.SyMlNk"));
    // A save still in progress in another process holds the lock on its temporary: kept.
    touch(".lesson.json.LiVe01");
    mark(".lesson.json.LiVe01", ".lesson.json.LiVe01");
    int liveFd = ::open(dir.file(".lesson.json.LiVe01").c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(liveFd >= 0);
    pid_t holder = ::fork();
    REQUIRE(holder >= 0);
    if (holder == 0) {
        // A separate open file description, as another process saving would have.
        int fd = ::open(dir.file(".lesson.json.LiVe01").c_str(), O_RDWR);
        if (fd < 0 || ::flock(fd, LOCK_EX) != 0) ::_exit(1);
        ::pause();
        ::_exit(0);
    }
    // Wait until the child holds the lock.
    for (int i = 0; i < 500 && ::flock(liveFd, LOCK_EX | LOCK_NB) == 0; ++i) {
        ::flock(liveFd, LOCK_UN);
        ::usleep(10000);
    }
    ::close(liveFd);

    REQUIRE(core::writeFileAtomically(path, "{\"steps\": []}\n"));
    ::kill(holder, SIGKILL);
    ::waitpid(holder, nullptr, 0);

    CHECK_FALSE(std::filesystem::exists(dir.file(".lesson.json.a1B2c3")));
    CHECK_FALSE(std::filesystem::exists(dir.file(".lesson.json.ZZZZZZ")));
    for (const auto& k : kept) {
        INFO(k);
        CHECK(std::filesystem::exists(dir.file(k)));
    }
    CHECK(std::filesystem::exists(dir.file("sub/.lesson.json.q1w2e3")));
    CHECK(std::filesystem::is_symlink(dir.file(".lesson.json.SyMlNk")));
    CHECK(std::filesystem::exists(dir.file("target.txt")));
    CHECK(std::filesystem::exists(dir.file(".lesson.json.LiVe01")));
    CHECK(core::readFile(path).value() == "{\"steps\": []}\n");

    // Once that save has died, the next save (or open, for lessons) clears its temporary too.
    CHECK(core::removeStaleTemporaries(path) == 1);
    CHECK_FALSE(std::filesystem::exists(dir.file(".lesson.json.LiVe01")));
}
