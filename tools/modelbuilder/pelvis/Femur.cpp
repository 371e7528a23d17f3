#include "pelvis/Femur.h"

#include "core/Sdf.h"

#include <cmath>

namespace psoas::modelbuilder {

BuiltPart buildFemurRight(const RigLayout& rig, double voxel, std::size_t targetTriangles)
{
    const FemurFrame f = femurFrame(rig);
    const glm::dvec3 u = f.shaftUp, m = f.medial, a = f.anterior;
    const glm::dvec3 lat = -m;
    const double hr = f.headRadius;
    const glm::dvec3 lt = rig.landmark("lm_lesser_trochanter_r");
    const glm::dvec3 gtTip = rig.landmark("lm_greater_trochanter_r");
    const glm::dvec3 notch = f.knee + 0.03 * u;

    // Neck: waisted ellipse, taller (along the shaft plane) than deep.
    const std::vector<glm::dvec3> neck{f.head - 0.006 * f.neckDir, f.head - 0.026 * f.neckDir, f.neckBase + 0.012 * f.neckDir,
                                       f.neckBase - 0.004 * f.neckDir};
    const std::vector<double> neckA{0.0175, 0.0150, 0.0190, 0.0215}, neckB{0.0150, 0.0128, 0.0150, 0.0170};
    // Shaft with an anterior bow, flaring into the metaphyses.
    const double shaftLen = glm::length(f.neckBase - notch);
    std::vector<glm::dvec3> shaft;
    std::vector<double> shaftA, shaftB;
    const double prof[][3] = {{0.00, 0.0200, 0.0190}, {0.10, 0.0175, 0.0160}, {0.22, 0.0150, 0.0145},
                              {0.45, 0.0135, 0.0140}, {0.70, 0.0145, 0.0145}, {0.86, 0.0200, 0.0170},
                              {0.96, 0.0280, 0.0210}, {1.00, 0.0300, 0.0220}};
    for (const auto& pr : prof) {
        const double s = pr[0];
        const glm::dvec3 c = f.neckBase - 0.004 * f.neckDir + (notch - f.neckBase) * s + a * (0.008 * std::sin(3.14159 * s));
        shaft.push_back(c);
        shaftA.push_back(pr[1]);
        shaftB.push_back(pr[2]);
    }
    (void)shaftLen;
    const std::vector<glm::dvec3> asperaLine{shaft[1] - a * 0.004, shaft[2] - a * 0.0105, shaft[3] - a * 0.0125,
                                             shaft[5] - a * 0.0135, shaft[6] - a * 0.006};
    const std::vector<double> asperaR{0.0015, 0.0034, 0.0042, 0.0040, 0.0015};
    const glm::dvec3 gtCentre = gtTip + m * 0.014 - u * 0.006 - a * 0.004;
    const glm::dmat3 gtAxes(lat, u, a);
    const glm::dvec3 ltAxis = f.neckBase + u * glm::dot(lt - f.neckBase, u);
    const glm::dvec3 ltBase = ltAxis + 0.35 * (lt - ltAxis);
    const glm::dvec3 condM = f.knee + m * 0.023 - u * 0.004 - a * 0.008;
    const glm::dvec3 condL = f.knee - m * 0.023 - u * 0.002 - a * 0.006;
    const glm::dmat3 condAxes(m, u, a);

    auto field = [=](const glm::dvec3& p) {
        double d = sdf::sphere(p, f.head, hr);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, neck, neckA, neckB, u), 0.006);
        d = sdf::smoothUnion(d, sdf::sweptEllipse(p, shaft, shaftA, shaftB, lat), 0.012);
        d = sdf::smoothUnion(d, sdf::ellipsoid(p, gtCentre, gtAxes, glm::dvec3(0.013, 0.024, 0.020)), 0.010);
        // intertrochanteric crest (posterior) and line (anterior)
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, gtCentre - a * 0.010, lt - m * 0.004, 0.008, 0.006), 0.008);
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, gtCentre + a * 0.008 - u * 0.004, lt + a * 0.022 + u * 0.004, 0.005, 0.004), 0.008);
        d = sdf::smoothUnion(d, sdf::taperedCapsule(p, ltBase, lt, 0.009, 0.006), 0.006);
        // linea aspera: a ridge that rises out of the back of the shaft below the trochanters
        // and sinks back into it above the condyles (its ends start inside the bone, so no
        // ring shows where it begins)
        d = sdf::smoothUnion(d, sdf::sweptCircle(p, asperaLine, asperaR), 0.008);
        // condyles with the intercondylar notch and patellar groove
        double cond = sdf::smoothUnion(sdf::ellipsoid(p, condM, condAxes, glm::dvec3(0.014, 0.024, 0.030)),
                                       sdf::ellipsoid(p, condL, condAxes, glm::dvec3(0.015, 0.023, 0.030)), 0.010);
        d = sdf::smoothUnion(d, cond, 0.012);
        d = sdf::smoothSubtraction(d, sdf::capsule(p, f.knee - u * 0.020 - a * 0.034, f.knee - u * 0.014 + a * 0.002, 0.0085), 0.003);
        d = sdf::smoothSubtraction(d, sdf::capsule(p, f.knee + a * 0.034 + u * 0.030, f.knee + a * 0.033 - u * 0.004, 0.006), 0.004);
        // fovea capitis
        d = sdf::smoothSubtraction(d, sdf::sphere(p, f.head + hr * glm::normalize(m - 0.4 * u - 0.2 * a), 0.004), 0.002);
        return d;
    };
    const glm::dvec3 lo = glm::min(f.knee - glm::dvec3(0.05, 0.04, 0.05), f.head - glm::dvec3(0.085, 0.05, 0.05));
    const glm::dvec3 hi = glm::max(f.knee + glm::dvec3(0.05, 0.04, 0.05), f.head + glm::dvec3(0.035, 0.035, 0.05));
    BuiltPart part = meshSdf("femur_r", field, lo, hi, voxel, targetTriangles);
    part.parentJoint = "j_hip_r";
    return part;
}

} // namespace psoas::modelbuilder
