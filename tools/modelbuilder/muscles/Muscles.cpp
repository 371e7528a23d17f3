#include "muscles/Muscles.h"

#include "core/Sweep.h"
#include "muscles/BoneClearance.h"
#include "muscles/BoneSurface.h"
#include "muscles/Diaphragm.h"
#include "muscles/IliacusSheet.h"
#include "muscles/MuscleProfile.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace psoas::modelbuilder {

namespace {

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// How much each muscle must stay off bones (fraction of its radius) and how much of each end
// is free to touch the bone it attaches to.
struct ClearanceRule {
    double factor = 0.0;
    double freeStart = 0.05;
    double freeEnd = 0.05;
    bool vertebrae = true;
};

ClearanceRule ruleFor(const std::string& muscle)
{
    if (startsWith(muscle, "psoas_major"))
        return {0.95, 0.04, 0.05, true};
    if (startsWith(muscle, "psoas_minor"))
        return {1.0, 0.06, 0.12, true};
    if (startsWith(muscle, "iliacus"))
        return {0.8, 0.10, 0.06, true};
    if (startsWith(muscle, "quadratus"))
        return {0.6, 0.10, 0.10, true};
    return {0.0, 0.0, 0.0, false};
}

struct SweptPath {
    std::vector<glm::dvec3> line;
    MuscleProfile profile;
    std::size_t index;
};

// Evenly spaced (by arc length) copy of a polyline with n samples.
std::vector<glm::dvec3> resample(const std::vector<glm::dvec3>& line, std::size_t n)
{
    std::vector<double> arc(line.size(), 0.0);
    for (std::size_t k = 1; k < line.size(); ++k)
        arc[k] = arc[k - 1] + glm::length(line[k] - line[k - 1]);
    std::vector<glm::dvec3> out;
    std::size_t seg = 1;
    for (std::size_t j = 0; j < n; ++j) {
        const double a = arc.back() * double(j) / double(n - 1);
        while (seg + 1 < line.size() && arc[seg] < a)
            ++seg;
        const double len = std::max(arc[seg] - arc[seg - 1], 1e-12);
        out.push_back(glm::mix(line[seg - 1], line[seg], std::clamp((a - arc[seg - 1]) / len, 0.0, 1.0)));
    }
    return out;
}

// One sweep bound to path `pathValue` (k + t between paths k and k + 1 for a sheet's fill);
// the section blends `profile` with `other` by `blend`.
BuiltPart sweepPath(const std::string& id, const std::vector<glm::dvec3>& line, const MuscleProfile& profile,
                    double pathValue, const MuscleProfile& other, double blend)
{
    double length = 0.0;
    for (std::size_t k = 1; k < line.size(); ++k)
        length += glm::length(line[k] - line[k - 1]);
    SweepOptions options;
    options.rings = std::clamp(int(length / (startsWith(id, "psoas_major") ? 0.011 : 0.009)), 12, 44);
    options.segments = startsWith(id, "psoas_major") ? 10 : 12;
    options.capped = true;
    options.pathIndex = float(pathValue);
    options.flatten = [profile, other, blend](double s) {
        return (1.0 - blend) * profile.flatten(s) + blend * other.flatten(s);
    };
    options.flattenAxis = glm::normalize((1.0 - blend) * profile.thinAxis() + blend * other.thinAxis());
    return sweepTube(id, line, [profile, other, blend](double s) {
        return (1.0 - blend) * profile.radius(s) + blend * other.radius(s);
    }, options);
}

} // namespace

