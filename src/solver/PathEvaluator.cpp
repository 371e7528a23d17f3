#include "solver/PathEvaluator.h"

#include "solver/WrapMath.h"

namespace psoas::solver {

double PathEvaluator::evaluate(const RigData& rig, const RigPath& path, const std::vector<Rigid>& bodyWorld,
                               std::vector<DVec3>* polyline)
{
    if (polyline) polyline->clear();
    double length = 0.0;
    auto posed = [&](const RigPathPoint& pt) { return bodyWorld[static_cast<std::size_t>(pt.body)].apply(pt.position); };
    DVec3 prev = posed(path.points.front());
    if (polyline) polyline->push_back(prev);
    for (std::size_t i = 1; i < path.points.size(); ++i) {
        DVec3 next = posed(path.points[i]);
        double seg = glm::length(next - prev);
        std::size_t before = polyline ? polyline->size() : 0;
        for (int w : path.wraps) {
            if (!path.wrapsSegment(i - 1)) break;
            const RigWrap& wrap = rig.wraps[static_cast<std::size_t>(w)];
            const Rigid& m = bodyWorld[static_cast<std::size_t>(wrap.body)];
            WrapSide side{m.rotate(wrap.side), wrap.hasSide};
            double l = wrap.type == WrapType::Cylinder
                           ? wrapCylinder(prev, next, m.apply(wrap.center), m.rotate(wrap.axis), wrap.radius, side, polyline)
                           : wrapEllipsoid(prev, next, m.apply(wrap.center), m.r, wrap.radii, side, polyline);
            bool wrapped = polyline ? polyline->size() > before : l > seg * (1.0 + 1e-12);
            if (wrapped || l > seg * (1.0 + 1e-12)) {
                seg = l;
                break;
            }
        }
        length += seg;
        if (polyline) polyline->push_back(next);
        prev = next;
    }
    return length;
}

} // namespace psoas::solver
