#pragma once
// The centre line of one muscle path sampled at kSamples arc positions, with a
// rotation-minimising frame and a radial scale per sample. MeshDeformer keeps one rest table
// (binding) and one posed table (every pose) per path; a sheet between two paths is the
// blend of their tables.
#include "core/Math.h"

#include <vector>

namespace psoas::solver {

class CentrelineTable {
public:
    static constexpr int kSamples = 128;
    static constexpr int kMaxSmoothing = 48;

    // Per-path constants fixed at binding.
    struct Spec {
        double restLength = 0.0;
        int smoothing = 2;               // half-width (samples) of the box filter, 3 passes
        std::vector<double> beltCum;     // cumulative belly weight per sample, 0 .. W(1)
        std::vector<double> restSegment; // rest centre-line segment lengths (after the rest build)
        std::vector<double> restSegmentInv; // their inverses (0 for a degenerate segment)
        // Where the mesh's cross-section is centred, per sample, in the frame (normal,
        // binormal); empty = on the path. The mesh is scaled about this line and its stretch
        // is measured along it, so an off-centre belly keeps its volume when the path bends.
        std::vector<glm::dvec2> centre;
    };

    CentrelineTable();

    // Samples `poly` at the arc positions of the samples and smooths the result. Posed
    // (`posed`): the tendon keeps its length while the belly takes the change (within the
    // belly stretch limits), so samples slide along the path. End points stay fixed; the
    // filter reflects the line through them, so bends close to an end are smoothed too.
    void sample(const std::vector<DVec3>& poly, const Spec& spec, double length, bool posed);
    // Points of a sheet between two paths: (1 - t) a + t b, sample by sample.
    void blend(const CentrelineTable& a, const CentrelineTable& b, double t);
    // Local stretch and radial scale (rest: 1; posed: 1/sqrt(local stretch) against
    // spec.restSegment, so cross-section area * length is kept) and rotation-minimising
    // frames from normal0.
    void finish(const Spec& spec, const DVec3& normal0, bool posed);
    std::vector<double> segmentLengths() const; // of the centre line, along the path (see alongSegment)

    const std::vector<DVec3>& points() const { return m_point; }
    const std::vector<DVec3>& centres() const { return m_centre; } // the mesh's centre line
    const std::vector<DMat3>& frames() const { return m_frame; } // columns: tangent, normal, binormal
    const std::vector<double>& scales() const { return m_scale; }
    const std::vector<double>& stretches() const { return m_stretch; } // posed / rest arc length, per sample

private:
    double alongSegment(std::size_t j) const; // centre-line segment j projected on the mean tangent

    std::vector<DVec3> m_point;
    std::vector<DVec3> m_centre;
    std::vector<DMat3> m_frame;
    std::vector<double> m_scale;
    std::vector<double> m_stretch;
    std::vector<DVec3> m_sum; // prefix sums for smoothing (reflected ends)
};

// Unit vector perpendicular to t, from the model axis least aligned with it.
DVec3 perpendicularTo(const DVec3& t);

} // namespace psoas::solver
