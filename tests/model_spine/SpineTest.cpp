// MODEL-B spine parts: vertebrae T12-L5 sized as the data sheet gives, closed and open-canal;
// discs bound to their endplates; the lower thoracic cage present and rigged to T12.
#include "MeshChecks.h"

#include "spine/Spine.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

namespace {

const char* kLevels[] = {"t12", "l1", "l2", "l3", "l4", "l5"};

struct BodyExtent {
    double width = 0.0;    // transverse extent of the body near its endplates
    double anterior = 0.0; // most anterior point (local z)
};

BodyExtent measureBody(const BuiltPart& part, const VertebraFrame& frame, const VertebraDimensions& d)
{
    BodyExtent e;
    for (const glm::vec3& pw : part.positions) {
        const glm::dvec3 p = frame.toLocal(glm::dvec3(pw));
        const double hh = 0.5 * std::min(d.anteriorHeight, d.posteriorHeight);
        // Near the upper endplate, in front of the canal.
        if (p.y > 0.55 * hh && p.y < hh && p.z > -0.25 * d.bodyDepth)
            e.width = std::max(e.width, 2.0 * std::abs(p.x));
        if (std::abs(p.y) < 0.5 * hh && std::abs(p.x) < 0.004)
            e.anterior = std::max(e.anterior, p.z);
    }
    return e;
}

} // namespace

TEST_CASE("Every vertebra, disc and thoracic cage part is built with the shared ids", "[model_spine]")
{
    const auto& parts = spineParts();
    for (const char* id : kLevels)
        CHECK(findPart(parts, id) != nullptr);
    for (const char* id : {"disc_t12_l1", "disc_l1_l2", "disc_l2_l3", "disc_l3_l4", "disc_l4_l5", "disc_l5_s1"})
        CHECK(findPart(parts, id) != nullptr);
    for (const char* side : {"_l", "_r"}) {
        for (int n = 7; n <= 12; ++n)
            CHECK(findPart(parts, "rib_" + std::to_string(n) + side) != nullptr);
        CHECK(findPart(parts, std::string("costal_cartilage") + side) != nullptr);
    }
    CHECK(findPart(parts, "sternum") != nullptr);
}

TEST_CASE("Bones hang from their rig joints and discs sit at the scene root", "[model_spine]")
{
    const auto& parts = spineParts();
    CHECK(findPart(parts, "l3")->parentJoint == "j_l3_l4");
    CHECK(findPart(parts, "t12")->parentJoint == "j_t12_l1");
    CHECK(findPart(parts, "rib_12_l")->parentJoint == "j_t12_l1");
    CHECK(findPart(parts, "rib_7_r")->parentJoint == "j_t12_l1");
    CHECK(findPart(parts, "sternum")->parentJoint == "j_t12_l1");
    CHECK(findPart(parts, "disc_l4_l5")->parentJoint.empty());
}

TEST_CASE("Vertebral bodies have the data sheet's widths and grow from T12 to L5", "[model_spine]")
{
    const auto& parts = spineParts();
    double previous = 0.0;
    for (const char* id : kLevels) {
        INFO("vertebra " << id);
        const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
        const BodyExtent e = measureBody(*findPart(parts, id), rig().frame(id), d);
        CHECK(e.width == Approx(d.bodyWidth).margin(0.004));
        CHECK(e.anterior == Approx(0.5 * d.bodyDepth).margin(0.004));
        // Growth is checked on the sheet's dimensions; the meshed width (checked above within
        // 4 mm of them) carries a millimetre or two of meshing noise between levels.
        CHECK(d.bodyWidth >= previous - 1e-9);
        CHECK(e.width >= 0.9 * previous);
        previous = d.bodyWidth;
    }
    // Sheet values (table 1a): T12 about 40 mm wide, L5 about 48 mm.
    CHECK(vertebraDimensionsFrom(rig(), "t12").bodyWidth == Approx(0.040).margin(0.002));
    CHECK(vertebraDimensionsFrom(rig(), "l5").bodyWidth == Approx(0.048).margin(0.002));
    CHECK(vertebraDimensionsFrom(rig(), "l5").anteriorHeight > vertebraDimensionsFrom(rig(), "l5").posteriorHeight);
}

