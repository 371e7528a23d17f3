// MODEL-B diaphragm: a trefoil central tendon that is marked (COLOR_0), thinner than the
// muscle and placed at the levels the data sheet gives (4d): tendon at the xiphisternal
// junction, right dome higher than the left by about half an interspace.
#include "MeshChecks.h"

#include "muscles/BoneClearance.h"
#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace psoas::modelbuilder;
using namespace psoas::modelbuilder::test;

TEST_CASE("Diaphragm has a pale trefoil central tendon at the xiphisternal level", "[model_muscles]")
{
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    REQUIRE(d.colors.size() == d.positions.size());
    const VertebraFrame& t12 = rig().frame("t12");
    const ThoracicCage cage(rig(), VertebraShape(defaultVertebraDimensions("t12")));
    const double junctionY = cage.xiphisternalJunction().y;
    int anterior = 0, right = 0, left = 0, tendonDome = 0, muscleDome = 0;
    double tendonY = 0.0, rightTop = -1e9, leftTop = -1e9;
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        const glm::vec2 uv = d.uv1[i];
        if (uv.x != 0.0f || uv.y < 0.5f)
            continue; // the dome only (crura and ligaments are pale too)
        const glm::dvec3 p = t12.toLocal(glm::dvec3(d.positions[i]));
        const bool tendon = d.colors[i].a > 0.5f;
        if (tendon) {
            ++tendonDome;
            tendonY += d.positions[i].y;
            if (std::abs(p.x) < 0.012 && p.z > 0.085)
                ++anterior;
            if (p.x < -0.035)
                ++right;
            if (p.x > 0.035)
                ++left;
        } else {
            ++muscleDome;
        }
        if (p.x < -0.03)
            rightTop = std::max(rightTop, double(d.positions[i].y));
        if (p.x > 0.03)
            leftTop = std::max(leftTop, double(d.positions[i].y));
    }
    // Three leaflets: anterior, right and left.
    CHECK(anterior > 10);
    CHECK(right > 10);
    CHECK(left > 10);
    CHECK(muscleDome > 100); // the muscular part surrounds the tendon
    // Tendon about at the xiphisternal junction; right dome 6-20 mm above the left.
    REQUIRE(tendonDome > 0);
    CHECK(std::abs(tendonY / tendonDome - junctionY) < 0.015);
    CHECK(rightTop - leftTop > 0.006);
    CHECK(rightTop - leftTop < 0.020);
    CHECK(rightTop > junctionY + 0.012);
}

TEST_CASE("Diaphragm tendon is thinner than its muscular part", "[model_muscles]")
{
    // Upper and lower surfaces are stored as matching grids; compare the gap at tendon and
    // muscle vertices of the dome through the nearest vertex on the other surface.
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    REQUIRE(d.colors.size() == d.positions.size());
    int tendonN = 0, muscleN = 0;
    double tendonSum = 0.0, muscleSum = 0.0;
    for (std::size_t i = 0; i < d.positions.size(); i += 7) {
        if (d.uv1[i].x != 0.0f || d.uv1[i].y < 0.6f)
            continue;
        double best = 1e9;
        for (std::size_t j = 0; j < d.positions.size(); ++j) {
            if (j == i || d.uv1[j].x != 0.0f)
                continue;
            const glm::vec3 e = d.positions[j] - d.positions[i];
            // the opposite surface: along the normal, not beside it
            if (std::abs(glm::dot(glm::normalize(e), d.normals[i])) < 0.8f)
                continue;
            best = std::min(best, double(glm::length(e)));
        }
        if (best > 0.02)
            continue;
        if (d.colors[i].a > 0.9f) {
            tendonSum += best;
            ++tendonN;
        } else if (d.colors[i].a < 0.1f) {
            muscleSum += best;
            ++muscleN;
        }
    }
    REQUIRE(tendonN > 5);
    REQUIRE(muscleN > 5);
    CHECK(tendonSum / tendonN < 0.7 * (muscleSum / muscleN));
}


TEST_CASE("Diaphragm seen from the side is one smooth dome, highest a little in front of the middle", "[model_muscles]")
{
    // Side silhouette: the highest point of the dome (crura excluded) in 10 mm slices from back
    // to front (model frame). Near the top it must be a smooth curve: no flat top ending in a
    // corner, the slope changing a little from slice to slice.
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    double zMin = 1e9, zMax = -1e9;
    for (std::size_t i = 0; i < d.positions.size(); ++i)
        if (d.uv1[i].x == 0.0f) {
            zMin = std::min(zMin, double(d.positions[i].z));
            zMax = std::max(zMax, double(d.positions[i].z));
        }
    const double step = 0.010;
    const int bins = int((zMax - zMin) / step) + 1;
    std::vector<double> top(std::size_t(bins), -1e9);
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        if (d.uv1[i].x != 0.0f)
            continue;
        const int b = std::min(bins - 1, int((d.positions[i].z - zMin) / step));
        top[std::size_t(b)] = std::max(top[std::size_t(b)], double(d.positions[i].y));
    }
    const int apex = int(std::max_element(top.begin(), top.end()) - top.begin());
    const double apexZ = zMin + (apex + 0.5) * step;
    INFO("apex " << (apexZ - zMin) * 1000.0 << " mm in front of the back of the dome, which is "
                 << (zMax - zMin) * 1000.0 << " mm deep");
    // Highest a little in front of the middle (not over the back).
    CHECK(apexZ > 0.5 * (zMin + zMax) - 0.005);
    CHECK(apexZ < zMin + 0.75 * (zMax - zMin));
    // A dome, not a flat top: 5 cm behind the apex it has come well down (towards the deep
    // posterior recess), 5 cm in front of it a little (towards the xiphoid).
    REQUIRE(apex - 5 >= 0);
    REQUIRE(apex + 5 < bins);
    CHECK(top[std::size_t(apex)] - top[std::size_t(apex - 5)] > 0.030);
    CHECK(top[std::size_t(apex)] - top[std::size_t(apex + 5)] > 0.012);
    // No corner: within 5 cm of the apex the slope changes by less than 1.5 mm per mm squared
    // across neighbouring slices (i.e. less than 15 mm between two 10 mm slices).
    double worst = 0.0;
    for (int b = apex - 4; b <= apex + 4; ++b) {
        const double second = top[std::size_t(b + 1)] - 2.0 * top[std::size_t(b)] + top[std::size_t(b - 1)];
        worst = std::max(worst, std::abs(second));
    }
    std::string profile;
    for (int b = apex - 5; b <= apex + 5; ++b)
        profile += " " + std::to_string(int(std::lround(top[std::size_t(b)] * 1000.0)));
    INFO("largest slope change near the apex (mm) " << worst * 1000.0 << "; heights (mm) back to front:" << profile);
    CHECK(worst < 0.015);
}

