#include "SurfaceDistance.h"

#include <algorithm>
#include <cmath>

namespace psoas::fidelity {

DistanceStats statsOf(std::vector<double> d)
{
    DistanceStats s;
    if (d.empty()) return s;
    double sum = 0.0, sum2 = 0.0;
    for (double v : d) {
        sum += v;
        sum2 += v * v;
    }
    s.mean = sum / double(d.size());
    s.rms = std::sqrt(sum2 / double(d.size()));
    s.max = *std::max_element(d.begin(), d.end());
    const std::size_t rank = std::size_t(std::ceil(0.95 * double(d.size()))) - 1;
    std::nth_element(d.begin(), d.begin() + std::ptrdiff_t(rank), d.end());
    s.p95 = d[rank];
    return s;
}

DistanceStats symmetricDistance(const std::vector<Eigen::Vector3d>& samplesA, const TriangleBvh& surfaceA,
                                const std::vector<Eigen::Vector3d>& samplesB, const TriangleBvh& surfaceB)
{
    std::vector<double> d;
    d.reserve(samplesA.size() + samplesB.size());
    for (const Eigen::Vector3d& p : samplesA) d.push_back(surfaceB.distance(p));
    for (const Eigen::Vector3d& p : samplesB) d.push_back(surfaceA.distance(p));
    return statsOf(std::move(d));
}

} // namespace psoas::fidelity
