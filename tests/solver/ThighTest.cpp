// Rectus femoris on the built model: in every preset it lies along the front of the thigh
// (over the vastus, which is not modelled), a few millimetres to about 15 mm off the femur,
// never a bowstring standing away from the shaft.
#include "SolverTestUtil.h"

#include <catch2/catch.hpp>

#include "io/ModelLoader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

using namespace psoas;
using namespace psoas::solver;

namespace {

struct Surface {
    std::vector<Vec3> points; // rest femur surface, model frame
};

Surface restSurface(const anatomy::Model& model, const std::string& node)
{
    Surface s;
    int n = model.findNode(node);
    if (n < 0) return s;
    Mat4 world = model.restWorld(n);
    for (int mi : model.nodes[static_cast<std::size_t>(n)].meshes)
        for (const Vec3& p : model.meshes[static_cast<std::size_t>(mi)].positions) s.points.push_back(Vec3(world * Vec4(p, 1.0f)));
    return s;
}

// Largest, over cross-sections of the muscle between s = from and s = to, of the smallest
// distance from that cross-section to the bone surface (metres). `toRest` maps the posed
// muscle into the bone's rest frame.
double worstGap(const anatomy::MeshData& rest, const anatomy::MeshData& now, const Surface& bone, const Mat4& toRest,
                double from, double to, double* worstS)
{
    const int bins = 12;
    std::vector<double> gap(bins, 1e9);
    for (std::size_t v = 0; v < now.positions.size(); ++v) {
        double s = rest.uv1[v].y;
        if (s < from || s > to) continue;
        int b = std::min(bins - 1, static_cast<int>((s - from) / (to - from) * bins));
        Vec3 p = Vec3(toRest * Vec4(now.positions[v], 1.0f));
        double best = 1e9;
        for (const Vec3& q : bone.points) best = std::min(best, static_cast<double>(glm::length(q - p)));
        gap[static_cast<std::size_t>(b)] = std::min(gap[static_cast<std::size_t>(b)], best);
    }
    double worst = 0.0;
    for (int b = 0; b < bins; ++b)
        if (gap[static_cast<std::size_t>(b)] < 1e8 && gap[static_cast<std::size_t>(b)] > worst) {
            worst = gap[static_cast<std::size_t>(b)];
            if (worstS) *worstS = from + (b + 0.5) * (to - from) / bins;
        }
    return worst;
}

} // namespace

TEST_CASE("On the built model the rectus femoris lies along the front of the femur in every preset",
          "[solver][deform][real-rig][thigh]")
{
    const std::string glb = test::assetsDir() + "/models/lumbopelvic.glb";
    if (!std::filesystem::exists(glb) || !test::exists(test::realRig())) return;
    auto loaded = io::loadModel(glb);
    REQUIRE(loaded.ok());
    anatomy::Model model = std::move(*loaded);
    const anatomy::Model rest = model;
    Kinematics k = test::loadWith(test::realRig());
    REQUIRE(k.bind(model).ok());
    for (const char* side : {"_l", "_r"}) {
        const std::string muscle = std::string("rectus_femoris") + side, femur = std::string("femur") + side;
        int node = model.findNode(muscle);
        REQUIRE(node >= 0);
        auto mi = static_cast<std::size_t>(model.nodes[static_cast<std::size_t>(node)].meshes.front());
        Surface bone = restSurface(model, femur);
        REQUIRE(!bone.points.empty());
        // s is measured from whichever end the loader calls 0: use the distal two thirds of
        // the muscle by height at rest (the part over the shaft).
        const auto& r0 = rest.meshes[mi];
        double yAt0 = 0.0, yAt1 = 0.0;
        for (std::size_t v = 0; v < r0.uv1.size(); ++v) {
            if (r0.uv1[v].y < 0.01f) yAt0 += r0.positions[v].y;
            if (r0.uv1[v].y > 0.99f) yAt1 += r0.positions[v].y;
        }
        const bool flipped = yAt0 < yAt1; // s = 0 at the knee
        const double from = flipped ? 0.05 : 0.30, to = flipped ? 0.70 : 0.95;
        for (const auto& name : k.presetNames()) {
            REQUIRE(k.applyPreset(name).ok());
            k.deform(model);
            double s = 0.0;
            double gap = worstGap(r0, model.meshes[mi], bone, glm::inverse(k.bodyDelta(femur)), from, to, &s);
            std::printf("%s %s: largest gap to the femur %.1f mm (s %.2f)\n", muscle.c_str(), name.c_str(), gap * 1000.0, s);
            INFO(muscle << " in " << name << ": a cross-section at s = " << s << " stands " << gap * 1000.0
                        << " mm off the femur");
            CHECK(gap < 0.012);
        }
    }
}
