#include "content/UserNotes.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using psoas::content::UserNotes;
using psoas::content::test::TempDir;

TEST_CASE("notes are saved per structure and read back", "[content][notes]")
{
    TempDir dir;
    const std::string path = dir.file("sub/folder/notes.db"); // the folder is created
    {
        auto notes = UserNotes::open(path);
        REQUIRE(notes.ok());
        CHECK(notes.value()->note("psoas_major_r").value().empty());
        REQUIRE(notes.value()->save("psoas_major_r", "Check the Thomas test first.\nÜmlaut ok.").ok());
        REQUIRE(notes.value()->save("iliacus_l", "Palpate medial to the ASIS.").ok());
        REQUIRE(notes.value()->save("psoas_major_r", "Second version.").ok());
    }
    auto notes = UserNotes::open(path);
    REQUIRE(notes.ok());
    CHECK(notes.value()->note("psoas_major_r").value() == "Second version.");
    CHECK(notes.value()->structuresWithNotes().value() == std::vector<std::string>{"iliacus_l", "psoas_major_r"});
    // an empty note deletes it
    REQUIRE(notes.value()->save("iliacus_l", "  \n").ok());
    CHECK(notes.value()->structuresWithNotes().value() == std::vector<std::string>{"psoas_major_r"});
}

TEST_CASE("bad notes are refused and leave the stored note unchanged", "[content][notes]")
{
    TempDir dir;
    auto notes = UserNotes::open(dir.file("notes.db"));
    REQUIRE(notes.ok());
    REQUIRE(notes.value()->save("l3", "good").ok());
    auto bad = notes.value()->save("l3", "bad \xFF utf8");
    CHECK_FALSE(bad.ok());
    CHECK_THAT(bad.message(), Catch::Contains("UTF-8"));
    auto huge = notes.value()->save("l3", std::string(UserNotes::maxNoteBytes + 1, 'a'));
    CHECK_FALSE(huge.ok());
    CHECK_THAT(huge.message(), Catch::Contains("limit"));
    CHECK(notes.value()->note("l3").value() == "good");
    CHECK_FALSE(notes.value()->save("", "x").ok());
}

TEST_CASE("a notes file that is not a database is a clear error", "[content][notes]")
{
    TempDir dir;
    {
        FILE* f = std::fopen(dir.file("notes.db").c_str(), "wb");
        REQUIRE(f);
        std::string junk(4096, 'z');
        std::fwrite(junk.data(), 1, junk.size(), f);
        std::fclose(f);
    }
    auto notes = UserNotes::open(dir.file("notes.db"));
    REQUIRE_FALSE(notes.ok());
    CHECK_THAT(notes.message(), Catch::Contains("notes.db") && Catch::Contains("move it aside"));
}

namespace {

// Note number n: a header with the number and length, then a body derived from n, big
// enough (about 40 KB) that a kill often lands in the middle of writing it.
std::string makeNote(long n)
{
    std::string body;
    for (int i = 0; body.size() < 40000; ++i) body += "note " + std::to_string(n) + " line " + std::to_string(i) + "\n";
    return "#" + std::to_string(n) + ":" + std::to_string(body.size()) + "\n" + body;
}

// Returns the note number if `text` is a complete note, -1 otherwise.
long completeNoteNumber(const std::string& text)
{
    if (text.empty() || text[0] != '#') return -1;
    long n = std::strtol(text.c_str() + 1, nullptr, 10);
    return text == makeNote(n) ? n : -1;
}

} // namespace

TEST_CASE("notes survive the process being killed mid-save (200 kills)", "[content][notes][kill]")
{
    TempDir dir;
    const std::string path = dir.file("notes.db");
    {
        auto notes = UserNotes::open(path);
        REQUIRE(notes.ok());
        REQUIRE(notes.value()->save("psoas_major_r", makeNote(0)).ok());
    }
    std::mt19937 rng(12345);
    long lastAcked = 0; // the newest save the child reported as finished
    int kills = 0, midSave = 0;
    for (int round = 0; round < 200; ++round) {
        int pipeFd[2];
        REQUIRE(::pipe(pipeFd) == 0);
        const long first = lastAcked + 1;
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(pipeFd[0]);
            auto notes = UserNotes::open(path);
            if (!notes.ok()) ::_exit(3);
            for (long n = first;; ++n) {
                if (!notes.value()->save("psoas_major_r", makeNote(n)).ok()) ::_exit(4);
                if (::write(pipeFd[1], &n, sizeof n) != static_cast<ssize_t>(sizeof n)) ::_exit(5);
            }
        }
        ::close(pipeFd[1]);
        // Wait for the child's first finished save (so every round makes progress even on a
        // loaded machine), then kill it at a random moment during the following saves.
        long n = 0;
        REQUIRE(::read(pipeFd[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n));
        lastAcked = n;
        ::usleep(std::uniform_int_distribution<int>(0, 6000)(rng));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFSIGNALED(status)); // it did not exit with an error of its own
        ++kills;
        while (::read(pipeFd[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n)) lastAcked = n;
        ::close(pipeFd[0]);

        auto notes = UserNotes::open(path);
        REQUIRE(notes.ok());
        auto text = notes.value()->note("psoas_major_r");
        REQUIRE(text.ok());
        long stored = completeNoteNumber(text.value());
        INFO("round " << round << ", last acknowledged save " << lastAcked << ", stored " << stored);
        // either the last finished save or the one that was being written when killed
        REQUIRE((stored == lastAcked || stored == lastAcked + 1));
        if (stored == lastAcked + 1) ++midSave;
        lastAcked = stored;
    }
    CHECK(kills == 200);
    CHECK(lastAcked >= 200); // the child really saved in every round
    WARN("kills: " << kills << ", saves: " << lastAcked << ", kills after commit before ack: " << midSave);
}
