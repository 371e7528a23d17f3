#include "spine/Spine.h"

#include "core/Sdf.h"
#include "spine/DiscBuilder.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

namespace psoas::modelbuilder {

namespace {

std::string jointOf(const RigLayout& rig, const std::string& body, const std::string& fallback)
{
    for (const BodyDef& b : rig.bodies)
        if (b.name == body)
            return b.joint;
    return fallback;
}

std::string defaultJoint(const std::string& id)
{
    static const std::pair<const char*, const char*> table[] = {
        {"t12", "j_t12_l1"}, {"l1", "j_l1_l2"}, {"l2", "j_l2_l3"},
        {"l3", "j_l3_l4"},   {"l4", "j_l4_l5"}, {"l5", "j_l5_s1"}};
    for (const auto& [v, j] : table)
        if (id == v)
            return j;
    return "pelvis";
}

// Every edge used exactly once in each direction (a closed, consistently wound surface).
bool closedManifold(const BuiltPart& part)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3)
        for (int k = 0; k < 3; ++k)
            ++edges[{part.indices[i + k], part.indices[i + (k + 1) % 3]}];
    for (const auto& [e, n] : edges) {
        const auto rev = edges.find({e.second, e.first});
        if (n != 1 || rev == edges.end() || rev->second != 1)
            return false;
    }
    return !edges.empty();
}

} // namespace

VertebraDimensions vertebraDimensionsFrom(const RigLayout& rig, const std::string& id)
{
    VertebraDimensions v = defaultVertebraDimensions(id);
    for (const VertebraDims& d : rig.vertebrae) {
        if (d.id != id)
            continue;
        auto take = [](double& dst, double src) {
            if (src > 0.0)
                dst = src;
        };
        take(v.bodyWidth, d.bodyWidth);
        take(v.bodyDepth, d.bodyDepth);
        take(v.anteriorHeight, d.heightAnterior);
        take(v.posteriorHeight, d.heightPosterior);
        take(v.pedicleWidth, d.pedicleWidth);
        take(v.pedicleHeight, d.pedicleHeight);
        take(v.transverseLength, d.transverseProcessLength);
        take(v.spinousLength, d.spinousLength);
        take(v.spinousHeight, d.spinousHeight);
        take(v.canalWidth, d.canalWidth);
        take(v.canalDepth, d.canalDepth);
    }
    return v;
}

VertebraShape vertebraShapeFrom(const RigLayout& rig, const std::string& id)
{
    VertebraShape shape(vertebraDimensionsFrom(rig, id));
    for (const DiscDims& disc : rig.discs) {
        if (disc.upper != id || disc.lower == "s1")
            continue;
        const VertebraFrame& own = rig.frame(id);
        const VertebraFrame& lower = rig.frame(disc.lower);
        // pLower = lowerAxes^T (ownCentre + ownAxes p - lowerCentre)
        shape.setLowerNeighbour(vertebraDimensionsFrom(rig, disc.lower), glm::transpose(lower.axes) * own.axes,
                                lower.toLocal(own.center));
    }
    return shape;
}

std::vector<BuiltPart> buildSpine(const RigLayout& rig) { return buildSpine(rig, 0.0005); }

BuiltPart buildVertebra(const RigLayout& rig, const std::string& id, double voxelSize)
{
    const VertebraShape shape = vertebraShapeFrom(rig, id);
    const VertebraFrame& frame = rig.frame(id);
    // World bounding box of the local box.
    const glm::dvec3 lmin = shape.boundsMin(), lmax = shape.boundsMax();
    glm::dvec3 wmin(1e9), wmax(-1e9);
    for (int c = 0; c < 8; ++c) {
        const glm::dvec3 corner((c & 1) ? lmax.x : lmin.x, (c & 2) ? lmax.y : lmin.y, (c & 4) ? lmax.z : lmin.z);
        const glm::dvec3 w = frame.toWorld(corner);
        wmin = glm::min(wmin, w);
        wmax = glm::max(wmax, w);
    }
    const SdfFunction sdf = [&shape, &frame](const glm::dvec3& p) { return shape.distance(frame.toLocal(p)); };
    // Simplification can occasionally pinch a thin process into a non-manifold edge; try
    // a few budgets (deterministically) and keep the first closed result.
    BuiltPart part;
    for (const std::size_t target : {5400u, 6000u, 6800u, 8000u}) {
        part = meshSdf(id, sdf, wmin, wmax, voxelSize, target);
        if (closedManifold(part))
            break;
    }
    part.parentJoint = jointOf(rig, id, defaultJoint(id));
    return part;
}

std::vector<BuiltPart> buildSpine(const RigLayout& rig, double voxelSize)
{
    std::vector<BuiltPart> parts;
    std::map<std::string, VertebraShape> shapes;
    for (const VertebraDims& d : rig.vertebrae) {
        shapes.emplace(d.id, vertebraShapeFrom(rig, d.id));
        parts.push_back(buildVertebra(rig, d.id, voxelSize));
    }
    for (const DiscDims& disc : rig.discs) {
        auto up = shapes.find(disc.upper);
        if (up == shapes.end())
            continue;
        const VertebraFrame& upperFrame = rig.frame(disc.upper);
        auto low = shapes.find(disc.lower);
        if (low != shapes.end()) {
            parts.push_back(DiscBuilder::build(disc.id, up->second, upperFrame, &low->second, rig.frame(disc.lower)));
        } else {
            VertebraFrame s1 = rig.frame(disc.lower);
            s1.center = s1.superiorEndplate;
            parts.push_back(DiscBuilder::build(disc.id, up->second, upperFrame, nullptr, s1));
        }
    }
    if (shapes.count("t12")) {
        const ThoracicCage cage(rig, shapes.at("t12"));
        for (BuiltPart& p : cage.build(voxelSize))
            parts.push_back(std::move(p));
    }
    return parts;
}

} // namespace psoas::modelbuilder
