#include "core/AssetPaths.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace psoas::core;

namespace {
// A fake installation: <root>/bin (the "executable's" folder), <root>/share/psoas-atlas, and a
// source tree <root>/src/assets that a build-tree marker can name.
struct FakeTree {
    // One folder per process: ctest runs the cases in parallel.
    fs::path root = fs::temp_directory_path() / ("psoas_asset_paths_test." + std::to_string(getpid()));
    FakeTree()
    {
        fs::remove_all(root);
        fs::create_directories(root / "bin");
        fs::create_directories(root / "src" / "assets" / "models");
        unsetenv("PSOAS_ASSETS");
        unsetenv("PSOAS_NO_BUILD_TREE");
        setExecutableDir((root / "bin").string());
    }
    ~FakeTree()
    {
        setExecutableDir({});
        unsetenv("PSOAS_NO_BUILD_TREE");
        fs::remove_all(root);
    }
    void install() { fs::create_directories(root / "share" / "psoas-atlas" / "models"); }
    void marker() { std::ofstream(root / "bin" / "psoas-atlas-build-tree.txt") << (root / "src" / "assets").string() << "\n"; }
    std::string share() const { return (root / "share" / "psoas-atlas").string(); }
    std::string source() const { return (root / "src" / "assets").string(); }
};
} // namespace

TEST_CASE("Assets: the installed share folder comes before the build tree's marker", "[core][assets]")
{
    FakeTree t;
    t.marker();
    t.install();
    CHECK(assetsDir() == t.share());
}

TEST_CASE("Assets: a program in the build tree reads the source assets its marker names, unless told not to",
          "[core][assets]")
{
    FakeTree t;
    t.marker();
    CHECK(assetsDir() == t.source());
    setenv("PSOAS_NO_BUILD_TREE", "1", 1);
    CHECK(assetsDir() == t.share()); // nothing found: the expected installed folder, for messages
}

TEST_CASE("Assets: --assets (PSOAS_ASSETS) wins, and content.db is looked for in the data folder first",
          "[core][assets]")
{
    FakeTree t;
    t.install();
    CHECK(contentDatabasePath() == (t.root / "bin" / "content.db").string()); // build tree: beside the program
    std::ofstream(t.root / "share" / "psoas-atlas" / "content.db") << "x";
    CHECK(contentDatabasePath() == t.share() + "/content.db");
    setenv("PSOAS_ASSETS", t.source().c_str(), 1);
    CHECK(assetsDir() == t.source());
    unsetenv("PSOAS_ASSETS");
}
