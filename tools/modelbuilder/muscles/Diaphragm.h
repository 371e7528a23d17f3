#pragma once
// The thoracic diaphragm as one closed mesh (model frame, neutral, end of quiet expiration):
// a thin muscular shell whose rim follows its attachments (back of the xiphoid, inner surfaces
// of costal cartilages 7-10, ribs 11-12, lateral and medial arcuate ligaments, median arcuate
// ligament), rising steeply along the chest wall (the zone of apposition) and curving smoothly
// over into two rounded cupolae (the right higher than the left), highest a little in front of
// the middle and falling in a long curve to the deep posterior recess; between and in front of
// them a lower, flatter trefoil central tendon (one anterior and two posterolateral leaflets:
// thinner and paler than the muscle, whose radial fascicles end on it with a slight lip);
// plus the right crus (L1-L3) and left crus (L1-L2) as flat bands, narrow and tendinous on the
// front and sides of the bodies, widening and thinning as they rise into the back of the dome,
// and the median, medial and lateral arcuate ligaments as thin bands along the rim.
// Openings (DiaphragmOpenings.cpp): the caval opening through the tendon right of the midline,
// the oesophageal hiatus through the muscle left of it, ringed by a sling of the right crus,
// and the aortic hiatus, the arch of the median arcuate ligament between the crura.
// Levels (data sheet 4d): central tendon at the xiphisternal junction (about T8), right dome
// about 2.5 cm above it, the left half an interspace (about 1.2 cm) lower.
// uv1 = (region, w): region 0 dome/costal/sternal part, 1 right crus, 2 left crus; w in [0,1]
// is how much the vertex follows the dome (0 at the attachments, 1 at the top).
// COLOR_0 = (tendon colour, weight): weight 1 on tendon and ligaments, 0 on muscle.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"
#include "muscles/DiaphragmOpenings.h"

#include <glm/glm.hpp>

#include <vector>

namespace psoas::modelbuilder {

class Diaphragm {
public:
    explicit Diaphragm(const RigLayout& rig);

    BuiltPart build() const;

    // Attachment rim (model frame), a closed loop starting at the xiphoid and running round
    // the right side to the back, then the left side. It runs just inside the bones it
    // attaches to: the back of the xiphoid, the inner surface of the costal margin (lower
    // border of cartilages 7-10), the inner tips of ribs 11 and 12, then the arcuate
    // ligaments to the side of the L1 body and the median arcuate ligament.
    std::vector<glm::dvec3> rim() const;

    // The openings cut through the dome (T12 frame), placed at the landmarks
    // lm_caval_opening (in the central tendon, right of the midline, about T8) and
    // lm_oesophageal_hiatus (in the muscle left of the midline, about T10). The aortic
    // hiatus (lm_aortic_hiatus, T12) is not a hole: the crura pass in front of the aorta and
    // the median arcuate ligament arches across between them.
    std::vector<DomeOpening> openings() const;

private:
    // Right half of the attachment line (T12 frame, x < 0) and the points the ligaments run
    // between; the left half mirrors it.
    struct RimSide {
        std::vector<glm::dvec3> line;     // back of the xiphoid ... median arcuate ligament
        glm::dvec3 rib12{0.0}, lateralArcuate{0.0}, l1Transverse{0.0}, medialArcuate{0.0}, l1Body{0.0}, medianSide{0.0};
    };
    RimSide rimSide() const;
    glm::dvec3 medianArcuate() const; // T12 frame, on the midline
    std::vector<glm::dvec3> rimLocal() const; // closed loop, T12 frame, evenly spaced
    double domeHeight(double x, double z) const; // T12 frame
    // Signed distance (m, T12 frame x/z) to the trefoil outline of the central tendon.
    double tendonDistance(double x, double z) const;
    BuiltPart ligaments() const;
    // The dome with its openings cut; appends where they were placed to `placed`.
    BuiltPart shell(std::vector<PlacedOpening>& placed) const;
    BuiltPart crus(bool right) const;

    const RigLayout& m_rig;
    VertebraFrame m_t12;
    glm::dvec3 m_caval;  // lm_caval_opening, T12 frame
    glm::dvec3 m_hiatus; // lm_oesophageal_hiatus, T12 frame
};

} // namespace psoas::modelbuilder
