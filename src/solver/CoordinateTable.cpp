#include "solver/CoordinateTable.h"

#include "core/AtomicFile.h"
#include "core/JsonFields.h"
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

const char* bodyName(Body body)
{
    switch (body) {
    case Body::Supine: return "supine";
    case Body::Prone: return "prone";
    default: return "standing";
    }
}

bool parseBody(const std::string& text, Body& out)
{
    if (text == "standing") { out = Body::Standing; return true; }
    if (text == "supine") { out = Body::Supine; return true; }
    if (text == "prone") { out = Body::Prone; return true; }
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
    core::JsonFields f(file, "Fix the value or restore the file from the project's assets (see README \"Coordinates\"), "
                             "then restart.");
    auto bad = [&](const std::string& where, const std::string& what) {
        f.fail(where, what);
        return f.error();
    };
    const auto* coords = f.array(root, "coordinates", "", core::JsonFields::Required);
    if (!coords) return f.error();
    CoordinateTable table;
    table.m_infos.resize(CoordCount);
    std::array<bool, CoordCount> seen{};
    for (std::size_t i = 0; i < coords->size(); ++i) {
        const auto& c = (*coords)[i];
        std::string where = "coordinates[" + std::to_string(i) + "]";
        std::string name;
        if (!f.isObject(c, where) || !f.text(c, "name", where, name, core::JsonFields::Required)) return f.error();
        int idx = coordIndex(name);
        if (idx < 0) return bad(where, "unknown coordinate \"" + name + "\" (the names are fixed: see README)");
        where += " (" + name + ")";
        CoordinateInfo info;
        info.name = name;
        info.title = name;
        info.unit = "deg";
        if (!f.text(c, "title", where, info.title) || !f.text(c, "unit", where, info.unit) ||
            !f.text(c, "description", where, info.description) ||
            !f.number(c, "min", where, info.min, core::JsonFields::Required) ||
            !f.number(c, "max", where, info.max, core::JsonFields::Required) ||
            !f.number(c, "default", where, info.defaultValue))
            return f.error();
        if (!(info.min < info.max)) return bad(where, "min is not below max");
        if (info.defaultValue < info.min || info.defaultValue > info.max)
            return bad(where, "the default " + core::formatNumber(info.defaultValue) + " is outside its limits");
        table.m_infos[static_cast<std::size_t>(idx)] = info;
        seen[static_cast<std::size_t>(idx)] = true;
    }
    for (int i = 0; i < CoordCount; ++i)
        if (!seen[static_cast<std::size_t>(i)]) return bad("coordinates", std::string("\"") + kNames[i] + "\" is missing");
    // Lumbar shares.
    const auto* shares = f.object(root, "lumbar_shares", "");
    if (!f.ok()) return f.error();
    double sum = 0.0;
    for (int l = 0; l < kLumbarLevels; ++l) {
        double s = 1.0 / kLumbarLevels;
        if (shares) {
            if (!f.number(*shares, kLevels[l], "lumbar_shares", s, core::JsonFields::Required)) return f.error();
            if (s < 0.0) return bad(std::string("lumbar_shares.") + kLevels[l], "needs a number >= 0");
        }
        table.m_shares[static_cast<std::size_t>(l)] = s;
        sum += s;
    }
    if (!(sum > 0.0)) return bad("lumbar_shares", "the shares add up to 0");
    for (auto& s : table.m_shares) s /= sum;
    if (const auto* d = f.object(root, "diaphragm", "")) {
        if (!f.number(*d, "dome_excursion_m_at_100", "diaphragm", table.m_breathing.domeExcursionAt100) ||
            !f.number(*d, "rest_breathing_pct", "diaphragm", table.m_breathing.restPercent))
            return f.error();
        if (table.m_breathing.domeExcursionAt100 < 0.0 || table.m_breathing.domeExcursionAt100 > 0.12)
            return bad("diaphragm.dome_excursion_m_at_100", "must be between 0 and 0.12 m");
    }
    if (!f.ok()) return f.error();
    if (const auto* st = f.object(root, "standing", "")) {
        double tolerance = table.m_tolerance, iterations = table.m_maxIterations;
        if (!f.number(*st, "tolerance_deg", "standing", tolerance) ||
            !f.number(*st, "max_iterations", "standing", iterations))
            return f.error();
        if (tolerance > 0.0) table.m_tolerance = tolerance;
        if (iterations >= 1.0 && iterations <= 1e6) table.m_maxIterations = static_cast<int>(iterations);
    }
    if (!f.ok()) return f.error();
    return table;
}

} // namespace psoas::solver
