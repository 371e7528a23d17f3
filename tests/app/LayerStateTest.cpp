#include "app/LayerState.h"

#include "anatomy/Catalog.h"
#include "scene/SceneGraph.h"

#include <catch2/catch.hpp>

using psoas::app::LayerState;

namespace {

psoas::anatomy::Catalog realCatalog()
{
    auto c = psoas::anatomy::Catalog::load(std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
    REQUIRE(c.ok());
    return std::move(c).value();
}

// A scene with one node per catalog structure (name = id) plus one foreign mesh node.
psoas::scene::SceneGraph sceneFor(const psoas::anatomy::Catalog& cat)
{
    psoas::scene::SceneGraph g;
    for (const auto& s : cat.structures()) {
        psoas::scene::Node n;
        n.name = s.id;
        n.meshes = {0};
        g.addNode(n);
    }
    psoas::scene::Node extra;
    extra.name = "imported_thing";
    extra.meshes = {0};
    g.addNode(extra);
    return g;
}

} // namespace

TEST_CASE("Layer defaults follow the catalog: psoas minor and landmarks start hidden", "[app][layers]")
{
    auto cat = realCatalog();
    auto layers = LayerState::fromCatalog(&cat);
    CHECK(layers.isVisible("psoas_major_r"));
    CHECK(layers.isVisible("l3"));
    CHECK_FALSE(layers.isVisible("psoas_minor_r"));
    CHECK_FALSE(layers.isVisible("lm_asis_r"));
    CHECK(layers.groups().size() == 5);
    CHECK(layers.groupVisibility("deep_muscles") == 1); // psoas minor hidden
    CHECK(layers.groupVisibility("skeleton") == 2);
    CHECK(layers.groupVisibility("landmarks") == 0);
    CHECK_FALSE(layers.isVisible("no_such_structure"));
}

TEST_CASE("Nodes the catalog does not name land in an 'other' group", "[app][layers]")
{
    auto cat = realCatalog();
    auto scene = sceneFor(cat);
    auto layers = LayerState::fromCatalog(&cat, &scene);
    CHECK(layers.isGroup("other"));
    CHECK(layers.structuresInGroup("other") == std::vector<std::string>{"imported_thing"});
    auto bare = LayerState::fromCatalog(nullptr, &scene); // a foreign model with no catalog
    CHECK(bare.contains("imported_thing"));
    CHECK(bare.contains("l3"));
}

TEST_CASE("Hiding a structure or a whole group, and applying to the scene", "[app][layers]")
{
    auto cat = realCatalog();
    auto scene = sceneFor(cat);
    auto layers = LayerState::fromCatalog(&cat, &scene);
    CHECK(layers.setVisible("diaphragm", false)); // the group of the same name
    CHECK_FALSE(layers.setVisible("diaphragm", false)); // no change the second time
    CHECK(layers.setVisible("skeleton", false));
    CHECK_FALSE(layers.isVisible("l3"));
    CHECK(layers.groupVisibility("skeleton") == 0);
    CHECK(layers.setVisible("l3", true));
    CHECK(layers.groupVisibility("skeleton") == 1);
    CHECK_FALSE(layers.setVisible("unknown_id", false));

    layers.apply(scene);
    CHECK_FALSE(scene.node(scene.find("l4")).visible);
    CHECK(scene.node(scene.find("l3")).visible);
    psoas::anatomy::Model model;
    model.meshes.emplace_back();
    model.meshes[0].positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    model.meshes[0].indices = {0, 1, 2};
    auto list = scene.buildDrawList(model);
    for (const auto& item : list.items) {
        const auto& name = scene.node(item.node).name;
        CHECK(name != "l4");
        CHECK(name != "diaphragm");
    }
}

TEST_CASE("Isolate, x-ray, show all and reset", "[app][layers]")
{
    auto cat = realCatalog();
    auto layers = LayerState::fromCatalog(&cat);

    CHECK(layers.isolate("psoas_major_r"));
    CHECK(layers.isVisible("psoas_major_r"));
    CHECK(layers.hiddenIds().size() == layers.entries().size() - 1);

    CHECK(layers.showAll());
    CHECK(layers.hiddenIds().empty());
    CHECK(layers.isVisible("psoas_minor_l"));

    CHECK(layers.xray("deep_muscles"));
    CHECK(layers.opacity("iliacus_l") == 1.0f);
    CHECK(layers.opacity("l3") == Approx(LayerState::kXrayOpacity));
    CHECK(layers.isVisible("l3")); // x-ray keeps others visible

    CHECK(layers.reset());
    CHECK_FALSE(layers.isVisible("psoas_minor_l"));
    CHECK(layers.opacity("l3") == 1.0f);
    CHECK_FALSE(layers.reset());

    CHECK_FALSE(layers.isolate("nothing_like_this"));
    CHECK(layers.setOpacity("l3", 0.4f));
    CHECK(layers.setOpacity("l3", 5.0f)); // clamped to 1
    CHECK(layers.opacity("l3") == 1.0f);
    CHECK(layers.setOpacity("l3", -1.0f)); // clamped to the minimum, never fully invisible
    CHECK(layers.opacity("l3") > 0.0f);
}

TEST_CASE("Layer state survives a JSON round trip and reports bad entries by name", "[app][layers]")
{
    auto cat = realCatalog();
    auto layers = LayerState::fromCatalog(&cat);
    layers.setVisible("skeleton", false);
    layers.setVisible("l3", true);
    layers.setVisible("psoas_minor_r", true);
    layers.setOpacity("iliacus_r", 0.3f);
    auto j = layers.toJson();

    auto back = LayerState::fromCatalog(&cat);
    REQUIRE(back.fromJson(j, "test").ok());
    CHECK(back == layers);

    auto bad = nlohmann::json::parse(R"({"hidden":["diaphragm","spleen"],"opacity":{"l3":"half","iliacus_l":0.5}})");
    auto partial = LayerState::fromCatalog(&cat);
    auto status = partial.fromJson(bad, "lesson.json step 2 \"layers\"");
    REQUIRE_FALSE(status.ok());
    CHECK(status.message().find("lesson.json step 2") != std::string::npos);
    CHECK(status.message().find("spleen") != std::string::npos);
    CHECK(status.message().find("\"l3\"") != std::string::npos);
    CHECK_FALSE(partial.isVisible("diaphragm")); // valid entries still applied
    CHECK(partial.opacity("iliacus_l") == Approx(0.5f));

    CHECK_FALSE(partial.fromJson(nlohmann::json::array(), "x").ok());
}
