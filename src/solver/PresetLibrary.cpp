#include "solver/PresetLibrary.h"

#include "core/AtomicFile.h"
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
    auto bad = [&](const std::string& what) { return core::makeError(file + ": " + what + ". Fix the preset file."); };
    if (!j.is_object()) return bad("a preset must be a JSON object");
    Preset p;
    p.sourcePath = file;
    p.name = j.value("name", std::filesystem::path(file).stem().string());
    p.title = j.value("title", p.name);
    p.description = j.value("description", std::string());
    std::string mode = j.value("mode", std::string("free"));
    if (!parseMode(mode, p.mode)) return bad("\"mode\" is \"" + mode + "\"; use \"free\" or \"standing\"");
    if (j.contains("coordinates")) {
        if (!j["coordinates"].is_object()) return bad("\"coordinates\" must be an object of name: value");
        for (auto it = j["coordinates"].begin(); it != j["coordinates"].end(); ++it) {
            int idx = coordIndex(it.key());
            if (idx < 0) return bad("unknown coordinate \"" + it.key() + "\"");
            if (!it->is_number() || !std::isfinite(it->get<double>()))
                return bad("coordinate \"" + it.key() + "\" needs a finite number");
            double v = it->get<double>();
            const auto& info = table.info(idx);
            if (v < info.min || v > info.max)
                return bad("coordinate \"" + it.key() + "\" = " + core::formatNumber(v) + " is outside its limits " +
                           core::formatNumber(info.min) + ".." + core::formatNumber(info.max));
            p.values[it.key()] = v;
        }
    }
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
