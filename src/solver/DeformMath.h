#pragma once
// INTERNAL to psoas_solver (included only by the MeshDeformer .cpp files, never by a public
// header): the sample count, conversions and normalisation shared by binding
// (MuscleBinding.cpp, BlendBinding.cpp) and deforming (MeshDeformer.cpp).
#include "solver/MeshDeformer.h"

#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace psoas::solver::deform {

constexpr std::size_t K = static_cast<std::size_t>(MeshDeformer::kSamples);

inline DVec3 toD(const Vec3& v) { return DVec3(v.x, v.y, v.z); }
inline Vec3 toF(const DVec3& v) { return Vec3(static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)); }

// n / |n| (or +Y for a zero vector) with the SSE reciprocal square root and one Newton step
// (relative error about 1e-7): the divide and square root were most of the per-vertex cost.
inline Vec3 unit(const Vec3& n)
{
    float l2 = glm::dot(n, n);
    if (!(l2 > 1e-30f)) return Vec3(0, 1, 0);
#if defined(__SSE2__)
    float r = _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(l2)));
    r = r * (1.5f - 0.5f * l2 * r * r);
#else
    float r = 1.0f / std::sqrt(l2);
#endif
    return n * r;
}

} // namespace psoas::solver::deform
