#pragma once
// One level of the shape-fidelity check: align a reference vertebra (a real mean shape) to the
// model's bone by a similarity transform, then measure the symmetric surface distance and the
// two dimensions of both (the reference rotated into the model's frame, not scaled).
#include "SimilarityAlign.h"
#include "SurfaceDistance.h"
#include "TriMesh.h"
#include "VertebraMeasures.h"

#include <cstdint>

namespace psoas::fidelity {

struct FidelityOptions {
    std::size_t samples = 20000; // per surface
    std::uint64_t seed = 20230111;
    AlignOptions align;
};

struct FidelityResult {
    Alignment alignment;     // reference -> model
    DistanceStats distance;  // mm, after alignment
    VertebraMeasures model;
    VertebraMeasures reference; // in its own size (alignment's rotation only)
};

// Both meshes in millimetres; `model` in the model's frame (x left, y superior, z anterior).
FidelityResult compareVertebra(const TriMesh& model, const TriMesh& reference, const FidelityOptions& options = {});

} // namespace psoas::fidelity
