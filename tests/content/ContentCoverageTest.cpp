// Coverage of the real assets/content against the real catalog: every structure has an
// article, every symptom concerns a structure, every item cites a source, no listed error
// phrase appears, opinion is labelled as opinion.
#include "anatomy/Catalog.h"
#include "content/ContentLibrary.h"
#include "content/DefaultIds.h"
#include "core/AtomicFile.h"
#include "TestDirs.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

using namespace psoas;
using namespace psoas::content;
namespace fs = std::filesystem;

namespace {

const std::string kContent = std::string(PSOAS_ASSETS_DIR) + "/content";

struct Fixture {
    ContentLibrary library;
    std::vector<StructureInfo> structures;
    std::vector<anatomy::Structure> catalog;
    std::set<std::string> poses;
    std::vector<Diagnostic> problems;

    Fixture()
    {
        library = ContentLibrary::load(kContent, problems);
        const std::string catalogPath = std::string(PSOAS_ASSETS_DIR) + "/models/catalog.json";
        if (fs::exists(catalogPath)) {
            auto cat = anatomy::Catalog::load(catalogPath);
            REQUIRE(cat.ok());
            catalog = cat->structures();
            for (const auto& s : catalog) structures.push_back({s.id, s.name, s.latin, s.content});
        } else {
            structures = defaultStructures();
            for (const auto& s : structures) {
                anatomy::Structure a;
                a.id = s.id;
                catalog.push_back(a);
            }
        }
        for (const auto& e : fs::directory_iterator(std::string(PSOAS_ASSETS_DIR) + "/poses"))
            if (e.path().extension() == ".json") poses.insert(e.path().stem().string());
        if (poses.empty())
            for (const auto& p : defaultPoseNames()) poses.insert(p);
        library.validate(structures, poses, problems);
    }
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

TEST_CASE("the shipped content validates with no problems", "[content][coverage]")
{
    Fixture f;
    std::string all;
    for (const auto& p : f.problems) all += p.toString() + "\n";
    INFO(all);
    CHECK(f.problems.empty());
}

TEST_CASE("every catalog structure has an article", "[content][coverage]")
{
    Fixture f;
    for (const auto& s : f.catalog) {
        if (s.kind == anatomy::StructureKind::Attachment) continue; // part of its muscle's article
        bool found = false;
        for (const auto& id : s.content)
            if (const ContentItem* item = f.library.find(id); item && item->type == ItemType::Article) found = true;
        for (const auto& item : f.library.items())
            if (item.type == ItemType::Article &&
                std::find(item.structures.begin(), item.structures.end(), s.id) != item.structures.end())
                found = true;
        INFO("structure " << s.id);
        CHECK(found);
    }
}

TEST_CASE("the required items exist with the right types", "[content][coverage]")
{
    Fixture f;
    auto expect = [&](const std::vector<std::string>& ids, ItemType type) {
        for (const auto& id : ids) {
            INFO(id);
            const ContentItem* item = f.library.find(id);
            REQUIRE(item);
            CHECK(item->type == type);
        }
    };
    expect({"psoas_major", "psoas_minor", "iliacus", "diaphragm", "lumbar_vertebrae", "pelvis_femur_landmarks",
            "thoracic_cage", "quadratus_lumborum", "gluteus_maximus", "rectus_femoris"},
           ItemType::Article);
    expect({"anterior_pelvic_tilt", "sitting_hip_flexors", "tight_vs_weak_psoas", "psoas_running_pregnancy",
            "breathing_and_psoas", "when_to_see_professional", "low_back_pain_psoas", "psoas_lumbar_plexus",
            "kidney_ureter_relations", "iliopsoas_clinical_tests", "glossary", "psoas_blood_supply"},
           ItemType::Topic);
    expect({"disclaimer"}, ItemType::Disclaimer);
    expect({"front_hip_pain", "restricted_hip", "iliopsoas_bursitis_tendinitis", "hip_extension_difficulty",
            "deep_pelvic_pain", "deep_bellyache", "chronic_constipation", "twisted_pelvis", "hip_flexor_strain",
            "snapping_hip", "psoas_abscess"},
           ItemType::Symptom);
    expect({"thomas_stretch", "kneeling_lunge", "leg_lifts", "glute_bridge", "ball_bridge",
            "foam_rolling_tfl_adductors"},
           ItemType::Exercise);
}

TEST_CASE("every symptom concerns a structure, every exercise has a known pose", "[content][coverage]")
{
    Fixture f;
    std::set<std::string> known;
    for (const auto& s : f.structures) known.insert(s.id);
    for (const auto& item : f.library.items()) {
        INFO(item.file);
        if (item.type == ItemType::Symptom) {
            CHECK_FALSE(item.structures.empty());
            for (const auto& s : item.structures) CHECK(known.count(s) == 1);
        }
        if (item.type == ItemType::Exercise) CHECK(f.poses.count(item.pose) == 1);
    }
}

TEST_CASE("every item cites a listed source, notes point to the disclaimer", "[content][coverage]")
{
    Fixture f;
    std::set<std::string> sources;
    for (const auto& s : f.library.sources()) sources.insert(s.id);
    REQUIRE_FALSE(sources.empty());
    for (const auto& item : f.library.items()) {
        INFO(item.file);
        CHECK_FALSE(item.sources.empty());
        for (const auto& s : item.sources) CHECK(sources.count(s) == 1);
        if (item.type == ItemType::Symptom || item.type == ItemType::Exercise || item.type == ItemType::Topic)
            CHECK_THAT(item.body, Catch::Contains("(content:disclaimer)"));
    }
}

TEST_CASE("no content file repeats an error listed in the data sheet", "[content][coverage]")
{
    auto listText = core::readFile(std::string(PSOAS_TEST_DATA_DIR) + "/content/forbidden_phrases.txt");
    REQUIRE(listText.ok());
    std::vector<std::string> phrases;
    std::string line;
    for (char c : listText.value() + "\n") {
        if (c != '\n') {
            line += c;
            continue;
        }
        if (!line.empty() && line[0] != '#') phrases.push_back(lower(line));
        line.clear();
    }
    REQUIRE(phrases.size() >= 10);
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(kContent)) {
        if (e.path().extension() != ".md") continue;
        ++files;
        auto text = core::readFile(e.path().string());
        REQUIRE(text.ok());
        const std::string body = lower(text.value());
        for (const auto& phrase : phrases) {
            INFO(e.path().string() << " contains the listed error phrase \"" << phrase << "\"");
            CHECK(body.find(phrase) == std::string::npos);
        }
        // "muscle of the soul" is an opinion and must be presented as one
        if (body.find("muscle of the soul") != std::string::npos) {
            INFO(e.path().string() << " mentions \"muscle of the soul\" without calling it an opinion or view");
            CHECK((body.find("opinion") != std::string::npos || body.find(" view") != std::string::npos ||
                   body.find("belief") != std::string::npos));
        }
    }
    CHECK(files >= 40);
}
