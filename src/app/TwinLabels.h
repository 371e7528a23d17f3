#pragma once
// Bilateral landmarks (ASIS, PSIS, hip centre, trochanters, iliopubic eminence) come in
// twins, `lm_x_l` and `lm_x_r`. Seen from the side, a pair projects onto nearly the same
// pixel: two labels there would stack, and the far one names a point behind the near one
// (a ray can graze past a bone's edge, so the occlusion test does not always hide it). When
// the twins' anchors on screen are closer than `minSpacing`, only the one nearer the camera
// keeps its label. Plain C++ (screen pixels and camera distances in, no Qt).
#include "app/SpineLabels.h"

#include <vector>

namespace psoas::app {

class TwinLabels {
public:
    // The landmark id of a label's twin ("lm_asis_l" <-> "lm_asis_r"); empty if it has none.
    static std::string twinOf(const std::string& landmark);
    // Removes from `labels` the farther (by ScreenLabel::distance) of each pair of twins whose
    // anchors are closer than `minSpacing` pixels. Order of the rest is kept.
    static void dropFarTwins(std::vector<ScreenLabel>& labels, float minSpacing);
};

} // namespace psoas::app
