// MODEL-B diaphragm: a trefoil central tendon that is marked (COLOR_0), thinner than the
// muscle and placed at the levels the data sheet gives (4d): tendon at the xiphisternal
// junction, right dome higher than the left by about half an interspace.
#include "MeshChecks.h"

#include "spine/ThoracicCage.h"
#include "spine/VertebraShape.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

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
