#include "solver/PresetLibrary.h"

#include "core/AtomicFile.h"
#include "core/JsonFields.h"
#include "core/JsonFile.h"
#include "solver/CoordinateTable.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace psoas::solver {

const Preset* PresetLibrary::find(const std::string& name) const
{
    for (const auto& p : m_presets)
        if (p.name == name) return &p;
    return nullptr;
}

core::Result<Preset> PresetLibrary::parse(const std::string& text, const std::string& file, const CoordinateTable& table)
{
    auto parsed = core::parseJson(text, file);
    if (!parsed) return parsed.error();
    const auto& j = *parsed;
    core::JsonFields f(file, "Fix the value in the preset file or remove the file.");
    auto bad = [&](const std::string& where, const std::string& what) {
        f.fail(where, what);
        return f.error();
    };
    if (!f.isObject(j, "")) return f.error();
    Preset p;
    p.sourcePath = file;
    p.name = std::filesystem::path(file).stem().string();
    std::string mode = "free", body = "standing";
    if (!f.text(j, "name", "", p.name)) return f.error();
    p.title = p.name;
    if (!f.text(j, "title", "", p.title) || !f.text(j, "description", "", p.description) ||
        !f.text(j, "mode", "", mode) || !f.text(j, "body", "", body))
        return f.error();
    if (!parseMode(mode, p.mode)) return bad("mode", "\"" + mode + "\" is not a mode; use \"free\" or \"standing\"");
    if (!parseBody(body, p.body))
        return bad("body", "\"" + body + "\" is not a body orientation; use \"standing\", \"supine\" or \"prone\"");
    if (const auto* coords = f.object(j, "coordinates", "")) {
        for (auto it = coords->begin(); it != coords->end(); ++it) {
            int idx = coordIndex(it.key());
            if (idx < 0) return bad("coordinates", "unknown coordinate \"" + it.key() + "\"");
            double v = 0.0;
            if (!f.number(*coords, it.key().c_str(), "coordinates", v, core::JsonFields::Required)) return f.error();
            const auto& info = table.info(idx);
            if (v < info.min || v > info.max)
                return bad("coordinates." + it.key(), core::formatNumber(v) + " is outside its limits " +
                                                          core::formatNumber(info.min) + ".." +
                                                          core::formatNumber(info.max));
            p.values[it.key()] = v;
        }
    }
    if (!f.ok()) return f.error();
    return p;
}

core::Result<PresetLibrary> PresetLibrary::load(const std::string& dir, const CoordinateTable& table)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return core::makeError(dir + ": the pose preset folder does not exist; reinstall assets/poses.");
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    PresetLibrary lib;
    for (const auto& f : files) {
        auto text = core::readFile(f);
        if (!text) return text.error();
        auto p = parse(*text, f, table);
        if (!p) return p.error();
        if (lib.find(p->name)) return core::makeError(f + ": preset name \"" + p->name + "\" is used twice");
        lib.m_presets.push_back(std::move(*p));
    }
    return lib;
}

} // namespace psoas::solver
