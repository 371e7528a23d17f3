#include "app/LengthSweep.h"

#include "solver/Kinematics.h"

#include <cmath>
#include <sstream>

namespace psoas::app {

std::string LengthSweep::hipFlexionFor(const std::string& muscle)
{
    const auto dot = muscle.find('.');
    const std::string base = muscle.substr(0, dot);
    if (base.size() > 2 && base.compare(base.size() - 2, 2, "_l") == 0) return "hip_flexion_l";
    return "hip_flexion_r";
}

core::Result<LengthSweep> LengthSweep::compute(const solver::Kinematics& kinematics, const std::string& muscle,
                                               const std::string& coordinate, double from, double to, double step)
{
    if (!(step > 0.0) || !std::isfinite(from) || !std::isfinite(to))
        return core::makeError("Length sweep: give a finite range and a positive step.");
    const solver::Kinematics& k = kinematics;
    if (!std::isfinite(k.lengthOf(muscle)))
        return core::makeError("Length sweep: \"" + muscle + "\" is not a muscle of the model; select a muscle.");
    const int index = solver::coordIndex(coordinate);
    if (index < 0) return core::makeError("Length sweep: unknown coordinate \"" + coordinate + "\".");
    // Hold every coordinate at its shown (solved) value and sweep in free mode.
    solver::Pose pose{solver::Mode::Free, k.result().values};
    solver::PoseResult result;
    LengthSweep out;
    out.muscle = muscle;
    out.coordinate = coordinate;
    const double dir = to >= from ? 1.0 : -1.0;
    const long n = long(std::floor(std::abs(to - from) / step + 1e-9));
    for (long i = 0; i <= n; ++i) {
        const double v = from + dir * step * double(i);
        (void)pose.set(k.table(), coordinate, v); // clamped to the limits
        k.solveInto(pose, result, solver::SolveParts::lengthsOnly());
        out.samples.push_back({result.values[static_cast<std::size_t>(index)], k.lengthOf(result, muscle) * 1000.0,
                               k.lengthPctOf(result, muscle)});
    }
    return out;
}

std::string LengthSweep::toCsv() const
{
    std::ostringstream s;
    s << "coordinate,value,quantity,amount\n";
    for (const auto& p : samples) {
        s << coordinate << "," << core::formatNumber(p.value) << "," << muscle << ".length_mm,"
          << core::formatNumber(std::round(p.lengthMm * 100.0) / 100.0) << "\n";
        s << coordinate << "," << core::formatNumber(p.value) << "," << muscle << ".length_pct,"
          << core::formatNumber(std::round(p.lengthPct * 100.0) / 100.0) << "\n";
    }
    return s.str();
}

} // namespace psoas::app
