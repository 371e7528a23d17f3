// Key proportions of the committed model against the data sheet
// (/work/shared/reference/anatomy-data.md): pelvis (inter-ASIS, Bell hip centres, anterior
// pelvic plane), spine (lordosis, sacral slope, pelvic incidence) and femur (head, neck-shaft
// angle, anteversion, lesser trochanter).
#include "MeshIndex.h"
#include "TestModel.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas;
using psoas::test::jsonVec;
using psoas::test::loadedModel;
using psoas::test::nodePosition;

namespace {
constexpr double kRad = 180.0 / 3.14159265358979323846;
double angleDeg(const glm::dvec3& a, const glm::dvec3& b)
{
    return std::acos(std::clamp(glm::dot(glm::normalize(a), glm::normalize(b)), -1.0, 1.0)) * kRad;
}
const nlohmann::json* vertebra(const nlohmann::json& rig, const std::string& id)
{
    for (const auto& v : rig["vertebrae"])
        if (v["id"] == id) return &v;
    return nullptr;
}
} // namespace

TEST_CASE("pelvis: inter-ASIS distance, Bell hip centres, ASIS and symphysis in one frontal plane", "[model][dimensions]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const glm::dvec3 asisL = nodePosition(l.model, "lm_asis_l"), asisR = nodePosition(l.model, "lm_asis_r");
    const double pw = glm::length(asisL - asisR);
    CHECK(pw >= 0.220);
    CHECK(pw <= 0.260);
    // +X is the patient's left: medial is -X on the left side, +X on the right.
    for (const bool left : {true, false}) {
        const glm::dvec3 asis = left ? asisL : asisR;
        const glm::dvec3 bell = asis + glm::dvec3((left ? -1.0 : 1.0) * 0.14 * pw, -0.30 * pw, -0.22 * pw);
        const glm::dvec3 hip = nodePosition(l.model, left ? "lm_hip_center_l" : "lm_hip_center_r");
        INFO((left ? "left" : "right") << " hip centre off Bell by (mm) " << glm::length(hip - bell) * 1000.0);
        CHECK(glm::length(hip - bell) <= 0.015);
        // the hip centre is also the femoral head centre and the hip joint
        CHECK(glm::length(nodePosition(l.model, left ? "j_hip_l" : "j_hip_r") - hip) < 1e-4);
    }
    const glm::dvec3 sym = nodePosition(l.model, "lm_pubic_symphysis");
    const glm::dvec3 midAsis = 0.5 * (asisL + asisR);
    const double appTilt = std::atan2(midAsis.z - sym.z, midAsis.y - sym.y) * kRad;
    INFO("anterior pelvic plane tilt from vertical (deg) " << appTilt);
    CHECK(std::abs(appTilt) <= 5.0);
    CHECK(std::abs(sym.x) < 1e-4);
    CHECK(sym.y < -0.01); // below the hip centres
}

TEST_CASE("spine: lumbar lordosis, sacral slope and pelvic incidence are in the normal adult range", "[model][dimensions]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const auto* s1 = vertebra(l.rig, "s1");
    const auto* l1 = vertebra(l.rig, "l1");
    REQUIRE(s1);
    REQUIRE(l1);
    const glm::dvec3 nS1 = jsonVec((*s1)["superior_normal"]), nL1 = jsonVec((*l1)["superior_normal"]);
    const double lordosis = angleDeg(nS1, nL1);
    CHECK(lordosis >= 40.0);
    CHECK(lordosis <= 60.0);
    const double slope = std::atan2(nS1.z, nS1.y) * kRad; // endplate tilt from horizontal, facing forwards
    CHECK(slope >= 35.0);
    CHECK(slope <= 45.0);
    const glm::dvec3 s1c = jsonVec((*s1)["superior_endplate"]);
    const glm::dvec3 hipAxis = 0.5 * (nodePosition(l.model, "lm_hip_center_l") + nodePosition(l.model, "lm_hip_center_r"));
    const double incidence = angleDeg(-nS1, hipAxis - s1c);
    const double tilt = std::atan2(hipAxis.z - s1c.z, s1c.y - hipAxis.y) * kRad; // radiographic PT, hips in front
    INFO("lordosis " << lordosis << " SS " << slope << " PI " << incidence << " PT " << tilt);
    CHECK(incidence >= 45.0);
    CHECK(incidence <= 60.0);
    CHECK(incidence == Approx(slope + tilt).margin(0.5)); // PI = PT + SS
    // the S1 endplate landmark is the rig's S1 endplate
    CHECK(glm::length(nodePosition(l.model, "lm_s1_endplate") - s1c) < 1e-4);
    // the promontory is in front of the S1 endplate centre and behind the hip axis
    const glm::dvec3 prom = nodePosition(l.model, "lm_sacral_promontory");
    CHECK(prom.z > s1c.z);
    CHECK(prom.z < hipAxis.z);
}