std::vector<BuiltPart> buildMuscles(const RigLayout& rig, const std::vector<BuiltPart>& bones)
{
    std::vector<BuiltPart> parts;
    BoneSurface pelvis;
    for (const BuiltPart& b : bones)
        if (startsWith(b.id, "hip_bone") || startsWith(b.id, "femur") || b.id == "sacrum")
            pelvis.add(b);
    const BoneClearance clearance(rig);
    std::vector<std::string> order;
    std::map<std::string, std::vector<const MusclePath*>> byMuscle;
    for (const MusclePath& p : rig.musclePaths) {
        if (!byMuscle.count(p.muscle))
            order.push_back(p.muscle);
        byMuscle[p.muscle].push_back(&p);
    }
    for (const std::string& id : order) {
        BuiltPart muscle;
        muscle.id = id;
        const auto tf = rig.tendonFraction.find(id);
        const double tendon = tf != rig.tendonFraction.end() ? tf->second : 0.3;
        const ClearanceRule rule = ruleFor(id);
        const std::vector<const MusclePath*>& paths = byMuscle[id];
        std::vector<SweptPath> swept;
        for (std::size_t i = 0; i < paths.size(); ++i) {
            const MusclePath& path = *paths[i];
            if (path.points.size() < 2)
                continue;
            std::vector<glm::dvec3> control;
            for (const PathPoint& pp : path.points)
                control.push_back(pp.position);
            std::vector<glm::dvec3> line = smoothPolyline(control, 10);
            const MuscleProfile profile(id, path, line, tendon);
            {
                std::vector<double> arc(line.size(), 0.0);
                for (std::size_t k = 1; k < line.size(); ++k)
                    arc[k] = arc[k - 1] + glm::length(line[k] - line[k - 1]);
                for (std::size_t k = 0; k < line.size(); ++k)
                    line[k] += profile.spread(arc[k] / std::max(arc.back(), 1e-9));
            }
            const bool iliacus = startsWith(id, "iliacus");
            if (rule.factor > 0.0) {
                line = clearance.clear(
                    line,
                    [&](double s) {
                        return iliacus ? iliacusHalfThickness(s) + 0.001
                                       : rule.factor * profile.radius(s) * (0.5 + 0.5 * profile.flatten(s));
                    },
                    path.wraps, rule.freeStart, rule.freeEnd);
            }
            swept.push_back({resample(line, 64), profile, i});
            if (!iliacus)
                appendPart(muscle, sweepPath(id, swept.back().line, profile, double(i), profile, 0.0));
        }
        // The iliacus is one fan-shaped sheet through its paths (medial to lateral).
        if (startsWith(id, "iliacus") && swept.size() >= 2) {
            std::vector<std::vector<glm::dvec3>> lines;
            for (const SweptPath& sp : swept)
                lines.push_back(sp.line);
            SheetOptions options;
            options.front = swept.front().profile.thinAxis();
            options.bones = &pelvis;
            appendPart(muscle, buildIliacusSheet(id, lines, &iliacusHalfThickness, options));
        }
        // Gluteus maximus: fill between neighbouring paths so it reads as one sheet. Each
        // fill is bound to the nearer path.
        const bool sheet = startsWith(id, "gluteus_maximus");
        for (std::size_t k = 0; sheet && k + 1 < swept.size(); ++k) {
            for (const double t : {0.35, 0.65}) {
                std::vector<glm::dvec3> line(swept[k].line.size());
                for (std::size_t j = 0; j < line.size(); ++j)
                    line[j] = glm::mix(swept[k].line[j], swept[k + 1].line[j], t);
                const SweptPath& nearer = t < 0.5 ? swept[k] : swept[k + 1];
                const SweptPath& other = t < 0.5 ? swept[k + 1] : swept[k];
                // The solver also accepts k + t (a fill moved with the blend of both paths);
                // the model contract still says integer path indices, so bind to the nearer.
                const double pathValue = double(nearer.index);
                appendPart(muscle, sweepPath(id, line, nearer.profile, pathValue, other.profile, t < 0.5 ? t : 1.0 - t));
            }
        }
        if (!muscle.positions.empty())
            parts.push_back(std::move(muscle));
    }
    parts.push_back(Diaphragm(rig).build());
    return parts;
}

} // namespace psoas::modelbuilder
