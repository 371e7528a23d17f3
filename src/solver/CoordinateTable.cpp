#include "solver/CoordinateTable.h"

#include "core/AtomicFile.h"
#include "core/JsonFile.h"

#include <cmath>

namespace psoas::solver {

namespace {
const char* const kNames[CoordCount] = {
    "pelvis_tilt", "pelvis_obliquity", "pelvis_rotation",
    "lumbar_flexion", "lumbar_bending", "lumbar_rotation",
    "hip_flexion_l", "hip_flexion_r", "hip_adduction_l", "hip_adduction_r", "hip_rotation_l", "hip_rotation_r",
    "breathing"};
const char* const kLevels[kLumbarLevels] = {"j_l5_s1", "j_l4_l5", "j_l3_l4", "j_l2_l3", "j_l1_l2", "j_t12_l1"};

bool finiteNumber(const nlohmann::json& j, const char* key, double& out)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return false;
    out = it->get<double>();
    return std::isfinite(out);
}
} // namespace

const char* coordName(int coord) { return coord >= 0 && coord < CoordCount ? kNames[coord] : "?"; }

int coordIndex(const std::string& name)
{
    for (int i = 0; i < CoordCount; ++i)
        if (name == kNames[i]) return i;
    return -1;
}

const char* lumbarJointName(int level) { return level >= 0 && level < kLumbarLevels ? kLevels[level] : "?"; }

const char* modeName(Mode mode) { return mode == Mode::Standing ? "standing" : "free"; }

bool parseMode(const std::string& text, Mode& out)
{
    if (text == "free") { out = Mode::Free; return true; }
    if (text == "standing") { out = Mode::Standing; return true; }
    return false;
}

CoordValues CoordinateTable::defaults() const
{
    CoordValues v{};
    for (int i = 0; i < CoordCount; ++i) v[static_cast<std::size_t>(i)] = m_infos[static_cast<std::size_t>(i)].defaultValue;
    return v;
}

core::Result<CoordinateTable> CoordinateTable::load(const std::string& path)
{
    auto text = core::readFile(path);
    if (!text) return text.error();
    return fromJsonText(*text, path);
}

core::Result<CoordinateTable> CoordinateTable::fromJsonText(const std::string& text, const std::string& file)
{
    auto parsed = core::parseJson(text, file);
    if (!parsed) return parsed.error();
    const auto& root = *parsed;
    auto bad = [&](const std::string& what) {
        return core::makeError(file + ": " + what + ". Fix the file (see README \"Coordinates\") and restart.");
    };
    if (!root.is_object() || !root.contains("coordinates") || !root["coordinates"].is_array())
        return bad("missing the \"coordinates\" array");
    CoordinateTable table;
    table.m_infos.resize(CoordCount);
    std::array<bool, CoordCount> seen{};
    for (const auto& c : root["coordinates"]) {
        std::string name = c.is_object() ? c.value("name", std::string()) : std::string();
        int idx = coordIndex(name);
        if (idx < 0) return bad("unknown coordinate \"" + name + "\" (the names are fixed: see README)");
        CoordinateInfo info;
        info.name = name;
        info.title = c.value("title", name);
        info.unit = c.value("unit", std::string("deg"));
        info.description = c.value("description", std::string());
        if (!finiteNumber(c, "min", info.min) || !finiteNumber(c, "max", info.max))
            return bad("coordinate \"" + name + "\" needs finite numbers \"min\" and \"max\"");
        if (!(info.min < info.max)) return bad("coordinate \"" + name + "\" has min >= max");
        if (!finiteNumber(c, "default", info.defaultValue)) info.defaultValue = 0.0;
        if (info.defaultValue < info.min || info.defaultValue > info.max)
            return bad("coordinate \"" + name + "\" has a default " + core::formatNumber(info.defaultValue) +
                       " outside its limits");
        table.m_infos[static_cast<std::size_t>(idx)] = info;
        seen[static_cast<std::size_t>(idx)] = true;
    }
    for (int i = 0; i < CoordCount; ++i)
        if (!seen[static_cast<std::size_t>(i)]) return bad(std::string("coordinate \"") + kNames[i] + "\" is missing");
    // Lumbar shares.
    double sum = 0.0;
    for (int l = 0; l < kLumbarLevels; ++l) {
        double s = 1.0 / kLumbarLevels;
        if (root.contains("lumbar_shares")) {
            if (!finiteNumber(root["lumbar_shares"], kLevels[l], s) || s < 0.0)
                return bad(std::string("\"lumbar_shares\" needs a number >= 0 for ") + kLevels[l]);
        }
        table.m_shares[static_cast<std::size_t>(l)] = s;
        sum += s;
    }
    if (!(sum > 0.0)) return bad("\"lumbar_shares\" add up to 0");
    for (auto& s : table.m_shares) s /= sum;
    if (root.contains("diaphragm")) {
        const auto& d = root["diaphragm"];
        double v;
        if (finiteNumber(d, "dome_excursion_m_at_100", v)) table.m_breathing.domeExcursionAt100 = v;
        if (finiteNumber(d, "rest_breathing_pct", v)) table.m_breathing.restPercent = v;
        if (table.m_breathing.domeExcursionAt100 < 0.0 || table.m_breathing.domeExcursionAt100 > 0.12)
            return bad("\"diaphragm.dome_excursion_m_at_100\" must be between 0 and 0.12 m");
    }
    if (root.contains("standing")) {
        double v;
        if (finiteNumber(root["standing"], "tolerance_deg", v) && v > 0.0) table.m_tolerance = v;
        if (finiteNumber(root["standing"], "max_iterations", v) && v >= 1.0) table.m_maxIterations = static_cast<int>(v);
    }
    return table;
}

} // namespace psoas::solver
