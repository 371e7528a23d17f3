#pragma once
// The landmark labels of the viewer (T12, L1–L5, sacrum, ASIS, PSIS, pubic symphysis, hip
// centres, trochanters, iliopubic eminences) and where their anchors are in the current pose:
// the landmark nodes (lm_*) of the model, which ride with their bones in the scene graph.
#include "core/Math.h"

#include <string>
#include <vector>

namespace psoas::app {

class Document;

struct LabelAnchor {
    std::string landmark; // node id, e.g. "lm_asis_r"
    std::string text;     // what the label says, e.g. "ASIS (R)"
    std::string body;     // the bone the landmark sits on (from the node's parent or extras)
    Vec3 world{0.0f};     // posed position, model frame (metres)
    int priority = 0;     // lower is placed first when labels compete for space
    // Hits on its own bone nearer than this do not hide the label (OcclusionQuery): about 2 cm
    // for points inside a bone (vertebral body and femoral head centres), 1 cm for points on its
    // surface (ASIS, PSIS, trochanters...), so that these do not show through their own bone.
    float ownTolerance = 0.028f;
};

class LabelAnchors {
public:
    // Anchors for the landmarks the document's model has, posed as the scene is now.
    // Landmarks the model lacks are skipped (a foreign model gives an empty list).
    static std::vector<LabelAnchor> compute(const Document& doc);
    // The fixed list of (landmark id, label text) pairs, in priority order.
    static const std::vector<std::pair<std::string, std::string>>& definitions();
};

} // namespace psoas::app
