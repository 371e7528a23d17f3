#include "solver/Pose.h"

#include <algorithm>
#include <cmath>

namespace psoas::solver {

core::Result<Mode> parseModeName(const std::string& text)
{
    Mode m = Mode::Free;
    if (!parseMode(text, m)) return core::makeError("pose mode \"" + text + "\" is unknown; use standing or free");
    return m;
}

Pose Pose::neutral(const CoordinateTable& table)
{
    Pose p;
    p.values = table.defaults();
    return p;
}

core::Status Pose::set(const CoordinateTable& table, const std::string& name, double value, std::string* clampNote)
{
    if (clampNote) clampNote->clear();
    const int idx = coordIndex(name);
    if (idx < 0) {
        std::string list;
        for (const auto& c : table.infos()) list += (list.empty() ? "" : ", ") + c.name;
        return core::makeError("unknown coordinate \"" + name + "\"; known coordinates: " + list);
    }
    if (!std::isfinite(value))
        return core::makeError("coordinate \"" + name + "\": the value " + core::formatNumber(value) +
                               " is not a finite number; give degrees (or % for breathing)");
    const auto& info = table.info(idx);
    const double v = std::clamp(value, info.min, info.max);
    if (v != value && clampNote)
        *clampNote = name + " = " + core::formatNumber(value) + " is outside its limits " + core::formatNumber(info.min) +
                     ".." + core::formatNumber(info.max) + " " + info.unit + "; set to " + core::formatNumber(v);
    values[static_cast<std::size_t>(idx)] = v;
    return core::Status::success();
}

core::Result<Pose> Pose::from(const CoordinateTable& table, const Pose& base, const std::string& mode,
                              const std::map<std::string, double>& coordinates)
{
    Pose p = base;
    if (!mode.empty()) {
        auto m = parseModeName(mode);
        if (!m) return m.error();
        p.mode = *m;
    }
    for (const auto& [name, value] : coordinates)
        if (auto st = p.set(table, name, value); !st) return core::makeError(st.message());
    return p;
}

} // namespace psoas::solver