TEST_CASE("Vertebrae are closed, outward-facing meshes with an open canal", "[model_spine]")
{
    const auto& parts = spineParts();
    for (const char* id : kLevels) {
        INFO("vertebra " << id);
        const BuiltPart& v = *findPart(parts, id);
        CHECK(isClosedManifold(v));
        CHECK(signedVolume(v) > 0.0);
        CHECK(v.normals.size() == v.positions.size());
        CHECK(v.uv1.empty());
        // No surface inside the canal: nothing within 5 mm of its axis at body height.
        const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
        const VertebraFrame& f = rig().frame(id);
        // (A lumbar canal's depth is counted from the shallow concavity in the back of the body.)
        const double canalFront = -0.5 * d.bodyDepth + (d.thoracic ? 0.0 : VertebraShape::kLumbarNotchDepth);
        const glm::dvec3 canal(0.0, 0.0, canalFront - 0.5 * d.canalDepth);
        int inside = 0;
        for (const glm::vec3& pw : v.positions) {
            const glm::dvec3 p = f.toLocal(glm::dvec3(pw));
            if (std::abs(p.y) < 0.3 * d.posteriorHeight && glm::length(glm::dvec2(p.x - canal.x, p.z - canal.z)) < 0.005)
                ++inside;
        }
        CHECK(inside == 0);
        // Processes reach out: transverse processes beyond the body, spinous process behind the canal.
        glm::dvec3 mn(1e9), mx(-1e9);
        for (const glm::vec3& pw : v.positions) {
            mn = glm::min(mn, f.toLocal(glm::dvec3(pw)));
            mx = glm::max(mx, f.toLocal(glm::dvec3(pw)));
        }
        CHECK(mx.x - mn.x > d.bodyWidth + 0.010);
        CHECK(mn.z < -0.5 * d.bodyDepth - d.canalDepth - 0.6 * d.spinousLength);
    }
}

TEST_CASE("L3 has the longest transverse processes and L5 the thickest", "[model_spine]")
{
    double longest = 0.0;
    std::string which;
    for (const char* id : kLevels) {
        const VertebraDimensions d = vertebraDimensionsFrom(rig(), id);
        if (d.transverseLength > longest) {
            longest = d.transverseLength;
            which = id;
        }
    }
    CHECK(which == "l3");
    CHECK(defaultVertebraDimensions("l5").transverseThickness > 1.5 * defaultVertebraDimensions("l4").transverseThickness);
}

TEST_CASE("Discs are closed, carry uv1 = (0, t) and fill the gap between endplates", "[model_spine]")
{
    const auto& parts = spineParts();
    for (const DiscDims& dd : rig().discs) {
        INFO("disc " << dd.id);
        const BuiltPart* disc = findPart(parts, dd.id);
        REQUIRE(disc != nullptr);
        CHECK(isClosedManifold(*disc));
        CHECK(signedVolume(*disc) > 0.0);
        REQUIRE(disc->uv1.size() == disc->positions.size());
        const VertebraFrame& upper = rig().frame(dd.upper);
        const VertebraFrame& lower = rig().frame(dd.lower);
        for (std::size_t i = 0; i < disc->positions.size(); ++i) {
            const glm::vec2 uv = disc->uv1[i];
            REQUIRE(uv.x == 0.0f);
            REQUIRE(uv.y >= 0.0f);
            REQUIRE(uv.y <= 1.0f);
            // t = 0 lies on the lower endplate, t = 1 on the upper one.
            const glm::dvec3 p(disc->positions[i]);
            if (uv.y == 0.0f)
                CHECK(glm::length(p - lower.superiorEndplate) < glm::length(p - upper.inferiorEndplate));
            if (uv.y == 1.0f)
                CHECK(glm::length(p - upper.inferiorEndplate) < glm::length(p - lower.superiorEndplate));
        }
    }
}

TEST_CASE("Ribs run from the spine round to the front and descend", "[model_spine]")
{
    const auto& parts = spineParts();
    for (const char* side : {"_l", "_r"}) {
        for (int n = 7; n <= 12; ++n) {
            const std::string id = "rib_" + std::to_string(n) + side;
            INFO(id);
            const BuiltPart& rib = *findPart(parts, id);
            CHECK(isClosedManifold(rib));
            CHECK(signedVolume(rib) > 0.0);
            glm::dvec3 mn(1e9), mx(-1e9);
            for (const glm::vec3& p : rib.positions) {
                mn = glm::min(mn, glm::dvec3(p));
                mx = glm::max(mx, glm::dvec3(p));
            }
            const bool left = std::string(side) == "_l";
            // On its own side of the body, wide, and (ribs 7-10) reaching round to the front.
            CHECK((left ? mn.x > -0.01 : mx.x < 0.01));
            CHECK(mx.x - mn.x > 0.08);
            if (n <= 10)
                CHECK(mx.z - rig().frame("t12").center.z > 0.07);
        }
    }
}
