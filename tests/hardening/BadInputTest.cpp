// The bad-input corpus (tests/data/bad/) through the real code paths: every file gives an
// error naming the file (and line or step) and saying what to do; nothing crashes. The
// command-line cases run the psoas-atlas executable itself.
#include "HardeningUtil.h"

#include "app/Document.h"
#include "content/ContentLibrary.h"
#include "content/ContentParser.h"
#include "io/ModelLoader.h"
#include "app/Lesson.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace psoas;
using namespace psoas::hardening;

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// The message tells the user what to do, not only what went wrong.
bool saysWhatToDo(const std::string& message)
{
    const std::string m = lower(message);
    for (const char* hint : {"re-export", "check", "choose", "use ", "regenerate", "remove", "split", "fix",
                             "keep", "save", "add", "close", "replace", "did you", "rename", "break", "must",
                             "allowed", "the limit is", "convert", "merge", "simplify"})
        if (m.find(hint) != std::string::npos) return true;
    return false;
}

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        std::size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return out;
}

// Opens a bad model file, which must be refused within a second by a message that starts by
// naming the file; returns the message.
std::string refusedAtOnce(const std::string& path)
{
    const auto start = std::chrono::steady_clock::now();
    auto m = io::loadModel(path);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK_FALSE(m.ok());
    CHECK(seconds < 1.0);
    const std::string message = m.ok() ? std::string() : m.message();
    CHECK(message.find("Cannot open model '" + path + "'") == 0);
    return message;
}

} // namespace

TEST_CASE("Every bad model file is refused with a message naming the file and what to do", "[hardening][bad][model]")
{
    const auto files = filesIn(badDir("model"));
    REQUIRE(files.size() >= 15);
    for (const auto& path : files) {
        INFO(path);
        auto doc = app::Document::open(path);
        REQUIRE_FALSE(doc.ok());
        INFO(doc.message());
        CHECK(doc.message().find(path) != std::string::npos);
        CHECK(saysWhatToDo(doc.message()));
    }
}

TEST_CASE("The model loader refuses NaN, huge values and out-of-range indices by name", "[hardening][bad][model]")
{
    struct Case { const char* file; const char* expect; };
    const Case cases[] = {
        {"nan_vertex.gltf", "Re-export"}, // assimp drops the invalid mesh, or we refuse the vertex
        {"huge_vertex.gltf", "invalid vertex position"},
        {"empty.glb", "empty"},
        {"text_as.glb", "damaged, truncated or not a model"},
    };
    for (const auto& c : cases) {
        const std::string path = badDir("model/") + c.file;
        INFO(path);
        auto m = io::loadModel(path);
        REQUIRE_FALSE(m.ok());
        INFO(m.message());
        CHECK(m.message().find(c.expect) != std::string::npos);
    }
}

TEST_CASE("Model formats whose readers trust header counts are refused at once", "[hardening][bad][model]")
{
    for (const char* file : {"lying_count.ply", "not_allowed.fbx", "not_allowed.stl"}) {
        // assimp's PLY reader took over a minute and gigabytes on lying_count.ply.
        const std::string path = badDir("model/") + file;
        INFO(path);
        const std::string message = refusedAtOnce(path);
        INFO(message);
        CHECK(message.find("not a supported model format") != std::string::npos);
        CHECK(message.find("Convert the model to .glb") != std::string::npos);
    }
    CHECK(io::supportedModelExtensions() == std::vector<std::string>{"glb", "gltf", "obj"});
}

TEST_CASE("A file whose content is another format than its extension says is refused at once", "[hardening][bad][model]")
{
    // A PLY header promising 200 million vertices, named .glb, .gltf and .obj. assimp used to
    // recognise the content and run its PLY reader on it: 2.3 GB and 42 s for the .glb.
    for (const char* file : {"ply_as.glb", "ply_as.gltf", "ply_as.obj"}) {
        const std::string path = badDir("model/") + file;
        INFO(path);
        CHECK(refusedAtOnce(path).find("Re-export it") != std::string::npos);
    }
}

TEST_CASE("A .glb whose header or chunk lengths run past the end of the file is refused before assimp reads it",
          "[hardening][bad][model]")
{
    // assimp allocated whatever the JSON chunk's length said: 4 GB for lying_chunk.glb.
    const std::pair<const char*, const char*> cases[] = {
        {"lying_chunk.glb", "chunk 0 says 4143907340 bytes, past the end of the file"},
        {"lying_length.glb", "its header says 1000000000 bytes"},
        {"truncated_bin.glb", "its header says 976 bytes, the file has 916"},
        {"header_only.glb", "the file has 12"},
    };
    for (const auto& [file, expect] : cases) {
        const std::string path = badDir("model/") + file;
        INFO(path);
        const std::string message = refusedAtOnce(path);
        INFO(message);
        CHECK(message.find(expect) != std::string::npos);
        CHECK(message.find("damaged, truncated or not a model") != std::string::npos);
    }
}

