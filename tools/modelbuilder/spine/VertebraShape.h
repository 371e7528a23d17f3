#pragma once
// Signed-distance sculpture of one vertebra (T7-T12 or a lumbar vertebra) in its own frame:
// origin at the body centre, +y cranial along the body axis, +z anterior, +x to the
// patient's left, metres. The shape has a kidney-shaped body with a waist and a raised
// endplate rim, pedicles, laminae, an open vertebral canal, a hatchet-shaped spinous
// process, transverse processes and superior/inferior articular processes with facets.
#include <glm/glm.hpp>

#include <string>

namespace psoas::modelbuilder {

struct VertebraDimensions {
    std::string id;               // "t12", "l1" ... "l5"
    double bodyWidth = 0.044;     // transverse width of the superior endplate
    double bodyDepth = 0.033;     // anteroposterior depth of the superior endplate
    double anteriorHeight = 0.027;
    double posteriorHeight = 0.027;
    double pedicleWidth = 0.009;
    double pedicleHeight = 0.015;
    double canalWidth = 0.024;    // interpedicular distance
    double canalDepth = 0.017;    // anteroposterior
    double transverseLength = 0.015;   // from the lateral pedicle border to the tip
    double transverseThickness = 0.009; // vertical extent of the process
    double transverseUpturn = 0.0;      // tip rise (m)
    double spinousLength = 0.028;
    double spinousHeight = 0.021;
    double facetAngleDeg = 35.0;  // facet plane angle from the sagittal plane
    bool thoracic = false;        // T7-T12: coronal superior facets, rib facets
    double spinousDropDeg = -1.0; // spinous process angle below the horizontal (< 0: level default)
    double transverseBack = -1.0; // backward sweep of the transverse tip (m; < 0: level default)
    bool costalPits = false;      // T12: pits on the body for the 12th rib heads
};

// Typical adult values for a level, scaled from the data sheet (section 1).
VertebraDimensions defaultVertebraDimensions(const std::string& id);

class VertebraShape {
public:
    explicit VertebraShape(const VertebraDimensions& dims);

    // Signed distance (m) of a point given in the vertebra's local frame.
    double distance(const glm::dvec3& p) const;
    // Distance to the body alone (used to keep muscles off the bone).
    double bodyDistance(const glm::dvec3& p) const;

    // Local bounding box that contains the whole shape.
    glm::dvec3 boundsMin() const;
    glm::dvec3 boundsMax() const;

    const VertebraDimensions& dimensions() const { return m_d; }

    // The lumbar vertebra below (its dimensions, and the map from this vertebra's local frame
    // to its frame: pLower = rot * p + offset). With it, the inferior articular processes are
    // shaped to sit inside the lower vertebra's superior articular processes.
    void setLowerNeighbour(const VertebraDimensions& lower, const glm::dmat3& rot, const glm::dvec3& offset);

    // The lumbar superior articular facet in the transverse plane (local frame, x >= 0 side):
    // an arc of a vertical cylinder, concave towards its centre (posteromedial).
    struct FacetArc {
        glm::dvec2 centre{0.0}; // (x, z) of the cylinder axis
        double radius = 0.0;    // of the articular surface
        double midAngle = 0.0;  // direction (atan2(z, x)) from the centre to the facet's middle
        double halfAngle = 0.0;
    };
    static FacetArc superiorFacetArc(const VertebraDimensions& v);
    // Depth (m) of the shallow concavity in the back of a lumbar body at the midline: the
    // canal's depth is counted from it, so its front is this far in front of -bodyDepth / 2.
    static constexpr double kLumbarNotchDepth = 0.0020;
    // Half height of the body at depth z (wedged: anterior and posterior heights differ).
    double halfHeightAt(double z) const;

private:
    double posteriorElements(const glm::dvec3& p) const;
    double articularProcesses(const glm::dvec3& q) const; // q mirrored to x >= 0
    // Lumbar superior articular process of a vertebra with dimensions v (q mirrored).
    static double lumbarSuperiorProcess(const glm::dvec3& q, const VertebraDimensions& v);
    // Lumbar posterior arch (q mirrored to x >= 0): broad laminae sloping down and back,
    // a hatchet-shaped spinous process with a thick posterior border.
    double lumbarArch(const glm::dvec3& q) const;
    // Lumbar transverse process (q mirrored): root at (xp, yp), tip at x = tipX.
    double lumbarTransverse(const glm::dvec3& q, double xp, double yp, double tipX) const;
    // Lumbar canal (q mirrored): triangular, its base on the body and apex at the laminae.
    double lumbarCanal(const glm::dvec3& q) const;

    VertebraDimensions m_d;
    bool m_hasLower = false;
    VertebraDimensions m_lower;
    glm::dmat3 m_lowerRot{1.0};
    glm::dvec3 m_lowerOffset{0.0};
};

} // namespace psoas::modelbuilder
