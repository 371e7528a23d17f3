// The checks a model file passes before assimp sees it (ModelPrecheck.h).
#include "io/ModelPrecheck.h"

#include "core/AtomicFile.h"
#include "core/FileKind.h"
#include "core/FolderContainment.h"
#include "core/JsonFile.h"
#include "io/ModelLoader.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace psoas::io {
namespace {

// Formats the loader opens. Others (PLY, FBX, DAE, ...) are refused before assimp sees them:
// their readers trust the element counts in the header, so a small hostile file can make them
// allocate gigabytes and run for minutes. glTF and OBJ work in proportion to the file's size.
const char* const kFormats[] = {"glb", "gltf", "obj"};
constexpr std::uintmax_t kMaxModelBytes = 512u << 20;
constexpr std::size_t kMaxNodes = 100000;
constexpr std::size_t kMaxDepth = 256;
// Work budgets, checked on the file's own counts before assimp expands anything: a small file
// can name one large accessor from many primitives, or one mesh from many nodes, and every
// copy is expanded and drawn. The built-in model draws about 219,000 triangles.
constexpr std::uint64_t kMaxTrianglesDrawn = 2'000'000;
constexpr std::uint64_t kMaxVerticesExpanded = 3'000'000;

std::string overBudget(std::uint64_t triangles, std::uint64_t vertices)
{
    if (triangles > kMaxTrianglesDrawn)
        return "it would draw " + std::to_string(triangles) + " triangles (counting every primitive and node that "
               "uses a mesh); the budget is " + std::to_string(kMaxTrianglesDrawn) +
               " triangles drawn. Simplify the model (for example with Blender's Decimate) before opening it.";
    if (vertices > kMaxVerticesExpanded)
        return "it would expand to " + std::to_string(vertices) + " vertices (every primitive gets its own copy); "
               "the budget is " + std::to_string(kMaxVerticesExpanded) +
               " vertices. Simplify the model or share fewer accessors between primitives.";
    return {};
}

// Reads a .glb's container: the header and every chunk header are checked against the file's
// real size before assimp sees them, because assimp 5.2 allocates whatever a chunk's length
// says (fuzz_model_loader found a 1 KB file whose JSON chunk claimed 4 GB). Only the headers
// and the JSON chunk are read, not the (large) binary chunk: this is on the start-up path.
// Returns the JSON text in `json`, or what is wrong.
std::string readGlb(const std::string& path, std::uint64_t fileSize, std::string& json)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return "it cannot be read";
    const auto u32 = [&in](std::uint32_t& v) { return bool(in.read(reinterpret_cast<char*>(&v), 4)); };
    char magic[4] = {};
    std::uint32_t version = 0, total = 0;
    if (fileSize < 12 || !in.read(magic, 4) || std::memcmp(magic, "glTF", 4) != 0 || !u32(version) || !u32(total))
        return "no binary glTF header";
    if (version != 2) return "binary glTF version " + std::to_string(version) + ", not 2";
    if (total > fileSize)
        return "its header says " + std::to_string(total) + " bytes, the file has " + std::to_string(fileSize);
    std::uint64_t at = 12;
    for (int chunk = 0; at < total; ++chunk) {
        std::uint32_t length = 0, type = 0;
        if (total - at < 8 || !u32(length) || !u32(type)) return "chunk " + std::to_string(chunk) + " is cut off";
        if (length > total - at - 8)
            return "chunk " + std::to_string(chunk) + " says " + std::to_string(length) + " bytes, past the end of the file";
        if (chunk == 0) {
            if (type != 0x4E4F534Au) return "its first chunk is not JSON";
            json.resize(length);
            if (!in.read(json.data(), std::streamsize(length))) return "chunk 0 is cut off";
        } else {
            in.seekg(std::streamoff(length), std::ios::cur);
        }
        at += 8 + std::uint64_t(length);
    }
    if (at == 12) return "it has no JSON chunk";
    return {};
}

// A URI in a glTF file may only name data embedded in the file or a file beside it (not an
// absolute path, not "..", no other scheme, and no symlink leading out of the folder).
bool safeUri(const std::string& uri, const std::filesystem::path& folder)
{
    namespace fs = std::filesystem;
    if (uri.rfind("data:", 0) == 0) return true;
    if (uri.empty() || uri.find(':') != std::string::npos || uri[0] == '/' || uri[0] == '\\') return false;
    const fs::path rel(uri);
    for (const auto& part : rel)
        if (part == "..") return false;
    std::error_code ec;
    const fs::path root = fs::canonical(folder, ec);
    if (ec) return false;
    const fs::path real = fs::weakly_canonical(root / rel, ec);
    return !ec && core::isWithinFolder(real, root);
}

