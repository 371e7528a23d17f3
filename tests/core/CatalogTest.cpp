#include "anatomy/Catalog.h"

#include <catch2/catch.hpp>

using namespace psoas::anatomy;

TEST_CASE("Catalog parses groups and structures", "[anatomy]")
{
    auto c = Catalog::fromJsonText(R"({"groups":[{"id":"skeleton","name":"Skeleton"}],
      "structures":[{"id":"l3","name":"L3 vertebra","latin":"Vertebra lumbalis III","group":"skeleton",
                     "kind":"bone","color":"#e8dcc0"}]})", "catalog.json");
    REQUIRE(c.ok());
    REQUIRE(c->find("l3") != nullptr);
    CHECK(c->find("l3")->kind == StructureKind::Bone);
    CHECK(c->find("l3")->color.r == Approx(232.0 / 255.0));
}

TEST_CASE("Catalog rejects unknown groups, bad colours and duplicate ids", "[anatomy]")
{
    auto badGroup = Catalog::fromJsonText(R"({"groups":[],"structures":[{"id":"x","group":"nope"}]})", "c.json");
    REQUIRE_FALSE(badGroup.ok());
    CHECK(badGroup.message().find("nope") != std::string::npos);
    auto badColor = Catalog::fromJsonText(
        R"({"groups":[{"id":"g"}],"structures":[{"id":"x","group":"g","color":"red"}]})", "c.json");
    REQUIRE_FALSE(badColor.ok());
    CHECK(badColor.message().find("red") != std::string::npos);
    auto dup = Catalog::fromJsonText(
        R"({"groups":[{"id":"g"}],"structures":[{"id":"x","group":"g"},{"id":"x","group":"g"}]})", "c.json");
    REQUIRE_FALSE(dup.ok());
}

TEST_CASE("The catalog names the Pose dock's readout rows: psoas major and iliacus on both sides", "[anatomy]")
{
    auto c = Catalog::load(std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
    REQUIRE(c.ok());
    for (const char* id : {"psoas_major_l", "psoas_major_r"}) CHECK(c->find(id)->readout == "Psoas major");
    for (const char* id : {"iliacus_l", "iliacus_r"}) CHECK(c->find(id)->readout == "Iliacus");
    CHECK(c->find("psoas_minor_r")->readout.empty()); // it does not cross the hip
    // A readout that is not text is refused, naming the structure and the field.
    auto bad = Catalog::fromJsonText(
        R"({"groups":[{"id":"g"}],"structures":[{"id":"iliacus_r","group":"g","readout":3}]})", "c.json");
    REQUIRE_FALSE(bad.ok());
    INFO(bad.message());
    CHECK(bad.message().find("iliacus_r") != std::string::npos);
    CHECK(bad.message().find("readout") != std::string::npos);
}
