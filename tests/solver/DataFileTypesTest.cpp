// Our own JSON files (catalog.json, rig.json, coordinates.json, poses/*.json) with any field
// replaced by a value of another type: the loader refuses with a message naming the file and
// saying what to do, or accepts, and never throws (an uncaught throw used to end the program).
// Every field of every shipped file is tried (the first occurrence of each field path, array
// indices folded, so each kind of field is covered without reloading thousands of copies).
#include "SolverTestUtil.h"

#include "anatomy/Catalog.h"
#include "core/JsonFile.h"
#include "solver/CoordinateTable.h"
#include "solver/PresetLibrary.h"
#include "solver/RigData.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <regex>
#include <set>

using namespace psoas;
using nlohmann::json;

namespace {

using Loader = std::function<std::string(const std::string& text, const std::string& name)>; // "" when accepted

std::vector<json> replacements()
{
    return {json(nullptr), json(7), json(-1e300), json("x"), json::array(), json::array({1, "a"}), json::object(),
            json(true)};
}

// Every node's JSON pointer, first occurrence per folded path (indices replaced by "#").
void collect(const json& j, const json::json_pointer& at, const std::string& folded, std::set<std::string>& seen,
             std::vector<json::json_pointer>& out)
{
    if (!seen.insert(folded).second) return;
    out.push_back(at);
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it) collect(*it, at / it.key(), folded + "/" + it.key(), seen, out);
    else if (j.is_array())
        for (std::size_t i = 0; i < j.size(); ++i) collect(j[i], at / i, folded + "/#", seen, out);
}

struct Tally {
    int refused = 0, accepted = 0;
};

Tally mutateEveryField(const std::string& path, const Loader& load)
{
    auto original = core::readJsonFile(path);
    REQUIRE(original.ok());
    const std::string name = std::filesystem::path(path).filename().string();
    REQUIRE(load(original->dump(), name).empty()); // the shipped file itself loads
    std::set<std::string> seen;
    std::vector<json::json_pointer> pointers;
    collect(*original, json::json_pointer(), "", seen, pointers);
    Tally tally;
    for (const auto& at : pointers)
        for (const auto& value : replacements()) {
            json copy = *original;
            copy[at] = value;
            std::string message;
            INFO(name << " with " << at.to_string() << " = " << value.dump());
            REQUIRE_NOTHROW(message = load(copy.dump(), name));
            if (message.empty()) {
                ++tally.accepted;
                continue;
            }
            ++tally.refused;
            CHECK(message.rfind(name + ":", 0) == 0);
            CHECK(std::regex_search(message, std::regex("Fix|fix|restore|Restore")));
        }
    return tally;
}

std::string asText(const core::Error& e) { return e.message.empty() ? "(empty message)" : e.message; }

} // namespace

TEST_CASE("catalog.json with any field of the wrong type is refused by file and field", "[solver][load][types]")
{
    auto tally = mutateEveryField(solver::test::assetsDir() + "/models/catalog.json", [](const std::string& t, const std::string& n) {
        auto c = anatomy::Catalog::fromJsonText(t, n);
        return c ? std::string() : asText(c.error());
    });
    CHECK(tally.refused > 20);
}

TEST_CASE("rig.json with any field of the wrong type is refused by file and field", "[solver][load][types]")
{
    auto tally = mutateEveryField(solver::test::realRig(), [](const std::string& t, const std::string& n) {
        auto r = solver::RigData::fromJsonText(t, n);
        return r ? std::string() : asText(r.error());
    });
    CHECK(tally.refused > 50);
}

TEST_CASE("coordinates.json with any field of the wrong type is refused by file and field", "[solver][load][types]")
{
    auto tally = mutateEveryField(solver::test::assetsDir() + "/models/coordinates.json",
                                  [](const std::string& t, const std::string& n) {
                                      auto c = solver::CoordinateTable::fromJsonText(t, n);
                                      return c ? std::string() : asText(c.error());
                                  });
    CHECK(tally.refused > 20);
}

TEST_CASE("Pose presets with any field of the wrong type are refused by file and field", "[solver][load][types]")
{
    auto table = solver::CoordinateTable::load(solver::test::assetsDir() + "/models/coordinates.json");
    REQUIRE(table.ok());
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(solver::test::assetsDir() + "/poses")) {
        if (e.path().extension() != ".json") continue;
        ++files;
        auto tally = mutateEveryField(e.path().string(), [&](const std::string& t, const std::string& n) {
            auto p = solver::PresetLibrary::parse(t, n, *table);
            return p ? std::string() : asText(p.error());
        });
        CHECK(tally.refused > 5);
    }
    CHECK(files >= 10);
}

TEST_CASE("A wrong type names the field, what it should be and what it is", "[solver][load][types]")
{
    auto c = anatomy::Catalog::fromJsonText(
        R"({"groups":[{"id":"g"}],"structures":[{"id":"l3","group":"g","visible":"yes"}]})", "catalog.json");
    REQUIRE_FALSE(c.ok());
    CHECK(c.message() == "catalog.json: structures[0] (l3).visible should be true or false but is the text \"yes\". "
                         "Fix the value or restore the file from the project's assets (see README, \"Catalog\").");
    auto table = solver::CoordinateTable::load(solver::test::assetsDir() + "/models/coordinates.json");
    REQUIRE(table.ok());
    auto p = solver::PresetLibrary::parse(R"({"name":"x","coordinates":{"pelvis_tilt":"10"}})", "x.json", *table);
    REQUIRE_FALSE(p.ok());
    CHECK(p.message().find("x.json: coordinates.pelvis_tilt should be a number but is the text \"10\"") == 0);
    auto deep = solver::RigData::fromJsonText(std::string(5000, '[') + std::string(5000, ']'), "rig.json");
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.message().find("rig.json") == 0);
}
