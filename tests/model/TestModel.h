#pragma once
// The committed model, rig and catalog, loaded once per test run.
#include "anatomy/Catalog.h"
#include "anatomy/Model.h"
#include "core/JsonFile.h"
#include "io/ModelLoader.h"

#include <nlohmann/json.hpp>

#include <string>

namespace psoas::test {

struct LoadedModel {
    bool ok = false;
    std::string error;
    anatomy::Model model;
    anatomy::Catalog catalog;
    nlohmann::json rig;
};

inline const LoadedModel& loadedModel()
{
    static const LoadedModel loaded = [] {
        LoadedModel l;
        const std::string dir = PSOAS_MODEL_DIR;
        auto model = io::loadModel(dir + "/lumbopelvic.glb");
        if (!model) {
            l.error = model.message();
            return l;
        }
        auto catalog = anatomy::Catalog::load(dir + "/catalog.json");
        if (!catalog) {
            l.error = catalog.message();
            return l;
        }
        auto rig = core::readJsonFile(dir + "/rig.json");
        if (!rig) {
            l.error = rig.message();
            return l;
        }
        l.model = std::move(model.value());
        l.catalog = std::move(catalog.value());
        l.rig = std::move(rig.value());
        l.ok = true;
        return l;
    }();
    return loaded;
}

inline glm::dvec3 jsonVec(const nlohmann::json& j) { return {j[0].get<double>(), j[1].get<double>(), j[2].get<double>()}; }

} // namespace psoas::test
