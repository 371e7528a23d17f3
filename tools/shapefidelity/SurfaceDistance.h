#pragma once
// Symmetric point-to-surface distance between two surfaces in the same frame: every sample of
// A to the closest point on B's triangles and every sample of B to A's, pooled.
#include "TriangleBvh.h"

#include <vector>

namespace psoas::fidelity {

struct DistanceStats {
    double mean = 0.0, rms = 0.0, p95 = 0.0, max = 0.0;
};

DistanceStats symmetricDistance(const std::vector<Eigen::Vector3d>& samplesA, const TriangleBvh& surfaceA,
                                const std::vector<Eigen::Vector3d>& samplesB, const TriangleBvh& surfaceB);

// Mean, RMS, 95th percentile (nearest rank) and maximum of a list of distances.
DistanceStats statsOf(std::vector<double> distances);

} // namespace psoas::fidelity
