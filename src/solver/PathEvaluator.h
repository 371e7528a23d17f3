#pragma once
// Evaluates one muscle path (origin, via points, insertion, wrapping surfaces) in a pose.
// Each segment between consecutive points is wrapped over the first listed surface that
// affects it (see WrapMath.h); points and surfaces move with their bodies.
#include "solver/RigData.h"
#include "solver/Rigid.h"

#include <vector>

namespace psoas::solver {

class PathEvaluator {
public:
    // bodyWorld: one rigid motion per rig body. Returns the length in metres; when `polyline`
    // is given it is cleared and filled with the posed path (origin first).
    static double evaluate(const RigData& rig, const RigPath& path, const std::vector<Rigid>& bodyWorld,
                           std::vector<DVec3>* polyline);
};

} // namespace psoas::solver
