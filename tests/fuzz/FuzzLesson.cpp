// libFuzzer: a lesson file through the lesson loader (JSON parse, per-field checks against a
// vocabulary), then the loaded lesson through toJson and back. Loaded coordinates must be
// finite and inside their limits; every warning names the file.
#include "app/Lesson.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const psoas::app::LessonVocabulary& vocabulary()
{
    static const psoas::app::LessonVocabulary v = [] {
        psoas::app::LessonVocabulary voc;
        voc.structures = {"psoas_major_r", "psoas_major_l", "iliacus_r", "l3", "sacrum", "femur_r"};
        voc.presets = {"neutral", "sitting", "deep_inhale"};
        voc.coordinates["hip_flexion_r"] = {-30.0, 120.0};
        voc.coordinates["pelvis_tilt"] = {-20.0, 25.0};
        return voc;
    }();
    return v;
}

void check(const psoas::app::Lesson::Loaded& loaded, const std::string& name)
{
    for (const auto& w : loaded.warnings)
        if (w.find(name) == std::string::npos) std::abort();
    for (const auto& step : loaded.lesson.steps) {
        for (const auto& [coord, value] : step.pose.coordinates) {
            auto range = vocabulary().coordinates.find(coord);
            if (range == vocabulary().coordinates.end()) std::abort(); // unknown ids are dropped
            if (!std::isfinite(value) || value < range->second.min || value > range->second.max) std::abort();
        }
        for (const auto& id : step.selection)
            if (!vocabulary().structures.count(id)) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace psoas::app;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto loaded = Lesson::fromJsonText(text, "fuzz.json", vocabulary());
    if (!loaded.ok()) {
        if (loaded.message().find("fuzz.json") == std::string::npos) std::abort();
        return 0;
    }
    check(loaded.value(), "fuzz.json");
    // What we save we can load again, unchanged in size.
    auto again = Lesson::fromJson(loaded->lesson.toJson(), "again.json", vocabulary());
    check(again, "again.json");
    if (again.lesson.steps.size() != loaded->lesson.steps.size()) std::abort();
    return 0;
}
