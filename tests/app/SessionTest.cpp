// The application session: one owner of layers, selection, history and pose, with commands
// that notify once, after the state is consistent. These run with no display.
#include "app/Session.h"

#include "app/Document.h"
#include "CubeDocument.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace psoas::app;

namespace {
std::unique_ptr<Document> openDoc() { return openCubeDocument(); }

// Records every change with the state a listener would read at that moment.
struct Recorder {
    struct Seen {
        Change change;
        std::string selected;
        Pose pose;
    };
    std::vector<Seen> seen;
    explicit Recorder(Session& s)
    {
        s.subscribe([this, &s](const Change& c) { seen.push_back({c, s.selection().selected(), s.pose()}); });
    }
};
} // namespace

TEST_CASE("Session: selecting and clearing notify once each, with the new selection already in place",
          "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    Recorder r(s);
    CHECK(s.select("psoas_major_r"));
    CHECK_FALSE(s.select("psoas_major_r")); // no change, no notification
    CHECK_FALSE(s.select("no_such_structure"));
    REQUIRE(r.seen.size() == 1);
    CHECK(r.seen[0].change.selection);
    CHECK(r.seen[0].selected == "psoas_major_r");
    CHECK(r.seen[0].change.label == "Select Right psoas major");
    CHECK(s.select("")); // Esc or a click on empty space
    REQUIRE(r.seen.size() == 2);
    CHECK(r.seen[1].change.selection);
    CHECK(r.seen[1].selected.empty());
    CHECK(s.history().undoLabel() == "Clear selection");
}

TEST_CASE("Session: hiding the selected structure drops the selection and says so in the same change",
          "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    REQUIRE(s.select("iliacus_l"));
    Recorder r(s);
    CHECK(s.setVisible("iliacus_l", false));
    REQUIRE(r.seen.size() == 1);
    CHECK(r.seen[0].change.layers);
    CHECK(r.seen[0].change.selection);
    CHECK(r.seen[0].selected.empty());
    CHECK_FALSE(s.select("iliacus_l")); // hidden structures cannot be selected
    CHECK(s.undo());
    CHECK(s.selection().selected() == "iliacus_l");
    CHECK(s.layers().isVisible("iliacus_l"));
}

TEST_CASE("Session: a preset is one undo step and undo brings back the pose, telling every listener",
          "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    REQUIRE(doc->hasSolver());
    const Pose neutral = s.pose();
    Recorder r(s);
    REQUIRE(s.applyPreset("kneeling_lunge").ok());
    const Pose lunge = s.pose();
    CHECK(lunge != neutral);
    REQUIRE(r.seen.size() == 1);
    CHECK(r.seen[0].change.pose);
    CHECK(r.seen[0].change.preset == "kneeling_lunge");
    CHECK(r.seen[0].pose == lunge); // listeners see the solved pose, not the one before
    CHECK(s.history().undoLabel() == "Pose: kneeling_lunge");

    CHECK(s.undo());
    REQUIRE(r.seen.size() == 2);
    CHECK(r.seen[1].change.pose);
    CHECK(r.seen[1].pose == neutral);
    CHECK(r.seen[1].change.label == "Undone: Pose: kneeling_lunge");
    CHECK(s.redo());
    CHECK(s.pose() == lunge);
}

TEST_CASE("Session: a bad preset or coordinate is refused by name and changes nothing", "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    Recorder r(s);
    const Pose before = s.pose();
    auto st = s.applyPreset("no_such_preset");
    CHECK_FALSE(st.ok());
    CHECK(st.message().find("no_such_preset") != std::string::npos);
    auto c = s.setCoordinate("hip_flexion_r", std::nan(""));
    CHECK_FALSE(c.ok());
    CHECK(s.pose() == before);
    CHECK(r.seen.empty());
    CHECK_FALSE(s.history().canUndo());
}

TEST_CASE("Session: the pose is a value that round-trips through the document", "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    Pose p = s.pose();
    REQUIRE(p.mode == "free");
    p.mode = "standing";
    REQUIRE(s.setPose(p, "Standing").ok());
    CHECK(s.pose().mode == "standing");
    p.mode = "free";
    p.coordinates["hip_flexion_r"] = 35.0;
    p.coordinates["pelvis_tilt"] = 8.0;
    REQUIRE(s.setPose(p, "Lesson step").ok());
    CHECK(s.pose().coordinates.at("hip_flexion_r") == Approx(35.0));
    CHECK(s.pose().coordinates.at("pelvis_tilt") == Approx(8.0));
    CHECK(s.pose().mode == "free");
    Pose bad = p;
    bad.mode = "floating";
    auto st = s.setPose(bad, "bad");
    CHECK_FALSE(st.ok());
    CHECK(st.message().find("floating") != std::string::npos);
}

TEST_CASE("Session: a lesson step's layers and selection arrive as one change and one undo step",
          "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    Recorder r(s);
    LayerState wanted = s.layers();
    wanted.isolate("psoas_major_r");
    CHECK(s.applyLayersAndSelection(wanted.toJson(), "psoas_major_r", "Lesson step 2"));
    REQUIRE(r.seen.size() == 1);
    CHECK(r.seen[0].change.layers);
    CHECK(r.seen[0].change.selection);
    CHECK(r.seen[0].selected == "psoas_major_r");
    CHECK(s.history().undoLabel() == "Lesson step 2");
    CHECK_FALSE(s.applyLayersAndSelection(wanted.toJson(), "psoas_major_r", "again")); // nothing new
}

TEST_CASE("Session: listeners can leave while being told, and a new document resets everything",
          "[app][session]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    int calls = 0;
    int token = 0;
    token = s.subscribe([&](const Change&) {
        ++calls;
        s.unsubscribe(token);
    });
    s.select("psoas_major_r");
    s.select("");
    CHECK(calls == 1);
    Recorder r(s);
    REQUIRE(s.select("psoas_major_r"));
    s.setDocument(doc.get());
    CHECK(r.seen.back().change.document);
    CHECK(r.seen.back().selected.empty());
    CHECK_FALSE(s.history().canUndo());
    s.setDocument(nullptr);
    CHECK_FALSE(s.select("psoas_major_r"));
    CHECK(s.pose().empty());
}

TEST_CASE("Session: a lesson step's shown marks come with its selection and go when the user selects something else",
          "[app][session][show]")
{
    auto doc = openDoc();
    Session s;
    s.setDocument(doc.get());
    Recorder r(s);
    const std::vector<std::string> marks{"psoas_major_r.origin.l1_tp", "lm_iliopubic_eminence_r"};
    CHECK(s.applyLayersAndSelection(nullptr, "psoas_major_r", "Lesson step", marks));
    CHECK(s.shown() == marks);
    REQUIRE(r.seen.size() == 1);
    CHECK(r.seen[0].change.shown);
    CHECK(r.seen[0].change.selection);
    // The same step again changes nothing; the next step with other marks only changes the marks.
    CHECK_FALSE(s.applyLayersAndSelection(nullptr, "psoas_major_r", "Lesson step", marks));
    CHECK(s.applyLayersAndSelection(nullptr, "psoas_major_r", "Lesson step", {"lm_iliopubic_eminence_r"}));
    REQUIRE(r.seen.size() == 2);
    CHECK(r.seen[1].change.shown);
    CHECK_FALSE(r.seen[1].change.selection);
    // The user clicks another structure: the step's marks go with the old selection.
    CHECK(s.select("iliacus_r"));
    CHECK(s.shown().empty());
    REQUIRE(r.seen.size() == 3);
    CHECK(r.seen[2].change.shown);
}
