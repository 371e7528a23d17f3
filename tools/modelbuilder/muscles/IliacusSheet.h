#pragma once
// The iliacus as one fan-shaped sheet: a closed, watertight slab whose mid-surface runs
// through the muscle's paths (medial, middle, lateral; origin on the inner lip of the iliac
// crest and the sacral ala, insertion with the psoas tendon on the lesser trochanter). Each
// cross-section at arc fraction s is a flat loop across the fan, thickest in the middle and
// rounded at the borders; the fan narrows to a flat tendon at the insertion.
//
// uv1 = (middle path, s) on every vertex, s the arc fraction of the nearest point on that
// path: the solver moves the whole sheet with one orthonormal frame per section (the
// middle path's), so it cannot shear apart or fold between paths.
#include "core/BuiltPart.h"
#include "muscles/BoneSurface.h"

#include <glm/glm.hpp>

#include <string>
#include <vector>

namespace psoas::modelbuilder {

struct SheetOptions {
    int rings = 48;    // cross-sections along the fibres
    int segments = 40; // vertices around each cross-section (even)
    // Direction the sheet's front (anterior) surface faces, for the sign of the thickness.
    glm::dvec3 front{0.0, 0.0, 1.0};
    double minHalfWidth = 0.011; // the tendon at the insertion is at least this wide (half)
    // Bones the sheet lies on (iliac fossa, hip front, femur): the sheet is moved forwards
    // (along its normal, smoothly across the fan) until its back is `boneMargin` off them.
    const BoneSurface* bones = nullptr;
    double boneMargin = 0.001;
    double maxLift = 0.003; // more folds the sheet where it wraps the front of the ilium
};

// `lines`: the paths' centre lines from medial to lateral, each resampled to the same count
// by arc length (sample j of every line has the same s). `halfThickness(s)` is the sheet's
// half thickness in its middle.
BuiltPart buildIliacusSheet(const std::string& id, const std::vector<std::vector<glm::dvec3>>& lines,
                            double (*halfThickness)(double), const SheetOptions& options = {});

// Half thickness of the iliacus at s: thin at the crest, fleshy in the fossa, a flat tendon
// at the insertion.
double iliacusHalfThickness(double s);

} // namespace psoas::modelbuilder
