#include "solver/CentrelineTable.h"

#include <algorithm>
#include <cmath>
#if defined(__SSE__)
#include <xmmintrin.h>
#endif

namespace psoas::solver {

namespace {

constexpr double kMinBelly = 0.45, kMaxBelly = 1.8; // belly stretch range before tendons give
constexpr std::size_t K = CentrelineTable::kSamples;

// 1 / sqrt(x) for x > 0: the SSE estimate refined by two Newton steps (relative error about
// 1e-12), much cheaper than a square root and a division in double.
inline double invSqrt(double x)
{
#if defined(__SSE__)
    double y = static_cast<double>(_mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(static_cast<float>(x)))));
    y = y * (1.5 - 0.5 * x * y * y);
    return y * (1.5 - 0.5 * x * y * y);
#else
    return 1.0 / std::sqrt(x);
#endif
}

} // namespace

DVec3 perpendicularTo(const DVec3& t)
{
    DVec3 a = glm::abs(t);
    DVec3 axis = a.x <= a.y && a.x <= a.z ? DVec3(1, 0, 0) : (a.y <= a.z ? DVec3(0, 1, 0) : DVec3(0, 0, 1));
    return glm::normalize(axis - glm::dot(axis, t) * t);
}

CentrelineTable::CentrelineTable() : m_point(K), m_centre(K), m_frame(K), m_scale(K, 1.0), m_stretch(K, 1.0) {}

void CentrelineTable::sample(const std::vector<DVec3>& poly, const Spec& spec, double length, bool posed)
{
    double polyLength = 0.0;
    for (std::size_t i = 1; i < poly.size(); ++i) polyLength += glm::length(poly[i] - poly[i - 1]);
    const double L0 = spec.restLength, L = posed ? length : L0;
    const double W1 = spec.beltCum.back();
    const double Lb0 = L0 * W1, Lt0 = L0 - Lb0;
    double lb = 1.0, lt = 1.0;
    if (posed) {
        lb = (L - Lt0) / Lb0;
        if ((lb < kMinBelly || lb > kMaxBelly) && Lt0 > 1e-9) {
            lb = std::clamp(lb, kMinBelly, kMaxBelly);
            lt = std::max(0.05, (L - lb * Lb0) / Lt0);
        } else if (Lt0 <= 1e-9) {
            lb = L / L0;
        }
        lb = std::max(lb, 0.05);
    }
    std::size_t seg = 1;
    double segStart = 0.0;
    double segLen = poly.size() > 1 ? glm::length(poly[1] - poly[0]) : 0.0;
    const double scale = L > 0 ? L0 / L : 0.0, step = 1.0 / static_cast<double>(K - 1);
    double invLen = segLen > 1e-12 ? 1.0 / segLen : 0.0;
    for (std::size_t j = 0; j < K; ++j) {
        double s = static_cast<double>(j) * step;
        double g = L > 0 ? scale * (lt * s + (lb - lt) * spec.beltCum[j]) : s;
        double u = std::clamp(g, 0.0, 1.0) * polyLength;
        if (seg + 1 < poly.size() && segStart + segLen < u) {
            do {
                segStart += segLen;
                ++seg;
                segLen = glm::length(poly[seg] - poly[seg - 1]);
            } while (seg + 1 < poly.size() && segStart + segLen < u);
            invLen = segLen > 1e-12 ? 1.0 / segLen : 0.0;
        }
        double f = std::clamp((u - segStart) * invLen, 0.0, 1.0);
        m_point[j] = poly[seg - 1] + (poly[seg] - poly[seg - 1]) * f;
    }
    // Three box-filter passes over the line extended by point reflection through its ends
    // (p(-i) = 2 p(0) - p(i)): the end points stay exactly where they are, straight lines stay
    // straight, and the window keeps its full width up to the ends.
    const int h = std::clamp(spec.smoothing, 0, kMaxSmoothing);
    if (h == 0) return;
    const int n = static_cast<int>(K);
    m_sum.resize(K + 2 * static_cast<std::size_t>(h) + 1);
    auto ext = [&](int i) {
        if (i < 0) return 2.0 * m_point[0] - m_point[static_cast<std::size_t>(-i)];
        if (i >= n) return 2.0 * m_point[K - 1] - m_point[static_cast<std::size_t>(2 * (n - 1) - i)];
        return m_point[static_cast<std::size_t>(i)];
    };
    const double inv = 1.0 / (2 * h + 1);
    for (int pass = 0; pass < 3; ++pass) {
        m_sum[0] = DVec3(0.0);
        for (int i = -h; i < n + h; ++i)
            m_sum[static_cast<std::size_t>(i + h + 1)] = m_sum[static_cast<std::size_t>(i + h)] + ext(i);
        for (int j = 1; j + 1 < n; ++j)
            m_point[static_cast<std::size_t>(j)] =
                (m_sum[static_cast<std::size_t>(j + 2 * h + 1)] - m_sum[static_cast<std::size_t>(j)]) * inv;
    }
}

