#pragma once
// Compare mode: a translucent "ghost" of the neutral pose drawn over the current pose.
// Bones are drawn with their rest (neutral) transforms; deformable meshes (muscles, discs,
// diaphragm: the ones with a TEXCOORD_1 binding) get a rest-shape copy, computed once per
// document by deforming copies of those meshes to the neutral pose (Kinematics::solve, no
// copy of the solver or of the rest of the model). The ghost items are added
// to the draw list with low opacity (transparent pass) and no pick id.
#include "core/Math.h"
#include "scene/DrawList.h"

#include <vector>

namespace psoas::app {

class Document;

class GhostPose {
public:
    static constexpr float kOpacity = 0.22f;
    static Vec3 colour() { return Vec3(0.78f, 0.86f, 1.0f); }

    // Adds the rest-shape meshes to the document's model (once per document). False when the
    // document has no solver (nothing moves, so there is nothing to compare).
    bool prepare(Document& doc);
    bool prepared(const Document& doc) const { return m_doc == &doc; }
    // Appends a ghost item for every visible mesh node of `doc` that is away from its neutral
    // pose (unmoved parts are left out: they would only flicker against themselves).
    void appendTo(const Document& doc, scene::DrawList& list) const;
    void reset() { m_doc = nullptr; m_restMesh.clear(); }

private:
    const Document* m_doc = nullptr;
    std::vector<int> m_restMesh; // model mesh index -> mesh index of its rest shape
};

} // namespace psoas::app
