#pragma once
// Is a point hidden behind bone from the camera? A CPU ray test against the opaque, visible
// bone meshes of the current draw list (x-rayed bones do not hide anything). Used to hide
// labels whose landmark is behind a bone. Plain C++: testable with no GL, exact at any size.
#include "core/Math.h"

#include <string>
#include <vector>

namespace psoas::app {

class Document;

struct OcclusionQuery {
    Vec3 point{0.0f};
    std::string ownBody; // hits on this bone near the point do not count (landmarks sit in it)
    float ownTolerance = -1.0f; // how near counts as "near" (m); negative: the call's ownTolerance
};

class BoneOcclusion {
public:
    // Hits on the anchor's own bone closer than this to the anchor are ignored: a vertebral
    // body landmark lies inside its body, about 2 cm below the surface the camera sees.
    static constexpr float kOwnBoneTolerance = 0.028f;

    // For each query, true when the segment eye -> point crosses a bone first.
    static std::vector<bool> occluded(const Document& doc, const Vec3& eye, const std::vector<OcclusionQuery>& queries,
                                      float ownTolerance = kOwnBoneTolerance);
};

} // namespace psoas::app