void CentrelineTable::blend(const CentrelineTable& a, const CentrelineTable& b, double t)
{
    for (std::size_t j = 0; j < K; ++j) m_point[j] = a.m_point[j] * (1.0 - t) + b.m_point[j] * t;
}

double CentrelineTable::alongSegment(std::size_t j) const
{
    // Along the path only: where the mesh's centre drifts sideways (a fan whose centroid
    // swings across as it widens or narrows), that drift is not stretched with the path, and
    // counting it would make the scale keep less than the volume. (A segment that runs
    // backwards, which only a folded centre line has, falls back to its length.)
    const DVec3 d = m_centre[j + 1] - m_centre[j];
    const DVec3 t = m_frame[j][0] + m_frame[j + 1][0];
    const double tl2 = glm::dot(t, t);
    const double along = tl2 > 1e-24 ? glm::dot(d, t) * invSqrt(tl2) : 0.0;
    return along > 0.0 ? along : glm::length(d);
}

std::vector<double> CentrelineTable::segmentLengths() const
{
    std::vector<double> seg(K, 0.0);
    for (std::size_t j = 0; j + 1 < K; ++j) seg[j] = alongSegment(j);
    return seg;
}

void CentrelineTable::finish(const Spec& spec, const DVec3& normal0, bool posed)
{
    // Rotation-minimising frames by projection: the carried normal u is projected off each
    // new tangent. Only the projection is on the sample-to-sample chain; u is renormalised
    // off the chain (its length shrinks by the cosine of each small turn), so the square roots
    // and divisions of neighbouring samples can overlap.
    DVec3 prevT(0, -1, 0), u = normal0;
    for (std::size_t j = 0; j < K; ++j) {
        std::size_t a = j > 0 ? j - 1 : 0, b = std::min(j + 1, K - 1);
        DVec3 t = m_point[b] - m_point[a];
        double tl2 = glm::dot(t, t);
        t = tl2 > 1e-24 ? t * invSqrt(tl2) : prevT;
        u -= glm::dot(u, t) * t;
        double ul2 = glm::dot(u, u);
        if (!(ul2 > 0.25)) { // nearly parallel to the tangent, or shrunk: restart it
            u = ul2 > 1e-18 ? u * (1.0 / std::sqrt(ul2)) : perpendicularTo(t);
            ul2 = 1.0;
        }
        DVec3 nn = u * invSqrt(ul2);
        m_frame[j] = DMat3(t, nn, glm::cross(t, nn));
        prevT = t;
    }
    if (spec.centre.empty()) {
        m_centre = m_point;
    } else {
        for (std::size_t j = 0; j < K; ++j)
            m_centre[j] = m_point[j] + m_frame[j][1] * spec.centre[j].x + m_frame[j][2] * spec.centre[j].y;
    }
    if (!posed) {
        std::fill(m_scale.begin(), m_scale.end(), 1.0);
        std::fill(m_stretch.begin(), m_stretch.end(), 1.0);
        return;
    }
    // Stretch per sample: the mean of the ratios of its two neighbouring segments.
    double prevRatio = 1.0;
    for (std::size_t j = 0; j < K; ++j) {
        double ratio = prevRatio;
        if (j + 1 < K) {
            const bool haveInv = spec.restSegmentInv.size() == K;
            double inv = haveInv ? spec.restSegmentInv[j] : (spec.restSegment[j] > 1e-12 ? 1.0 / spec.restSegment[j] : 0.0);
            ratio = inv > 0.0 ? alongSegment(j) * inv : 1.0;
        }
        double stretch = j == 0 ? ratio : (j + 1 < K ? 0.5 * (ratio + prevRatio) : prevRatio);
        prevRatio = ratio;
        m_stretch[j] = std::clamp(stretch, 0.05, 20.0);
        m_scale[j] = invSqrt(m_stretch[j]);
    }
}

} // namespace psoas::solver
