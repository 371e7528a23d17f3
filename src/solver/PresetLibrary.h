#pragma once
// Pose presets: one JSON file per preset in assets/poses/ ({"name", "title", "description",
// "mode": "free"|"standing", "body": "standing"|"supine"|"prone" (optional, default standing),
// "coordinates": {"hip_flexion_r": 90, ...}}).
#include "core/Error.h"
#include "solver/Types.h"

#include <string>
#include <vector>

namespace psoas::solver {

class CoordinateTable;

class PresetLibrary {
public:
    // Reads every *.json in `dir` (sorted by file name). Unknown coordinates, NaN and values
    // outside the limits are errors naming the file and the coordinate.
    static core::Result<PresetLibrary> load(const std::string& dir, const CoordinateTable& table);
    static core::Result<Preset> parse(const std::string& text, const std::string& file, const CoordinateTable& table);

    const std::vector<Preset>& presets() const { return m_presets; }
    const Preset* find(const std::string& name) const;

private:
    std::vector<Preset> m_presets;
};

} // namespace psoas::solver
