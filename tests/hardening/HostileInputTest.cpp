// The hostile-input set (tests/data/bad/hostile/cases.txt) against the real psoas-atlas: models
// made to make two JSON parsers disagree or to reach special files and other folders, lessons,
// output paths and command lines. Every case must end by itself within 20 s, with no signal,
// with the expected non-zero exit code and a message naming the file or value.
#include <algorithm>
#include "HardeningUtil.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace psoas::hardening;
namespace fs = std::filesystem;

#ifdef PSOAS_ATLAS_EXE
namespace {

std::vector<std::string> tabFields(const std::string& line)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return out;
        start = tab + 1;
    }
}

// A Unix socket bound at `path` (left in place as a file system entry).
bool makeSocket(const std::string& path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) return ::close(fd), false;
    std::copy(path.begin(), path.end(), addr.sun_path);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok;
}

// @TMP@ holds the special files the cases name; @HOSTILE@ is a copy of the hostile folder with
// the FIFOs its files refer to (they cannot be committed).
void prepare(const TempDir& tmp)
{
    const fs::path hostile = fs::path(tmp.path()) / "hostile";
    fs::create_directories(hostile);
    for (const auto& f : filesIn(badDir("hostile"))) fs::copy_file(f, hostile / fs::path(f).filename());
    // Folders of our own JSON files beside a model (data_*) or in an assets layout (assets_*).
    for (const auto& e : fs::directory_iterator(badDir("hostile")))
        if (e.is_directory()) fs::copy(e.path(), hostile / e.path().filename(), fs::copy_options::recursive);
    for (const char* fifo : {"fifo.bin", "fifo.mtl"}) REQUIRE(::mkfifo((hostile / fifo).c_str(), 0644) == 0);
    for (const char* fifo : {"fifo.png", "fifo.glb", "fifo.json"}) REQUIRE(::mkfifo(tmp.file(fifo).c_str(), 0644) == 0);
    fs::create_directories(tmp.file("folder.glb"));
    fs::create_directories(tmp.file("folder.png"));
    REQUIRE(makeSocket(tmp.file("sock.glb")));
    REQUIRE(makeSocket(tmp.file("sock.png")));
}

} // namespace

TEST_CASE("Hostile models, lessons, outputs and command lines are refused by name, never hang or crash",
          "[hardening][bad][hostile]")
{
    std::ifstream in(badDir("hostile/cases.txt"));
    REQUIRE(in);
    TempDir tmp;
    prepare(tmp);
    const std::string hostile = (fs::path(tmp.path()) / "hostile").string();
    std::string line;
    int cases = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        line = replaceAll(replaceAll(replaceAll(line, "@HOSTILE@", hostile), "@DATA@", PSOAS_TEST_DATA_DIR), "@TMP@",
                          tmp.path());
        const auto fields = tabFields(line);
        REQUIRE(fields.size() >= 3);
        std::vector<std::string> args(fields.begin() + 2, fields.end());
        // The shipped assets unless the case names its own folder (--assets is refused when given twice).
        if (std::find(args.begin(), args.end(), "--assets") == args.end()) {
            args.push_back("--assets");
            args.push_back(PSOAS_ASSETS_DIR);
        }
        INFO(line);
        const auto r = runProcess(PSOAS_ATLAS_EXE, args, 20);
        INFO(r.output);
        CHECK(r.signal == 0);
        CHECK(r.exitCode == std::stoi(fields[0]));
        CHECK(r.output.find(fields[1]) != std::string::npos);
        ++cases;
    }
    CHECK(cases >= 80);
    // Nothing was replaced: the special files are still what they were.
    struct stat st {};
    CHECK((::stat(tmp.file("fifo.png").c_str(), &st) == 0 && S_ISFIFO(st.st_mode)));
    CHECK((::lstat(tmp.file("sock.png").c_str(), &st) == 0 && S_ISSOCK(st.st_mode)));
    CHECK(fs::is_directory(tmp.file("folder.png")));
}

