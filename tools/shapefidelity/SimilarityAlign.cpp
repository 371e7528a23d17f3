#include "SimilarityAlign.h"

#include <Eigen/Eigenvalues>
#include <Eigen/Geometry>

#include <cmath>
#include <limits>

namespace psoas::fidelity {

namespace {

struct Frame {
    Eigen::Vector3d centre;
    Eigen::Matrix3d axes;  // columns: principal axes, ascending variance
    double variance = 0.0; // total
};

Frame principalFrame(const std::vector<Eigen::Vector3d>& points)
{
    Frame f;
    f.centre.setZero();
    for (const Eigen::Vector3d& p : points) f.centre += p;
    f.centre /= double(points.size());
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    for (const Eigen::Vector3d& p : points) cov += (p - f.centre) * (p - f.centre).transpose();
    cov /= double(points.size());
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(cov);
    f.axes = eig.eigenvectors();
    f.variance = eig.eigenvalues().sum();
    return f;
}

std::vector<Eigen::Vector3d> subset(const std::vector<Eigen::Vector3d>& points, std::size_t n)
{
    if (points.size() <= n) return points;
    std::vector<Eigen::Vector3d> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(points[i * points.size() / n]); // samples are already random
    return out;
}

// Symmetric ICP from `t`; returns the final RMS and updates t.
double icp(const TriangleBvh& source, const std::vector<Eigen::Vector3d>& src, const TriangleBvh& target,
           const std::vector<Eigen::Vector3d>& dst, int iterations, double tolerance, Similarity& t)
{
    std::vector<Eigen::Vector3d> from(src.size() + dst.size()), to(src.size() + dst.size());
    double previous = std::numeric_limits<double>::max(), rms = previous;
    for (int it = 0; it < iterations; ++it) {
        const Similarity inv = t.inverse();
        double sum = 0.0;
        for (std::size_t i = 0; i < src.size(); ++i) { // source samples -> target surface
            from[i] = src[i];
            to[i] = target.closest(t.apply(src[i]));
            sum += (to[i] - t.apply(src[i])).squaredNorm();
        }
        for (std::size_t j = 0; j < dst.size(); ++j) { // target samples -> source surface
            from[src.size() + j] = source.closest(inv.apply(dst[j]));
            to[src.size() + j] = dst[j];
            sum += (t.apply(from[src.size() + j]) - dst[j]).squaredNorm();
        }
        rms = std::sqrt(sum / double(from.size()));
        if (previous - rms < tolerance * previous && it > 0) break;
        previous = rms;
        t = umeyama(from, to);
    }
    return rms;
}

} // namespace

Similarity umeyama(const std::vector<Eigen::Vector3d>& src, const std::vector<Eigen::Vector3d>& dst)
{
    Eigen::Matrix3Xd a(3, Eigen::Index(src.size())), b(3, Eigen::Index(dst.size()));
    for (std::size_t i = 0; i < src.size(); ++i) {
        a.col(Eigen::Index(i)) = src[i];
        b.col(Eigen::Index(i)) = dst[i];
    }
    const Eigen::Matrix4d m = Eigen::umeyama(a, b, true);
    Similarity s;
    s.scale = m.block<3, 3>(0, 0).col(0).norm();
    s.rotation = m.block<3, 3>(0, 0) / s.scale;
    s.translation = m.block<3, 1>(0, 3);
    return s;
}

std::vector<Similarity> principalAxisStarts(const std::vector<Eigen::Vector3d>& source,
                                            const std::vector<Eigen::Vector3d>& target)
{
    const Frame fs = principalFrame(source), ft = principalFrame(target);
    std::vector<Similarity> starts;
    for (int flips = 0; flips < 8; ++flips) {
        const Eigen::Vector3d sign((flips & 1) ? -1.0 : 1.0, (flips & 2) ? -1.0 : 1.0, (flips & 4) ? -1.0 : 1.0);
        Similarity s;
        s.rotation = ft.axes * sign.asDiagonal() * fs.axes.transpose();
        if (s.rotation.determinant() < 0.0) continue; // a mirror, not a rotation
        s.scale = std::sqrt(ft.variance / fs.variance);
        s.translation = ft.centre - s.scale * (s.rotation * fs.centre);
        starts.push_back(s);
    }
    return starts;
}

Alignment alignSimilarity(const TriangleBvh& source, const std::vector<Eigen::Vector3d>& sourceSamples,
                          const TriangleBvh& target, const std::vector<Eigen::Vector3d>& targetSamples,
                          const AlignOptions& options)
{
    const std::vector<Eigen::Vector3d> src = subset(sourceSamples, options.coarseSamples);
    const std::vector<Eigen::Vector3d> dst = subset(targetSamples, options.coarseSamples);
    const std::vector<Similarity> starts = principalAxisStarts(sourceSamples, targetSamples);
    Alignment best;
    best.rms = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i < starts.size(); ++i) {
        Similarity t = starts[i];
        const double rms = icp(source, src, target, dst, options.coarseIterations, options.tolerance, t);
        if (rms < best.rms) best = Alignment{t, rms, int(i)};
    }
    best.rms = icp(source, sourceSamples, target, targetSamples, options.fineIterations, options.tolerance, best.transform);
    return best;
}

} // namespace psoas::fidelity
