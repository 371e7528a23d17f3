// MODEL-B: the simplified lower sternum ends upwards in a rounded border, not in a flat cut
// (issue #3, bones: the top looked sawn off in the anterior and oblique views).
#include "MeshChecks.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

TEST_CASE("The sternal body narrows into a rounded upper end", "[model_spine]")
{
    const BuiltPart& st = *findPart(spineParts(), "sternum");
    const VertebraFrame& t12 = rig().frame("t12");
    double top = -1e9;
    for (const glm::vec3& pw : st.positions)
        top = std::max(top, t12.toLocal(glm::dvec3(pw)).y);
    // Width of the bone in a 2 mm band at `below` metres under the top.
    auto widthAt = [&](double below) {
        double w = 0.0;
        for (const glm::vec3& pw : st.positions) {
            const glm::dvec3 p = t12.toLocal(glm::dvec3(pw));
            if (std::abs(p.y - (top - below)) < 0.001)
                w = std::max(w, 2.0 * std::abs(p.x));
        }
        return w;
    };
    const double body = widthAt(0.030), nearTop = widthAt(0.002), upper = widthAt(0.008);
    INFO("width (mm) 30 mm below the top " << body * 1000.0 << ", 8 mm below " << upper * 1000.0 << ", 2 mm below "
                                           << nearTop * 1000.0);
    CHECK(body > 0.024);
    // A flat cut with 3 mm rounded corners would keep about 90% of the width 2 mm under the
    // top; a rounded end is much narrower there and still narrowing 8 mm down.
    CHECK(nearTop < 0.5 * body);
    CHECK(upper < 0.9 * body);
    CHECK(upper > nearTop);
}