// JOINTS_n and WEIGHTS_n attributes must be what the glTF specification allows (VEC4 of
// unsigned byte/short joints; VEC4 of float or normalised unsigned byte/short weights), or
// assimp reads four values per vertex from an accessor that holds fewer.
std::string checkSkinAttributes(const nlohmann::json& j)
{
    const auto accessors = j.find("accessors");
    const auto meshes = j.find("meshes");
    if (accessors == j.end() || !accessors->is_array() || meshes == j.end() || !meshes->is_array()) return {};
    for (std::size_t m = 0; m < meshes->size(); ++m) {
        const auto& mesh = (*meshes)[m];
        if (!mesh.is_object() || !mesh.contains("primitives") || !mesh["primitives"].is_array()) continue;
        for (std::size_t p = 0; p < mesh["primitives"].size(); ++p) {
            const auto& prim = mesh["primitives"][p];
            if (!prim.is_object() || !prim.contains("attributes") || !prim["attributes"].is_object()) continue;
            for (auto a = prim["attributes"].begin(); a != prim["attributes"].end(); ++a) {
                const bool joints = a.key().rfind("JOINTS_", 0) == 0, weights = a.key().rfind("WEIGHTS_", 0) == 0;
                if (!joints && !weights) continue;
                const std::string where = "meshes[" + std::to_string(m) + "].primitives[" + std::to_string(p) +
                                          "].attributes." + a.key();
                if (!a->is_number_unsigned() || a->get<std::size_t>() >= accessors->size())
                    return where + " is not an accessor index. Re-export the model.";
                const auto& acc = (*accessors)[a->get<std::size_t>()];
                const std::string type = acc.is_object() && acc.contains("type") && acc["type"].is_string()
                                             ? acc["type"].get<std::string>() : std::string();
                const int component = acc.is_object() && acc.contains("componentType") &&
                                              acc["componentType"].is_number_integer()
                                          ? acc["componentType"].get<int>() : 0;
                const bool componentOk = joints ? (component == 5121 || component == 5123)
                                                : (component == 5126 || component == 5121 || component == 5123);
                if (type != "VEC4" || !componentOk)
                    return where + " uses an accessor of type " + (type.empty() ? std::string("(none)") : type) +
                           " with component type " + std::to_string(component) + "; skin " +
                           (joints ? "joints must be VEC4 of unsigned byte or short" : "weights must be VEC4 of float "
                                                                                       "or normalised unsigned byte/short") +
                           ". Re-export the model.";
            }
        }
    }
    return {};
}

// The triangles a glTF draws and the vertices assimp expands, from the accessor counts: each
// primitive is expanded once per mesh, each mesh drawn once per node that names it.
std::string checkGltfBudget(const nlohmann::json& j)
{
    const auto accessors = j.find("accessors");
    const auto meshes = j.find("meshes");
    if (accessors == j.end() || !accessors->is_array() || meshes == j.end() || !meshes->is_array()) return {};
    auto count = [&](const nlohmann::json& index) -> std::uint64_t {
        if (!index.is_number_unsigned() || index.get<std::uint64_t>() >= accessors->size()) return 0;
        const auto& a = (*accessors)[index.get<std::size_t>()];
        return a.is_object() && a.contains("count") && a["count"].is_number_unsigned()
                   ? std::min<std::uint64_t>(a["count"].get<std::uint64_t>(), 1ull << 40) : 0;
    };
    std::vector<std::uint64_t> meshTriangles(meshes->size(), 0);
    std::uint64_t vertices = 0;
    for (std::size_t m = 0; m < meshes->size(); ++m) {
        const auto& mesh = (*meshes)[m];
        if (!mesh.is_object() || !mesh.contains("primitives") || !mesh["primitives"].is_array()) continue;
        for (const auto& prim : mesh["primitives"]) {
            if (!prim.is_object() || !prim.contains("attributes") || !prim["attributes"].is_object()) continue;
            const std::uint64_t v = prim["attributes"].contains("POSITION") ? count(prim["attributes"]["POSITION"]) : 0;
            const std::uint64_t corners = prim.contains("indices") ? count(prim["indices"]) : v;
            vertices += std::max(v, corners); // assimp may unshare indexed vertices
            meshTriangles[m] += corners / 3;
        }
    }
    std::uint64_t triangles = 0;
    if (j.contains("nodes") && j["nodes"].is_array())
        for (const auto& node : j["nodes"])
            if (node.is_object() && node.contains("mesh") && node["mesh"].is_number_unsigned() &&
                node["mesh"].get<std::uint64_t>() < meshTriangles.size())
                triangles += meshTriangles[node["mesh"].get<std::size_t>()];
    return overBudget(triangles, vertices);
}