TEST_CASE("File names that are not UTF-8 are passed through as bytes", "[hardening][hostile][names]")
{
    TempDir tmp;
    const std::string model = tmp.file("mod\xe8le.glb"), output = tmp.file("sortie\xe9.png"); // Latin-1
    fs::copy_file(std::string(PSOAS_TEST_DATA_DIR) + "/io/cube.glb", model);
    const auto r = runProcess(PSOAS_ATLAS_EXE, {"--render", output, "--model", model, "--size", "64x64"}, 20);
    INFO(r.output);
    CHECK(r.exitCode == 0);
    CHECK(fs::is_regular_file(output)); // the very bytes, not U+FFFD
    const auto lesson = runProcess(PSOAS_ATLAS_EXE, {"--check-lesson", tmp.file("le\xe7on.json"), "--assets",
                                                     PSOAS_ASSETS_DIR}, 20);
    CHECK(lesson.exitCode == 1);
    CHECK(lesson.output.find("le\xe7on.json' does not exist") != std::string::npos);
}

TEST_CASE("Checking lessons headless passes a good lesson and each shipped lesson with exit 0", "[hardening][hostile][lesson]")
{
    std::vector<std::string> args{"--check-lesson", badDir("hostile/lesson_ok.json")};
    for (const auto& f : filesIn(std::string(PSOAS_ASSETS_DIR) + "/lessons")) args.insert(args.end(), {"--check-lesson", f});
    args.insert(args.end(), {"--assets", PSOAS_ASSETS_DIR});
    const auto r = runProcess(PSOAS_ATLAS_EXE, args, 20);
    INFO(r.output);
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("lesson_ok.json: OK, 1 step, no problems.") != std::string::npos);
}

TEST_CASE("Checking quizzes headless: the shipped ones pass, a bad one gets file: question N (id), field", "[hardening][hostile][quiz]")
{
    std::vector<std::string> args;
    for (const auto& f : filesIn(std::string(PSOAS_ASSETS_DIR) + "/quizzes")) args.insert(args.end(), {"--check-lesson", f});
    REQUIRE(args.size() == 6);
    args.insert(args.end(), {"--assets", PSOAS_ASSETS_DIR});
    const auto ok = runProcess(PSOAS_ATLAS_EXE, args, 20);
    INFO(ok.output);
    CHECK(ok.exitCode == 0);
    CHECK(ok.output.find("questions, no problems.") != std::string::npos);
    const std::string bad = badDir("quiz/bad_fields.json");
    const auto r = runProcess(PSOAS_ATLAS_EXE, {"--check-lesson", bad, "--assets", PSOAS_ASSETS_DIR}, 20);
    INFO(r.output);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find(bad + ": question 2 (unknown-target), field \"target\": unknown structure id") != std::string::npos);
    CHECK(r.output.find(bad + ": question 3 (bad-kind), field \"kind\"") != std::string::npos);
    CHECK(r.output.find(bad + ": question 4 (bad-tolerance), field \"tolerance\"") != std::string::npos);
    CHECK(r.output.find("question 1 ") == std::string::npos);
}

TEST_CASE("Checking lessons headless prints every problem of a bad lesson as file: step N, field", "[hardening][hostile][lesson]")
{
    for (const auto& f : filesIn(badDir("lesson"))) {
        const auto r = runProcess(PSOAS_ATLAS_EXE, {"--check-lesson", f, "--assets", PSOAS_ASSETS_DIR}, 20);
        INFO(f << "\n" << r.output);
        CHECK(r.signal == 0);
        CHECK(r.exitCode == 1);
        CHECK(r.output.find(f) != std::string::npos);
    }
    const auto r = runProcess(PSOAS_ATLAS_EXE, {"--check-lesson", badDir("lesson/unknown_ids.json"), "--assets",
                                                PSOAS_ASSETS_DIR}, 20);
    CHECK(r.output.find(": step 1") != std::string::npos);
    CHECK(r.output.find("field \"") != std::string::npos);
}
#endif
