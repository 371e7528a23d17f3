#include "app/Selection.h"

#include "anatomy/Catalog.h"
#include "app/LayerState.h"
#include "scene/SceneGraph.h"

#include <catch2/catch.hpp>

using psoas::app::LayerState;
using psoas::app::Selection;

namespace {
LayerState layersFromCatalog()
{
    static auto cat = psoas::anatomy::Catalog::load(std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json");
    REQUIRE(cat.ok());
    return LayerState::fromCatalog(&cat.value());
}
} // namespace

TEST_CASE("Only visible, known structures can be selected or hovered", "[app][selection]")
{
    auto layers = layersFromCatalog();
    Selection sel;
    CHECK(sel.select("psoas_major_r", layers));
    CHECK(sel.selected() == "psoas_major_r");
    CHECK_FALSE(sel.select("psoas_major_r", layers)); // unchanged
    CHECK_FALSE(sel.select("psoas_minor_r", layers)); // hidden by default
    CHECK_FALSE(sel.select("made_up", layers));
    CHECK(sel.selected() == "psoas_major_r");
    CHECK(sel.setHovered("l3", layers));
    CHECK_FALSE(sel.setHovered("psoas_minor_l", layers));
    CHECK(sel.clear());
    CHECK_FALSE(sel.clear());
    CHECK(sel.select("iliacus_l", layers));
    CHECK(sel.select("", layers)); // empty clears
    CHECK_FALSE(sel.hasSelection());
}

TEST_CASE("Hiding the selected structure drops the selection", "[app][selection]")
{
    auto layers = layersFromCatalog();
    Selection sel;
    sel.select("diaphragm", layers);
    sel.setHovered("diaphragm", layers);
    layers.setVisible("diaphragm", false);
    CHECK(sel.validate(layers));
    CHECK_FALSE(sel.hasSelection());
    CHECK(sel.hovered().empty());
}

TEST_CASE("Selection highlights exactly the selected and hovered nodes", "[app][selection]")
{
    auto layers = layersFromCatalog();
    psoas::scene::SceneGraph g;
    for (const char* name : {"l3", "l4", "psoas_major_r"}) {
        psoas::scene::Node n;
        n.name = name;
        g.addNode(n);
    }
    Selection sel;
    sel.select("psoas_major_r", layers);
    sel.setHovered("l3", layers);
    sel.apply(g);
    CHECK(g.node(g.find("psoas_major_r")).highlight == Approx(Selection::kSelectedHighlight));
    CHECK(g.node(g.find("l3")).highlight == Approx(Selection::kHoveredHighlight));
    CHECK(g.node(g.find("l4")).highlight == 0.0f);
    sel.clear();
    sel.clearHovered();
    sel.apply(g);
    CHECK(g.node(g.find("psoas_major_r")).highlight == 0.0f);
    CHECK(g.node(g.find("l3")).highlight == 0.0f);
}