TEST_CASE("Diaphragm right cupola is half an interspace (8-16 mm) above the left", "[model_muscles]")
{
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    double rightTop = -1e9, leftTop = -1e9;
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        if (d.uv1[i].x != 0.0f)
            continue;
        const glm::vec3 p = d.positions[i];
        if (p.x < -0.03f)
            rightTop = std::max(rightTop, double(p.y));
        if (p.x > 0.03f)
            leftTop = std::max(leftTop, double(p.y));
    }
    INFO("right minus left (mm) " << (rightTop - leftTop) * 1000.0);
    CHECK(rightTop - leftTop > 0.008);
    CHECK(rightTop - leftTop < 0.016);
}

TEST_CASE("Diaphragm crura are flat bands: narrow tendons on the vertebrae, wide thin muscle above", "[model_muscles]")
{
    // Cross-sections: the crus vertices of one ring share their uv1.y (0 at the lowest
    // attachment, rising along the crus).
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    const BoneClearance bones(rig());
    for (const float region : {1.0f, 2.0f}) {
        INFO((region == 1.0f ? "right" : "left") << " crus");
        std::map<float, std::vector<glm::dvec3>> rings;
        int insideBone = 0;
        for (std::size_t i = 0; i < d.positions.size(); ++i) {
            if (d.uv1[i].x != region)
                continue;
            rings[d.uv1[i].y].push_back(glm::dvec3(d.positions[i]));
            if (bones.vertebraDistance(glm::dvec3(d.positions[i])) < -0.0005 && ++insideBone <= 3) {
                const glm::dvec3 q = rig().frame("t12").toLocal(glm::dvec3(d.positions[i])) * 1000.0;
                UNSCOPED_INFO("inside a vertebra at s " << d.uv1[i].y << ", T12 frame (mm) " << q.x << ", " << q.y << ", "
                                                        << q.z);
            }
        }
        // They lie on the front and sides of the vertebral bodies, not inside them.
        CHECK(insideBone == 0);
        std::vector<std::pair<double, double>> sections; // (width, thickness), bottom to top
        for (const auto& [s, ring] : rings) {
            if (ring.size() < 8)
                continue; // the end poles
            std::size_t a = 0, b = 0;
            double width = 0.0;
            for (std::size_t i = 0; i < ring.size(); ++i)
                for (std::size_t j = i + 1; j < ring.size(); ++j)
                    if (glm::length(ring[i] - ring[j]) > width) {
                        width = glm::length(ring[i] - ring[j]);
                        a = i;
                        b = j;
                    }
            const glm::dvec3 axis = (ring[b] - ring[a]) / width;
            double thickness = 0.0;
            for (const glm::dvec3& p : ring) {
                const glm::dvec3 q = p - ring[a];
                thickness = std::max(thickness, 2.0 * glm::length(q - axis * glm::dot(q, axis)));
            }
            sections.push_back({width, thickness});
        }
        REQUIRE(sections.size() > 10);
        const auto& bottom = sections.front();
        INFO("bottom section " << bottom.first * 1000.0 << " x " << bottom.second * 1000.0 << " mm");
        CHECK(bottom.first < 0.010); // a narrow tendon where it attaches
        for (std::size_t k = sections.size() / 2; k + 1 < sections.size(); ++k) {
            INFO("section " << k << ": " << sections[k].first * 1000.0 << " x " << sections[k].second * 1000.0 << " mm");
            CHECK(sections[k].first > 4.0 * sections[k].second); // flat: several times wider than thick
            CHECK(sections[k].first > 1.8 * bottom.first);      // and fanning out as it rises
        }
    }
}

TEST_CASE("Diaphragm dome stays outside the vertebral bodies it rises beside", "[model_muscles]")
{
    // The wall rising off the medial arcuate ligaments passes the sides of L1 and T12, and the
    // back of the dome stands in front of the lower thoracic column: none of it may be in bone.
    const BuiltPart& d = *findPart(muscleParts(), "diaphragm");
    const ThoracicCage cage(rig(), VertebraShape(defaultVertebraDimensions("t12")));
    const BoneClearance bones(rig());
    int inLumbar = 0, inThoracic = 0;
    for (std::size_t i = 0; i < d.positions.size(); ++i) {
        if (d.uv1[i].x != 0.0f)
            continue;
        const glm::dvec3 p(d.positions[i]);
        if (bones.vertebraDistance(p) < 0.0)
            ++inLumbar;
        if (cage.spine().distance(p) < 0.0)
            ++inThoracic;
    }
    CHECK(inLumbar == 0);
    CHECK(inThoracic == 0);
}
