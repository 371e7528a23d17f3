#pragma once
// Aligns a source surface to a target surface by a similarity transform (rotation, translation,
// uniform scale): principal axes from the four proper sign flips of the PCA axes as starts, then
// symmetric ICP (closest points both ways, each step solved by Umeyama with scale); the start with
// the lowest residual is refined with all samples and kept.
#include "TriMesh.h"
#include "TriangleBvh.h"

#include <vector>

namespace psoas::fidelity {

struct AlignOptions {
    int coarseIterations = 40;        // per start, on a subset of the samples
    std::size_t coarseSamples = 4000; // per side
    int fineIterations = 40;          // best start, all samples
    double tolerance = 1e-7;          // stop when the RMS changes by less than this fraction
};

struct Alignment {
    Similarity transform; // source -> target
    double rms = 0.0;     // symmetric closest-point RMS at the end of ICP (target units)
    int start = -1;       // which PCA start won (0..3)
};

// Least-squares similarity mapping src[i] onto dst[i] (Umeyama 1991). Sizes must match.
Similarity umeyama(const std::vector<Eigen::Vector3d>& src, const std::vector<Eigen::Vector3d>& dst);

// The four PCA starts (proper rotations only) mapping the source samples' axes onto the target's.
std::vector<Similarity> principalAxisStarts(const std::vector<Eigen::Vector3d>& source,
                                            const std::vector<Eigen::Vector3d>& target);

// Samples are points spread over each surface (SurfaceSampler), in that surface's own frame.
Alignment alignSimilarity(const TriangleBvh& source, const std::vector<Eigen::Vector3d>& sourceSamples,
                          const TriangleBvh& target, const std::vector<Eigen::Vector3d>& targetSamples,
                          const AlignOptions& options = {});

} // namespace psoas::fidelity
