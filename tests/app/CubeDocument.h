#pragma once
// The cube test model with the real catalog: the solver loads (it skips meshes it cannot find),
// so pose, layers and selection all work without the built-in model.
#include "app/Document.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

inline std::unique_ptr<psoas::app::Document> openCubeDocument()
{
    auto doc = psoas::app::Document::open(std::string(PSOAS_TEST_DATA_DIR) + "/io/cube.glb",
                                          std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
    REQUIRE(doc.ok());
    return std::move(doc).value();
}
