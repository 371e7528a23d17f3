#include "core/JsonFile.h"

#include <catch2/catch.hpp>

using namespace psoas::core;

TEST_CASE("parseJson reports file, line and column of a syntax error", "[core]")
{
    auto r = parseJson("{\n  \"a\": 1,\n  \"b\": ]\n}", "lesson.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().rfind("lesson.json:3:", 0) == 0);
}

TEST_CASE("parseJson accepts valid JSON", "[core]")
{
    auto r = parseJson("{\"x\": [1,2,3]}", "x.json");
    REQUIRE(r.ok());
    CHECK(r.value()["x"].size() == 3);
}
