#include "core/AtomicFile.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace psoas::core;

TEST_CASE("writeFileAtomically replaces the file and leaves no temporaries", "[core]")
{
    auto dir = std::filesystem::temp_directory_path() / "psoas_atomic_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto path = (dir / "notes.txt").string();
    REQUIRE(writeFileAtomically(path, "first").ok());
    REQUIRE(writeFileAtomically(path, "second version").ok());
    auto text = readFile(path);
    REQUIRE(text.ok());
    CHECK(text.value() == "second version");
    int files = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) { (void)e; ++files; }
    CHECK(files == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("writeFileAtomically into a missing folder names the folder", "[core]")
{
    auto s = writeFileAtomically("/nonexistent-psoas-dir/x.json", "{}");
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("/nonexistent-psoas-dir") != std::string::npos);
}

TEST_CASE("readFile reports a missing file by name", "[core]")
{
    auto r = readFile("/no/such/file.glb");
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find("/no/such/file.glb") != std::string::npos);
    CHECK(r.message().find("does not exist") != std::string::npos);
}
