// Label anchors, bone occlusion, label layout, attachments and the --layers syntax on the
// built-in model.
#include "app/Attachments.h"
#include "app/BoneOcclusion.h"
#include "app/Document.h"
#include "app/LabelAnchors.h"
#include "app/LabelLayout.h"
#include "app/LayerSpec.h"
#include "app/LayerState.h"
#include "app/RenderCommand.h"
#include "scene/OrbitCamera.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

using namespace psoas::app;
using psoas::Vec3;

namespace {
Document& builtIn()
{
    static std::unique_ptr<Document> doc = [] {
        // PSOAS_TEST_MODEL: try a rebuilt model before it is copied into assets/.
        const char* env = std::getenv("PSOAS_TEST_MODEL");
        auto d = Document::open(env ? std::string(env) : std::string(PSOAS_ASSETS_DIR) + "/models/lumbopelvic.glb",
                                std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
        if (!d) FAIL(d.message());
        return std::move(d).value();
    }();
    return *doc;
}

const LabelAnchor& anchor(const std::vector<LabelAnchor>& all, const std::string& id)
{
    for (const auto& a : all)
        if (a.landmark == id) return a;
    FAIL("no anchor " << id);
    return all.front();
}
} // namespace

TEST_CASE("Every landmark label has an anchor on the built-in model", "[app][labels]")
{
    auto anchors = LabelAnchors::compute(builtIn());
    CHECK(anchors.size() == LabelAnchors::definitions().size());
    const auto& l3 = anchor(anchors, "lm_l3_body");
    CHECK(l3.text == "L3");
    CHECK(l3.body == "l3");
    // Right-sided landmarks are on the patient's right (-X); T12 is above L5.
    CHECK(anchor(anchors, "lm_asis_r").world.x < 0.0f);
    CHECK(anchor(anchors, "lm_t12_body").world.y > anchor(anchors, "lm_l5_body").world.y);
}

TEST_CASE("Anchors move with the pose", "[app][labels]")
{
    auto& doc = builtIn();
    const Vec3 before = anchor(LabelAnchors::compute(doc), "lm_lesser_trochanter_r").world;
    auto set = doc.setCoordinate("hip_flexion_r", 60.0);
    INFO(set.message());
    REQUIRE(set.ok());
    const Vec3 after = anchor(LabelAnchors::compute(doc), "lm_lesser_trochanter_r").world;
    REQUIRE(doc.setCoordinate("hip_flexion_r", 0.0).ok());
    CHECK(glm::length(after - before) > 0.005f);
}

TEST_CASE("A vertebral body label is visible from the front and hidden by bone from behind", "[app][labels]")
{
    auto& doc = builtIn();
    const auto l3 = anchor(LabelAnchors::compute(doc), "lm_l3_body"); // a copy: the list is a temporary
    OcclusionQuery q{l3.world, l3.body};
    const Vec3 front = l3.world + Vec3(0, 0, 1.5f);
    const Vec3 back = l3.world + Vec3(0, 0, -1.5f);
    CHECK_FALSE(BoneOcclusion::occluded(doc, front, {q})[0]);
    CHECK(BoneOcclusion::occluded(doc, back, {q})[0]);

    // Hidden or x-rayed bones do not hide anything.
    auto layers = LayerState::fromDocument(doc);
    layers.xray("deep_muscles");
    layers.apply(doc.scene());
    CHECK_FALSE(BoneOcclusion::occluded(doc, back, {q})[0]);
    layers.reset();
    layers.apply(doc.scene());
}

TEST_CASE("PSIS labels show from behind and not from the front through the pelvis and ASIS labels the other way round",
          "[app][labels]")
{
    auto& doc = builtIn();
    const auto anchors = LabelAnchors::compute(doc);
    for (const std::string side : {"r", "l"}) {
        const auto psis = anchor(anchors, "lm_psis_" + side), asis = anchor(anchors, "lm_asis_" + side);
        INFO(side);
        const OcclusionQuery p{psis.world, psis.body, psis.ownTolerance}, a{asis.world, asis.body, asis.ownTolerance};
        // The viewer's anterior and posterior views: the whole model framed, seen from its front
        // or back (a perspective eye, as the labels are tested in the viewer).
        psoas::scene::OrbitCamera cam;
        cam.setViewport(1280, 720);
        cam.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
        doc.frameAll(cam);
        const Vec3 front = cam.position();
        cam.lookAlong(Vec3(0, 0, 1), Vec3(0, 1, 0));
        doc.frameAll(cam);
        const Vec3 back = cam.position();
        CHECK(BoneOcclusion::occluded(doc, front, {p})[0]);
        CHECK_FALSE(BoneOcclusion::occluded(doc, back, {p})[0]);
        CHECK_FALSE(BoneOcclusion::occluded(doc, front, {a})[0]);
        CHECK(BoneOcclusion::occluded(doc, back, {a})[0]);
    }
}

TEST_CASE("Label layout never overlaps labels and keeps them inside the view", "[app][labels]")
{
    std::vector<LabelRequest> reqs;
    for (int i = 0; i < 40; ++i) reqs.push_back({400.0f + float(i % 5) * 6.0f, 100.0f + float(i) * 9.0f, 180.0f, 30.0f});
    auto placed = LabelLayout::place(reqs, 1000.0f, 600.0f);
    REQUIRE(placed.size() > 5);
    CHECK(placed.size() < reqs.size()); // not all fit: the rest are left out rather than overlapping
    for (std::size_t i = 0; i < placed.size(); ++i) {
        const auto& b = placed[i].box;
        CHECK(b.x >= 0.0f);
        CHECK(b.y >= 0.0f);
        CHECK(b.x + b.w <= 1000.0f);
        CHECK(b.y + b.h <= 600.0f);
        for (std::size_t j = i + 1; j < placed.size(); ++j) CHECK_FALSE(b.overlaps(placed[j].box));
    }
}

TEST_CASE("Psoas major attachments: six vertebral body origins, five transverse-process origins and the lesser trochanter",
          "[app][attachments]")
{
    auto areas = Attachments::of(builtIn(), "psoas_major_r");
    REQUIRE(areas.size() == 12);
    CHECK(areas.front().text == "T12");
    CHECK(areas.front().origin);
    std::vector<AttachmentArea> bodies, processes;
    for (const auto& a : areas)
        if (a.origin) (a.deep ? processes : bodies).push_back(a);
    REQUIRE(bodies.size() == 6);
    REQUIRE(processes.size() == 5);
    CHECK(bodies[5].text == "L5");
    const char* levels[] = {"l1", "l2", "l3", "l4", "l5"};
    for (int i = 0; i < 5; ++i) {
        INFO(levels[i]);
        // The deep slip sits on the front of the transverse process: on the same vertebra as the
        // body origin of its level, further out to the side and further back.
        CHECK(processes[std::size_t(i)].body == levels[i]);
        CHECK(processes[std::size_t(i)].text == std::string(levels[i]).replace(0, 1, "L") + " TP");
        const AttachmentArea& body = bodies[std::size_t(i) + 1];
        CHECK(body.body == levels[i]);
        CHECK(std::abs(processes[std::size_t(i)].world.x) > std::abs(body.world.x) + 0.004f);
        CHECK(processes[std::size_t(i)].world.z < body.world.z - 0.01f);
    }
    CHECK_FALSE(areas.back().origin);
    CHECK(areas.back().text == "Lesser trochanter");
    CHECK(areas.back().radius == Approx(0.009f));
    Vec3 mn, mx;
    REQUIRE(Attachments::bounds(areas, mn, mx));
    CHECK(mx.y - mn.y > 0.3f); // T12 to the femur
    CHECK(Attachments::of(builtIn(), "l3").empty());
    CHECK(Attachments::of(builtIn(), "psoas_major").empty()); // a prefix is not a muscle
}

TEST_CASE("CLI --layers: show only, add, hide, and bad names", "[app][layers][cli]")
{
    auto base = LayerState::fromDocument(builtIn());
    auto l = base;
    REQUIRE(applyLayerSpec("skeleton,deep_muscles", l).ok());
    CHECK(l.isVisible("l3"));
    CHECK(l.isVisible("psoas_minor_r")); // named group: all of it
    CHECK_FALSE(l.isVisible("diaphragm"));
    CHECK_FALSE(l.isVisible("gluteus_maximus_l"));

    l = base;
    REQUIRE(applyLayerSpec("-diaphragm", l).ok());
    CHECK_FALSE(l.isVisible("diaphragm"));
    CHECK(l.isVisible("l3"));
    CHECK_FALSE(l.isVisible("psoas_minor_r")); // defaults kept

    l = base;
    REQUIRE(applyLayerSpec("all,-context_muscles", l).ok());
    CHECK(l.isVisible("psoas_minor_r"));
    CHECK_FALSE(l.isVisible("rectus_femoris_r"));

    l = base;
    auto s = applyLayerSpec("skeleton,spleen,-kidney", l);
    REQUIRE_FALSE(s.ok());
    CHECK(s.message().find("'spleen'") != std::string::npos);
    CHECK(s.message().find("'kidney'") != std::string::npos);
    CHECK(s.message().find("deep_muscles") != std::string::npos);
    CHECK(l == base); // nothing changed
    CHECK_FALSE(applyLayerSpec("skeleton,,", l).ok());
}

TEST_CASE("CLI --render with an unknown layer name exits with code 2 and names it", "[app][layers][cli]")
{
    RenderRequest r;
    r.output = (std::filesystem::temp_directory_path() / "psoas-teacha-never-written.png").string();
    r.layers = "deep_muscles,-pancreas";
    std::ostringstream err;
    CHECK(runRenderCommand(r, err) == 2);
    CHECK(err.str().find("'pancreas'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(r.output));
}