// An OBJ's material libraries (mtllib lines) may only name regular files in the model's folder,
// and its faces must fit the work budgets.
std::string checkObj(const std::string& path, const std::string& text)
{
    namespace fs = std::filesystem;
    const fs::path folder = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
    std::size_t lineNo = 0, start = 0;
    std::uint64_t triangles = 0, vertices = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        ++lineNo;
        const std::size_t first = line.find_first_not_of(" \t");
        if (first != std::string::npos && line.compare(first, 2, "f ") == 0) {
            std::size_t corners = 0; // a face of n corners is n - 2 triangles
            for (std::size_t k = first + 1; k < line.size(); ++k)
                if (line[k] != ' ' && line[k] != '\t' && (line[k - 1] == ' ' || line[k - 1] == '\t')) ++corners;
            if (corners >= 3) triangles += corners - 2;
            vertices += corners;
        }
        if (first == std::string::npos || line.compare(first, 6, "mtllib") != 0) continue;
        std::string name = line.substr(first + 6);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
        const std::size_t b = name.find_first_not_of(" \t");
        name = b == std::string::npos ? std::string() : name.substr(b);
        if (name.empty()) continue;
        const std::string at = "line " + std::to_string(lineNo) + ": mtllib '" + name.substr(0, 200) + "'";
        if (name.rfind("data:", 0) == 0 || !safeUri(name, folder))
            return at + " is not a file in the model's folder. Keep the .mtl beside the .obj (no folders above it, "
                        "no absolute paths or links), or remove the line.";
        if (const std::string kind = core::specialFileKind((folder / name).string()); !kind.empty())
            return at + " is " + kind + ", not a material file; it is not opened. Put the .mtl file there.";
    }
    return overBudget(triangles, vertices);
}

// Checks of a glTF file's JSON that assimp does not make: external files stay in the model's
// folder, and the node tree is a tree of bounded size and depth (assimp walks it recursively).
// An empty string means fine (or not JSON, which assimp reports in its own words).
std::string checkGltf(const std::string& path, const std::string& text)
{
    // Strict by construction: the JSON assimp will read is checked here, and any text this reading
    // cannot take strictly (duplicate keys, bytes that are not UTF-8, deep nesting, numbers out of
    // range, syntax errors) is refused, so the checks below always see the values assimp uses.
    auto parsed = core::parseJson(text, "the glTF JSON");
    if (!parsed)
        return parsed.message() + " The model is not opened: Re-export it, or use the built-in model.";
    const nlohmann::json& j = *parsed;
    if (!j.is_object()) return "the glTF JSON is not an object; this is not a glTF model. Export it again.";
    const auto folder = std::filesystem::path(path).parent_path().empty() ? std::filesystem::path(".")
                                                                          : std::filesystem::path(path).parent_path();
    for (const char* key : {"buffers", "images"}) {
        if (!j.contains(key) || !j[key].is_array()) continue;
        for (std::size_t i = 0; i < j[key].size(); ++i) {
            const auto& e = j[key][i];
            if (!e.is_object() || !e.contains("uri") || !e["uri"].is_string()) continue;
            const std::string uri = e["uri"].get<std::string>();
            if (!safeUri(uri, folder))
                return std::string(key) + "[" + std::to_string(i) + "] refers to '" + uri.substr(0, 200) +
                       "', which is not a file in the model's folder. Keep the data beside the .gltf (no folders "
                       "above it, no absolute paths or links) or export a single .glb.";
            if (uri.rfind("data:", 0) != 0)
                if (const std::string kind = core::specialFileKind((folder / uri).string()); !kind.empty())
                    return std::string(key) + "[" + std::to_string(i) + "] refers to '" + uri.substr(0, 200) + "', which is " +
                           kind + ", not a data file; it is not opened. Put the model's .bin or image file there.";
        }
    }
    if (const std::string problem = checkSkinAttributes(j); !problem.empty()) return problem;
    if (const std::string problem = checkGltfBudget(j); !problem.empty()) return problem;
    if (!j.contains("nodes") || !j["nodes"].is_array()) return {};
    const auto& nodes = j["nodes"];
    if (nodes.size() > kMaxNodes)
        return "it has " + std::to_string(nodes.size()) + " nodes; the limit is " + std::to_string(kMaxNodes) +
               ". Merge nodes before exporting.";
    // Parent of every node; a node with two parents or a cycle is not a tree.
    std::vector<long> parent(nodes.size(), -1);
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (!nodes[n].is_object() || !nodes[n].contains("children") || !nodes[n]["children"].is_array()) continue;
        for (const auto& c : nodes[n]["children"]) {
            if (!c.is_number_unsigned() || c.get<std::size_t>() >= nodes.size()) continue; // assimp reports it
            const std::size_t child = c.get<std::size_t>();
            if (parent[child] != -1 || child == n)
                return "node " + std::to_string(child) + " has more than one parent or contains itself. Re-export the model.";
            parent[child] = long(n);
        }
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        std::size_t depth = 0;
        for (long p = parent[n]; p != -1; p = parent[std::size_t(p)])
            if (++depth > kMaxDepth)
                return "its node tree is deeper than " + std::to_string(kMaxDepth) +
                       " levels (or loops). Re-export the model with a flatter hierarchy.";
    }
    return {};
}

} // namespace

