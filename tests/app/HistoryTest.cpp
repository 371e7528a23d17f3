#include "app/History.h"

#include "app/Document.h"
#include "CubeDocument.h"

#include <catch2/catch.hpp>

using namespace psoas::app;

namespace {
std::unique_ptr<Document> openDoc() { return openCubeDocument(); }

Snapshot layersOnly(const std::string& hidden)
{
    Snapshot s;
    if (!hidden.empty()) {
        s.layers = LayerState();
        s.selected = hidden;
    }
    return s;
}
} // namespace

TEST_CASE("Undo and redo walk through recorded states, a new change drops the redo branch", "[app][history]")
{
    History h;
    h.reset(layersOnly(""), "start");
    CHECK_FALSE(h.canUndo());
    CHECK(h.record(layersOnly("a"), "Select A"));
    CHECK(h.record(layersOnly("b"), "Select B"));
    CHECK_FALSE(h.record(layersOnly("b"), "Select B again")); // no change, no step
    CHECK(h.undoLabel() == "Select B");
    auto s = h.undo();
    REQUIRE(s);
    CHECK(s->selected == "a");
    CHECK(h.redoLabel() == "Select B");
    s = h.undo();
    REQUIRE(s);
    CHECK(s->selected.empty());
    CHECK_FALSE(h.undo());
    s = h.redo();
    REQUIRE(s);
    CHECK(s->selected == "a");
    h.record(layersOnly("c"), "Select C");
    CHECK_FALSE(h.canRedo());
    CHECK(h.undo()->selected == "a");
}

TEST_CASE("Slider drags coalesce into one undo step", "[app][history]")
{
    History h;
    Snapshot base;
    base.coordinates["hip_flexion_r"] = 0.0;
    h.reset(base);
    for (int v = 1; v <= 30; ++v) {
        Snapshot s = base;
        s.coordinates["hip_flexion_r"] = v;
        h.record(s, "Hip flexion (right)", "hip_flexion_r");
    }
    CHECK(h.size() == 2);
    h.endCoalescing();
    Snapshot s = base;
    s.coordinates["hip_flexion_r"] = 45.0;
    h.record(s, "Hip flexion (right)", "hip_flexion_r");
    CHECK(h.size() == 3);
    CHECK(h.undo()->coordinates.at("hip_flexion_r") == Approx(30.0));
    CHECK(h.undo()->coordinates.at("hip_flexion_r") == Approx(0.0));
}

TEST_CASE("History keeps at most its limit of states", "[app][history]")
{
    History h(5);
    h.reset(layersOnly(""));
    for (int i = 0; i < 20; ++i) h.record(layersOnly("s" + std::to_string(i)), "step");
    CHECK(h.size() == 5);
    int undos = 0;
    while (h.undo()) ++undos;
    CHECK(undos == 4);
    CHECK(h.current()->selected == "s15");
}

TEST_CASE("Capture and apply restore pose, layers and selection on a document", "[app][history]")
{
    auto doc = openDoc();
    auto layers = LayerState::fromDocument(*doc);
    Selection sel;
    History h;
    h.reset(History::capture(*doc, layers, sel), "start");
    REQUIRE(doc->hasSolver());

    REQUIRE(doc->setCoordinate("hip_flexion_r", 40.0).ok());
    layers.setVisible("diaphragm", false);
    layers.apply(doc->scene());
    sel.select("psoas_major_r", layers);
    h.record(History::capture(*doc, layers, sel), "change");

    auto before = h.undo();
    REQUIRE(before);
    REQUIRE(History::apply(*before, *doc, layers, sel).ok());
    CHECK(doc->kinematics()->coordinate("hip_flexion_r") == Approx(0.0));
    CHECK(layers.isVisible("diaphragm"));
    CHECK_FALSE(sel.hasSelection());

    auto after = h.redo();
    REQUIRE(after);
    REQUIRE(History::apply(*after, *doc, layers, sel).ok());
    CHECK(doc->kinematics()->coordinate("hip_flexion_r") == Approx(40.0));
    CHECK_FALSE(layers.isVisible("diaphragm"));
    CHECK(sel.selected() == "psoas_major_r");
    CHECK(History::capture(*doc, layers, sel) == *after);
}
