#include "solver/StandingSolver.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace psoas::solver {

namespace {

using Residual = std::function<DVec3(const CoordValues&)>;

struct SubResult {
    int iterations = 0;
    double residual = 0.0;
};

// Solves for the three coordinates in `idx` so that residual(v) = 0, within the limits.
SubResult gaussNewton(const CoordinateTable& table, const std::array<int, 3>& idx, const Residual& residual,
                      CoordValues& v)
{
    SubResult out;
    const double tol = table.standingToleranceDeg() * 0.01; // solve well past the reported tolerance
    const double h = 1e-4;
    for (int k : idx) v[k] = std::clamp(v[k], table.info(k).min, table.info(k).max);
    DVec3 e = residual(v);
    for (int it = 0; it < table.standingMaxIterations(); ++it) {
        out.iterations = it;
        if (glm::length(e) < tol) break;
        DMat3 J(0.0);
        for (int c = 0; c < 3; ++c) {
            CoordValues a = v, b = v;
            a[idx[static_cast<std::size_t>(c)]] += h;
            b[idx[static_cast<std::size_t>(c)]] -= h;
            J[c] = (residual(a) - residual(b)) / (2.0 * h);
        }
        // Free coordinates: those not pinned at a limit with the step pushing outwards.
        DMat3 JtJ = glm::transpose(J) * J;
        DVec3 g = glm::transpose(J) * e;
        for (int c = 0; c < 3; ++c) JtJ[c][c] += 1e-9;
        DVec3 step = -(glm::inverse(JtJ) * g);
        CoordValues next = v;
        for (int c = 0; c < 3; ++c) {
            int k = idx[static_cast<std::size_t>(c)];
            next[k] = std::clamp(v[k] + step[c], table.info(k).min, table.info(k).max);
        }
        DVec3 en = residual(next);
        if (glm::length(en) >= glm::length(e) - 1e-12) { // no progress: pinned by limits
            out.iterations = it + 1;
            break;
        }
        v = next;
        e = en;
        out.iterations = it + 1;
    }
    out.residual = glm::length(e);
    return out;
}

std::string limitNote(const CoordinateTable& table, const std::array<int, 3>& idx, const CoordValues& v)
{
    std::string note;
    for (int k : idx) {
        const auto& info = table.info(k);
        double eps = 1e-6;
        if (v[k] <= info.min + eps || v[k] >= info.max - eps) {
            if (!note.empty()) note += ", ";
            note += info.name + " is at its limit " + core::formatNumber(v[k] <= info.min + eps ? info.min : info.max);
        }
    }
    return note.empty() ? std::string("no limit reached") : note;
}

} // namespace

StandingReport StandingSolver::solve(const Skeleton& sk, const CoordinateTable& table, CoordValues& v)
{
    StandingReport report;
    const DMat3 rp = sk.pelvisRotation(v);
    // Small-angle start.
    v[HipFlexionL] = v[HipFlexionR] = v[PelvisTilt];
    v[HipAdductionL] = v[PelvisObliquity];
    v[HipAdductionR] = -v[PelvisObliquity];
    v[HipRotationL] = v[PelvisRotation];
    v[HipRotationR] = -v[PelvisRotation];
    v[LumbarFlexion] = -v[PelvisTilt];
    v[LumbarBending] = v[PelvisObliquity];
    v[LumbarRotation] = -v[PelvisRotation];

    struct Problem {
        const char* what;
        std::array<int, 3> idx;
        Residual f;
    };
    const Problem problems[3] = {
        {"the left femur cannot keep its orientation (foot planted)", {{HipFlexionL, HipAdductionL, HipRotationL}},
         [&](const CoordValues& x) { return rotationVectorDeg(rp * sk.hipRotation(0, x)); }},
        {"the right femur cannot keep its orientation (foot planted)", {{HipFlexionR, HipAdductionR, HipRotationR}},
         [&](const CoordValues& x) { return rotationVectorDeg(rp * sk.hipRotation(1, x)); }},
        {"T12 cannot stay upright (trunk)", {{LumbarFlexion, LumbarBending, LumbarRotation}},
         [&](const CoordValues& x) { return rotationVectorDeg(rp * sk.lumbarRotation(x)); }},
    };
    for (const auto& p : problems) {
        SubResult r = gaussNewton(table, p.idx, p.f, v);
        report.iterations = std::max(report.iterations, r.iterations);
        report.residualDeg = std::max(report.residualDeg, r.residual);
        if (r.residual > table.standingToleranceDeg()) {
            report.met = false;
            if (!report.message.empty()) report.message += "; ";
            report.message += std::string("standing: ") + p.what + " (off by " + core::formatNumber(r.residual) +
                              " deg: " + limitNote(table, p.idx, v) + ")";
        }
    }
    return report;
}

} // namespace psoas::solver
