#pragma once
// Swept tubes for muscles: a cross-section (circle or flattened ellipse) carried along a
// polyline with rotation-minimising frames, radius r(s) for s in [0,1] of arc length.
#include "BuiltPart.h"

#include <glm/glm.hpp>

#include <functional>
#include <string>
#include <vector>

namespace psoas::modelbuilder {

struct SweepOptions {
    int rings = 40;           // cross-sections along the path (>= 2)
    int segments = 14;        // vertices around each cross-section (>= 3)
    bool capped = true;       // close both ends (a pole vertex each, so the tube is watertight)
    float pathIndex = 0.0f;   // written as uv1.x of every vertex
    // Thickness/width ratio of the section at s (1 = round). The thin direction is `flattenAxis`
    // projected off the tangent.
    std::function<double(double)> flatten;
    glm::dvec3 flattenAxis{0.0, 0.0, 1.0};
};

// Tube along `polyline` (model frame, metres) with radius(s) (the half width of the section).
// Every vertex gets uv1 = (options.pathIndex, s), s = arc-length fraction of the polyline.
BuiltPart sweepTube(const std::string& id, const std::vector<glm::dvec3>& polyline,
                    const std::function<double(double)>& radius, const SweepOptions& options = {});

// Same, with the brief's positional form.
BuiltPart sweepTube(const std::string& id, const std::vector<glm::dvec3>& polyline,
                    const std::function<double(double)>& radius, int rings, int segments, bool capped,
                    float pathIndex = 0.0f, const std::function<double(double)>& flatten = nullptr,
                    const glm::dvec3& flattenAxis = glm::dvec3(0.0, 0.0, 1.0));

// `count` points spaced evenly by arc length along `polyline`, from its first point to its last
// (the sections of a sweep).
std::vector<glm::dvec3> resampleEvenly(const std::vector<glm::dvec3>& polyline, int count);

// Smooth curve through `points` (Catmull-Rom, `perSegment` samples per span), for paths.
std::vector<glm::dvec3> smoothPolyline(const std::vector<glm::dvec3>& points, int perSegment);

} // namespace psoas::modelbuilder