TEST_CASE("spine: vertebral bodies stack from S1 to T12 with growing size caudally", "[model][dimensions]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    const char* order[] = {"s1", "l5", "l4", "l3", "l2", "l1", "t12"};
    for (int i = 1; i < 7; ++i) {
        const auto* lower = vertebra(l.rig, order[i - 1]);
        const auto* upper = vertebra(l.rig, order[i]);
        REQUIRE(lower);
        REQUIRE(upper);
        const double gap = glm::length(jsonVec((*upper)["inferior_endplate"]) - jsonVec((*lower)["superior_endplate"]));
        INFO(order[i] << " above " << order[i - 1] << ": disc (mm) " << gap * 1000.0);
        CHECK(gap > 0.005);  // a disc between them
        CHECK(gap < 0.016);
        CHECK(jsonVec((*upper)["center"]).y > jsonVec((*lower)["center"]).y);
        // the lumbar joint sits in the disc
        const std::string joint = std::string("j_") + order[i] + "_" + order[i - 1];
        const glm::dvec3 mid = 0.5 * (jsonVec((*upper)["inferior_endplate"]) + jsonVec((*lower)["superior_endplate"]));
        CHECK(glm::length(nodePosition(l.model, joint) - mid) < 1e-4);
    }
}

TEST_CASE("femur: head diameter, neck-shaft angle, anteversion and lesser trochanter", "[model][dimensions]")
{
    const auto& l = loadedModel();
    REQUIRE(l.ok);
    for (const auto& f : l.rig["femurs"]) {
        const std::string body = f["body"].get<std::string>();
        const bool left = body == "femur_l";
        INFO(body);
        const glm::dvec3 head = jsonVec(f["head_center"]);
        const double r = f["head_radius"].get<double>();
        CHECK(2 * r >= 0.043);
        CHECK(2 * r <= 0.050);
        CHECK(glm::length(head - nodePosition(l.model, left ? "lm_hip_center_l" : "lm_hip_center_r")) < 1e-4);
        // the mesh really has a head of that radius: vertices on the cap facing the acetabulum
        const glm::dvec3 neck = jsonVec(f["neck_axis"]), shaft = jsonVec(f["shaft_axis"]);
        const test::WorldMesh mesh = test::worldMesh(l.model, body);
        REQUIRE(mesh.triangleCount() > 0);
        double sum = 0.0;
        int n = 0;
        for (const auto& p : mesh.positions) {
            const glm::dvec3 d = p - head;
            if (glm::length(d) < 1.3 * r && glm::dot(glm::normalize(d), neck) > 0.5) {
                sum += glm::length(d);
                ++n;
            }
        }
        REQUIRE(n > 20);
        INFO("measured head radius (mm) " << 1000.0 * sum / n);
        CHECK(sum / n == Approx(r).margin(0.0015));
        const double neckShaft = 180.0 - angleDeg(neck, shaft);
        CHECK(neckShaft >= 125.0);
        CHECK(neckShaft <= 135.0);
        // anteversion: the neck's forward angle from the frontal (condylar) plane, seen down the shaft
        const glm::dvec3 proj = neck - glm::dot(neck, shaft) * shaft;
        const double anteversion = std::atan2(proj.z, std::abs(proj.x)) * kRad;
        INFO("neck-shaft " << neckShaft << " anteversion " << anteversion);
        CHECK(anteversion >= 8.0);
        CHECK(anteversion <= 15.0);
        // lesser trochanter: 45-70 mm from the hip centre, below, behind, medial to the shaft
        const glm::dvec3 lt = nodePosition(l.model, left ? "lm_lesser_trochanter_l" : "lm_lesser_trochanter_r");
        const double dist = glm::length(lt - head);
        INFO("lesser trochanter (mm from the hip centre) " << dist * 1000.0);
        CHECK(dist >= 0.045);
        CHECK(dist <= 0.070);
        CHECK(lt.y < head.y - 0.035);
        CHECK(lt.z < head.z - 0.005);
        const glm::dvec3 knee = jsonVec(f["knee_center"]);
        const glm::dvec3 onAxis = knee + shaft * ((lt.y - knee.y) / shaft.y);
        CHECK((left ? onAxis.x - lt.x : lt.x - onAxis.x) > 0.005);
        // greater trochanter: lateral, near the level of the head centre
        const glm::dvec3 gt = nodePosition(l.model, left ? "lm_greater_trochanter_l" : "lm_greater_trochanter_r");
        CHECK(std::abs(gt.x) > std::abs(head.x) + 0.04);
        CHECK(std::abs(gt.y - head.y) < 0.03);
        // psoas inserts on the lesser trochanter (not the shaft or linea aspera)
        const glm::dvec3 ins = nodePosition(l.model, left ? "psoas_major_l.insertion" : "psoas_major_r.insertion");
        CHECK(glm::length(ins - lt) < 0.012);
    }
}