core::Error modelError(const std::string& path, const std::string& why)
{
    return core::makeError("Cannot open model '" + path + "': " + why);
}

std::vector<std::string> supportedModelExtensions()
{
    return std::vector<std::string>(std::begin(kFormats), std::end(kFormats));
}

core::Status precheckModel(const std::string& path, std::string& ext)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty()) return core::makeError("No model file given. Pass a file such as assets/models/lumbopelvic.glb.");
    if (!fs::exists(path, ec)) return modelError(path, "the file does not exist. Check the path.");
    if (fs::is_directory(path, ec)) return modelError(path, "it is a folder, not a model file.");
    if (const std::string kind = core::specialFileKind(path); !kind.empty())
        return modelError(path, "it is " + kind + ", not a model file; it is not opened. Choose a .glb, .gltf or .obj file.");
    auto size = fs::file_size(path, ec);
    if (ec || size == 0) return modelError(path, "the file is empty. Choose another file or regenerate it.");
    if (size > kMaxModelBytes)
        return modelError(path, "the file is " + std::to_string(size >> 20) + " MB; the limit is " +
                                    std::to_string(kMaxModelBytes >> 20) + " MB. Simplify the model before opening it.");

    ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (!ext.empty()) ext.erase(0, 1);
    if (std::find(std::begin(kFormats), std::end(kFormats), ext) == std::end(kFormats))
        return modelError(path, "'" + (ext.empty() ? std::string("(no extension)") : "." + ext) +
                                    "' is not a supported model format: the viewer opens glTF (.glb, .gltf) and OBJ models only. "
                                    "Convert the model to .glb (for example with Blender, or `assimp export FILE out.glb`).");
    if (ext == "glb" || ext == "gltf") {
        std::string json;
        if (ext == "glb") {
            if (const std::string problem = readGlb(path, size, json); !problem.empty())
                return modelError(path, "the file is damaged, truncated or not a model (" + problem +
                                            "). Re-export it or use the built-in model.");
        } else {
            auto bytes = core::readFile(path, kMaxModelBytes);
            if (!bytes) return modelError(path, bytes.message());
            json = std::move(bytes).value();
        }
        if (const std::string problem = checkGltf(path, json); !problem.empty()) return modelError(path, problem);
    } else if (ext == "obj") {
        auto bytes = core::readFile(path, kMaxModelBytes);
        if (!bytes) return modelError(path, bytes.message());
        if (const std::string problem = checkObj(path, *bytes); !problem.empty()) return modelError(path, problem);
    }
    return core::Status::success();
}

} // namespace psoas::io
