#pragma once
// Points spread evenly over a mesh's surface: triangles chosen in proportion to their area,
// uniform barycentric positions inside them. Deterministic for a given seed on every platform
// (own conversion from the 64-bit Mersenne Twister, no std:: distributions).
#include "TriMesh.h"

#include <cstdint>
#include <vector>

namespace psoas::fidelity {

std::vector<Eigen::Vector3d> sampleSurface(const TriMesh& mesh, std::size_t count, std::uint64_t seed);

double surfaceArea(const TriMesh& mesh);

} // namespace psoas::fidelity
