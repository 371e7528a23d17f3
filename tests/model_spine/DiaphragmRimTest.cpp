// MODEL-B diaphragm attachments (issue #3 review): the dome sits inside the cage, its rim runs
// just inside the costal margin from the xiphoid (highest, in front) down and out along the
// costal arch, and the crura on the lumbar bodies are its lowest parts (behind).
#include "MeshChecks.h"

#include "muscles/Diaphragm.h"
#include "spine/Spine.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

double distanceToPolyline(const glm::dvec3& p, const std::vector<glm::dvec3>& line)
{
    double best = std::numeric_limits<double>::max();
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const glm::dvec3 ab = line[i + 1] - line[i];
        const double t = std::clamp(glm::dot(p - line[i], ab) / std::max(glm::dot(ab, ab), 1e-18), 0.0, 1.0);
        best = std::min(best, glm::length(p - (line[i] + ab * t)));
    }
    return best;
}

ThoracicCage cage() { return ThoracicCage(rig(), VertebraShape(vertebraDimensionsFrom(rig(), "t12"))); }

} // namespace

TEST_CASE("Diaphragm rim runs just inside the costal margin from the xiphoid down the costal arch", "[model_muscles]")
{
    const ThoracicCage c = cage();
    const VertebraFrame& t12 = rig().frame("t12");
    const std::vector<glm::dvec3> rim = Diaphragm(rig()).rim();
    REQUIRE(rim.size() > 50);
    // The first point is the back of the xiphoid: the highest point of the whole rim.
    double highest = -1e9;
    for (const glm::dvec3& p : rim)
        highest = std::max(highest, p.y);
    CHECK(rim.front().y == Approx(highest).margin(0.004));
    CHECK(std::abs(rim.front().x) < 1e-6);
    for (const bool left : {false, true}) {
        INFO((left ? "left" : "right") << " side");
        std::vector<std::vector<glm::dvec3>> cartilages;
        for (int n = 7; n <= 10; ++n)
            cartilages.push_back(c.cartilageCurve(n, left));
        // Anterior rim points lateral to the xiphoid (the costal part).
        int costal = 0;
        double previousY = 1e9;
        double worst = 0.0, deepest = 1e9;
        glm::dvec3 worstAt(0.0);
        const std::size_t half = rim.size() / 2;
        for (std::size_t k = 1; k < half; ++k) {
            const glm::dvec3 p = rim[left ? rim.size() - k : k];
            const glm::dvec3 q = t12.toLocal(p);
            if (std::abs(q.x) < 0.03 || q.z < 0.075)
                continue;
            ++costal;
            double d = 1e9;
            for (const auto& line : cartilages)
                d = std::min(d, distanceToPolyline(p, line));
            // Centre-line distance minus the cartilage's half thickness: the gap to its surface.
            const double gap = d - ThoracicCage::cartilageHalfThickness();
            if (gap > worst)
                worstAt = t12.toLocal(p);
            worst = std::max(worst, gap);
            deepest = std::min(deepest, gap);
            // Down and out along the arch: never rising again on the way to the tenth cartilage.
            CHECK(p.y <= previousY + 0.0015);
            previousY = std::min(previousY, p.y);
        }
        INFO("costal rim points " << costal << ", gap to cartilage (mm) " << deepest * 1000.0 << " .. " << worst * 1000.0 << " (largest at " << worstAt.x << ", " << worstAt.y << ", " << worstAt.z << ")");
        CHECK(costal >= 20);
        // Attached: the mid-surface within 3.5 mm of the cartilage surface, so the muscle's
        // face (about 1 mm nearer) is within 3 mm of the bone.
        CHECK(worst < 0.0035);
        CHECK(deepest > 0.0);    // and never inside it
        CHECK(previousY < rim.front().y - 0.08); // the arch falls about 10 cm from the xiphoid
    }
}

TEST_CASE("Diaphragm crura are its lowest parts and the dome stays inside the ribs", "[model_muscles]")
{
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    const std::vector<glm::dvec3> rim = Diaphragm(rig()).rim();
    double rimLowest = 1e9, crusLowest = 1e9;
    for (const glm::dvec3& p : rim)
        rimLowest = std::min(rimLowest, p.y);
    for (std::size_t i = 0; i < d.positions.size(); ++i)
        if (d.uv1[i].x > 0.5f)
            crusLowest = std::min(crusLowest, double(d.positions[i].y));
    INFO("rim lowest " << rimLowest << " crura lowest " << crusLowest);
    CHECK(crusLowest < rimLowest - 0.02);
    // Right crus to L3: its lowest point is below the L2 body.
    CHECK(crusLowest < rig().frame("l2").center.y);

    // No dome vertex inside a rib or a costal cartilage (the shell passes inside the cage).
    const ThoracicCage c = cage();
    std::vector<std::pair<std::vector<glm::dvec3>, double>> bones;
    for (const bool left : {false, true}) {
        for (int n = 7; n <= 12; ++n)
            bones.push_back({c.ribCurve(n, left), 0.0035});
        for (int n = 7; n <= 10; ++n)
            bones.push_back({c.cartilageCurve(n, left), 0.8 * ThoracicCage::cartilageHalfThickness()});
    }
    int insideBone = 0;
    std::string where;
    for (std::size_t i = 0; i < d.positions.size(); i += 2) {
        if (d.uv1[i].x != 0.0f)
            continue;
        const glm::dvec3 p(d.positions[i]);
        for (const auto& [line, r] : bones)
            if (distanceToPolyline(p, line) < r) {
                if (++insideBone <= 4) {
                    const glm::dvec3 q = rig().frame("t12").toLocal(p);
                    where += " (" + std::to_string(q.x) + ", " + std::to_string(q.y) + ", " + std::to_string(q.z) + ")";
                }
                break;
            }
    }
    INFO("dome vertices inside bone, T12 frame (m):" << where);
    CHECK(insideBone == 0);
}

TEST_CASE("Diaphragm attachment landmarks sit on its rim, so the highlighted areas match the muscle", "[model_muscles]")
{
    const std::vector<glm::dvec3> rim = Diaphragm(rig()).rim();
    std::vector<glm::dvec3> loop = rim;
    loop.push_back(rim.front());
    for (const char* name : {"diaphragm.origin.xiphoid", "diaphragm.origin.costal_r", "diaphragm.origin.costal_l",
                             "diaphragm.origin.rib_12_r", "diaphragm.origin.rib_12_l", "diaphragm.origin.lateral_arcuate_r",
                             "diaphragm.origin.lateral_arcuate_l", "diaphragm.origin.medial_arcuate_r",
                             "diaphragm.origin.medial_arcuate_l"}) {
        REQUIRE(rig().hasLandmark(name));
        const glm::dvec3 p = rig().landmark(name);
        const double d = distanceToPolyline(p, loop);
        glm::dvec3 nearest = rim.front();
        for (const glm::dvec3& r : rim)
            if (glm::length(r - p) < glm::length(nearest - p)) nearest = r;
        const glm::dvec3 q = rig().frame("t12").toLocal(nearest) * 1000.0;
        INFO(name << ": " << d * 1000.0 << " mm from the rim (nearest rim point in the T12 frame, mm: " << q.x << ", "
                  << q.y << ", " << q.z << ")");
        CHECK(d < 0.008);
    }
}