TEST_CASE("A glTF file cannot make the loader read files outside its folder", "[hardening][bad][model][untrusted]")
{
    struct Case { const char* file; const char* expect; };
    const Case cases[] = {
        {"buffer_parent.gltf", "buffers[0] refers to '../../../../etc/passwd', which is not a file in the model's folder"},
        {"buffer_absolute.gltf", "buffers[0] refers to '/etc/passwd'"},
        {"buffer_file_url.gltf", "buffers[0] refers to 'file:///etc/passwd'"},
        {"image_absolute.gltf", "images[0] refers to '/home/someone/.ssh/id_rsa.png'"},
    };
    for (const auto& c : cases) {
        const std::string path = badDir("model/") + c.file;
        INFO(path);
        auto m = io::loadModel(path);
        REQUIRE_FALSE(m.ok());
        INFO(m.message());
        CHECK(m.message().find("Cannot open model '" + path + "': " + c.expect) == 0);
        CHECK(m.message().find("export a single .glb") != std::string::npos);
    }
    // A buffer file beside the model that is a symlink to somewhere else is refused too; a
    // real file beside it is fine.
    TempDir outside, dir;
    std::string gltf;
    {
        std::ifstream in(badDir("model/buffer_absolute.gltf"));
        gltf.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto withUri = [&](const std::string& uri) { return replaceAll(gltf, "\"/etc/passwd\"", "\"" + uri + "\""); };
    const float positions[9] = {0.0f, 0.0f, 0.0f, 0.1f, 0.0f, 0.0f, 0.0f, 0.1f, 0.0f};
    const std::string bytes = std::string(reinterpret_cast<const char*>(positions), sizeof positions) +
                              std::string("\0\0\1\0\2\0\0\0", 8);
    std::ofstream(outside.file("data.bin"), std::ios::binary) << bytes;
    std::filesystem::create_symlink(outside.file("data.bin"), dir.file("linked.bin"));
    std::ofstream(dir.file("linked.gltf")) << withUri("linked.bin");
    auto linked = io::loadModel(dir.file("linked.gltf"));
    REQUIRE_FALSE(linked.ok());
    CHECK(linked.message().find("buffers[0] refers to 'linked.bin'") != std::string::npos);
    std::filesystem::copy_file(outside.file("data.bin"), dir.file("beside.bin"));
    std::ofstream(dir.file("beside.gltf")) << withUri("beside.bin");
    auto beside = io::loadModel(dir.file("beside.gltf"));
    INFO((beside.ok() ? std::string() : beside.message()));
    CHECK(beside.ok());
}

TEST_CASE("A glTF node tree that is too deep or loops is refused before assimp walks it", "[hardening][bad][model]")
{
    for (const char* file : {"deep_nodes.gltf", "node_cycle.gltf"}) {
        const std::string path = badDir("model/") + file;
        INFO(path);
        auto m = io::loadModel(path);
        REQUIRE_FALSE(m.ok());
        INFO(m.message());
        CHECK(m.message().find("Cannot open model '" + path + "': its node tree is deeper than 256 levels (or loops)") == 0);
    }
}

TEST_CASE("Every bad content file is refused with file:line and what to do", "[hardening][bad][content]")
{
    for (const auto& path : filesIn(badDir("content"))) {
        if (path.find("unknown_structure") != std::string::npos) continue; // valid on its own; see below
        INFO(path);
        auto item = content::ContentParser::parseFile(path);
        REQUIRE_FALSE(item.ok());
        INFO(item.message());
        CHECK(item.message().find(path) != std::string::npos);
        CHECK(saysWhatToDo(item.message()));
        const bool wholeFile = path.find("huge_file") != std::string::npos;
        if (!wholeFile) CHECK(item.message().find(path + ":") == 0);
    }
}

TEST_CASE("A content file with an unknown structure id is reported by the library check", "[hardening][bad][content]")
{
    const std::string path = badDir("content/unknown_structure.md");
    auto item = content::ContentParser::parseFile(path);
    REQUIRE(item.ok());
    auto lib = content::ContentLibrary::fromItems({item.value()}, {});
    std::vector<content::Diagnostic> problems;
    content::StructureInfo psoas;
    psoas.id = "psoas_major_r";
    lib.validate({psoas}, {}, problems);
    REQUIRE_FALSE(problems.empty());
    bool named = false;
    for (const auto& d : problems) {
        INFO(d.toString());
        if (d.toString().find("psoas_maximus") != std::string::npos) {
            named = true;
            CHECK(d.toString().find("unknown_structure.md") != std::string::npos);
            CHECK(d.line > 0);
            CHECK(saysWhatToDo(d.message));
        }
    }
    CHECK(named);
}

TEST_CASE("A content folder full of bad files loads the rest and reports each one", "[hardening][bad][content]")
{
    TempDir dir;
    std::filesystem::create_directories(dir.file("articles"));
    std::filesystem::create_directories(dir.file("symptoms"));
    std::filesystem::create_directories(dir.file("exercises"));
    std::ofstream(dir.file("sources.json")) << "[]";
    int copied = 0;
    for (const auto& path : filesIn(badDir("content"))) {
        std::filesystem::copy_file(path, dir.file("articles/" + std::filesystem::path(path).filename().string()));
        ++copied;
    }
    std::vector<content::Diagnostic> problems;
    auto lib = content::ContentLibrary::load(dir.path(), problems);
    CHECK(lib.items().size() == 1); // only unknown_structure.md parses on its own
    CHECK(problems.size() >= std::size_t(copied - 1));
    for (const auto& d : problems) {
        INFO(d.toString());
        CHECK(d.toString().find(dir.path()) != std::string::npos);
    }
}

namespace {

app::LessonVocabulary testVocabulary()
{
    app::LessonVocabulary v;
    v.structures = {"psoas_major_r", "psoas_major_l", "l3", "iliacus_r"};
    v.presets = {"neutral", "sitting"};
    v.coordinates["hip_flexion_r"] = {-30.0, 120.0};
    v.coordinates["pelvis_tilt"] = {-20.0, 25.0};
    return v;
}

} // namespace

TEST_CASE("Lesson files that are not lessons are refused with the file named", "[hardening][bad][lesson]")
{
    for (const char* file : {"empty.json", "broken_json.json", "not_an_object.json", "no_steps.json",
                             "nan_literal.json", "number_overflow.json"}) {
        const std::string path = badDir("lesson/") + file;
        INFO(path);
        auto lesson = app::Lesson::load(path, testVocabulary());
        REQUIRE_FALSE(lesson.ok());
        INFO(lesson.message());
        CHECK(lesson.message().find(path) != std::string::npos);
        const bool explained = saysWhatToDo(lesson.message()) ||
                               lesson.message().find("not a lesson") != std::string::npos ||
                               lesson.message().find("line") != std::string::npos;
        CHECK(explained);
    }
}

TEST_CASE("Lessons with wrong types, unknown ids, missing fields and wild angles open with warnings",
          "[hardening][bad][lesson]")
{
    const auto vocab = testVocabulary();
    for (const char* file : {"wrong_types.json", "unknown_ids.json", "missing_fields.json", "out_of_range_angles.json"}) {
        const std::string path = badDir("lesson/") + file;
        INFO(path);
        auto lesson = app::Lesson::load(path, vocab);
        REQUIRE(lesson.ok());
        CHECK_FALSE(lesson->warnings.empty());
        for (const auto& w : lesson->warnings) {
            INFO(w);
            CHECK(w.find(path + ": ") == 0);
            CHECK(w.find("field \"") != std::string::npos);
        }
        for (const auto& step : lesson->lesson.steps) {
            for (const auto& [coord, value] : step.pose.coordinates) {
                INFO(coord << " = " << value);
                REQUIRE(vocab.coordinates.count(coord) == 1);
                CHECK(std::isfinite(value));
                CHECK(value >= vocab.coordinates.at(coord).min);
                CHECK(value <= vocab.coordinates.at(coord).max);
            }
            for (const auto& id : step.selection) CHECK(vocab.structures.count(id) == 1);
            CHECK(std::isfinite(step.camera.distance));
            CHECK(step.camera.distance >= 0.0f);
            CHECK(std::isfinite(step.camera.target.x));
        }
    }
}

TEST_CASE("A lesson names the step and field of each problem", "[hardening][bad][lesson]")
{
    const std::string path = badDir("lesson/unknown_ids.json");
    auto lesson = app::Lesson::load(path, testVocabulary());
    REQUIRE(lesson.ok());
    std::string all;
    for (const auto& w : lesson->warnings) all += w + "\n";
    INFO(all);
    for (const char* needle : {"psoas_maximus", "from_the_ceiling", "handstand", "cartwheel", "tail_wag",
                               "../../../etc/passwd", "\"sound\""})
        CHECK(all.find(needle) != std::string::npos);
    REQUIRE(lesson->lesson.steps.size() == 1);
    const auto& step = lesson->lesson.steps.front();
    CHECK(step.selection == std::vector<std::string>{"l3"});
    CHECK(step.pose.coordinates.count("hip_flexion_r") == 1);
    CHECK(step.pose.coordinates.count("tail_wag") == 0);
}

#ifdef PSOAS_ATLAS_EXE
TEST_CASE("Bad command-line values exit non-zero and name the value", "[hardening][bad][cli]")
{
    std::ifstream in(badDir("cli/cases.txt"));
    REQUIRE(in);
    TempDir tmp;
    std::string line;
    int cases = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        line = replaceAll(replaceAll(line, "@DATA@", PSOAS_TEST_DATA_DIR), "@TMP@", tmp.path());
        auto fields = splitTabs(line);
        REQUIRE(fields.size() >= 3);
        const int expectedExit = std::stoi(fields[0]);
        const std::string expectText = fields[1];
        std::vector<std::string> args(fields.begin() + 2, fields.end());
        args.push_back("--assets");
        args.push_back(PSOAS_ASSETS_DIR);
        INFO(line);
        auto r = runProcess(PSOAS_ATLAS_EXE, args);
        INFO(r.output);
        CHECK(r.signal == 0);
        CHECK(r.exitCode == expectedExit);
        CHECK(r.output.find(expectText) != std::string::npos);
        CHECK(r.output.find("psoas-atlas") != std::string::npos);
        ++cases;
    }
    CHECK(cases >= 20);
}
#endif
