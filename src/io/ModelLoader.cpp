#include "io/ModelLoader.h"
#include "core/FileKind.h"

#include "core/AtomicFile.h"
#include "core/FolderContainment.h"
#include "core/JsonFile.h"

#include <algorithm>
#include <assimp/BaseImporter.h>
#include <assimp/Importer.hpp>
#include <assimp/importerdesc.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <cstring>
#include <functional>
#include <sstream>

namespace psoas::io {
namespace {

core::Error fail(const std::string& path, const std::string& why)
{
    return core::makeError("Cannot open model '" + path + "': " + why);
}

Mat4 toMat4(const aiMatrix4x4& m)
{
    // assimp is row-major; GLM is column-major.
    return Mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4, m.b4, m.c4, m.d4);
}

std::string metaToString(const aiMetadataEntry& e)
{
    switch (e.mType) {
    case AI_BOOL: return *static_cast<bool*>(e.mData) ? "true" : "false";
    case AI_INT32: return std::to_string(*static_cast<int32_t*>(e.mData));
    case AI_UINT64: return std::to_string(*static_cast<uint64_t*>(e.mData));
    case AI_FLOAT: return core::formatNumber(*static_cast<float*>(e.mData));
    case AI_DOUBLE: return core::formatNumber(*static_cast<double*>(e.mData));
    case AI_AISTRING: return static_cast<aiString*>(e.mData)->C_Str();
    default: return {};
    }
}

void readMeta(const aiMetadata* meta, std::map<std::string, std::string>& out)
{
    if (!meta) return;
    for (unsigned i = 0; i < meta->mNumProperties; ++i) {
        std::string value = metaToString(meta->mValues[i]);
        if (!value.empty() || meta->mValues[i].mType == AI_AISTRING) out[meta->mKeys[i].C_Str()] = value;
    }
}

bool finite(const aiVector3D& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

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

// The vertices whose joint weights do not add up to 1 (within 0.05, for 8-bit weights), or "".
std::string unnormalisedWeights(const std::vector<float>& total, unsigned joints)
{
    std::size_t bad = 0, first = 0;
    for (std::size_t v = 0; v < total.size(); ++v)
        if (!(std::abs(total[v] - 1.0f) <= 0.05f) && bad++ == 0) first = v;
    if (bad == 0) return {};
    return std::to_string(bad) + " of " + std::to_string(total.size()) +
           " vertices have joint weights that do not add up to 1 (vertex " + std::to_string(first) + ": " +
           core::formatNumber(total[first]) + "), from a joint index beyond the skin's " + std::to_string(joints) +
           " joints or from weights that are not normalised. Re-export the model with normalised skin weights.";
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

// Leaves registered in `importer` only the readers that list `ext` among their extensions.
// assimp otherwise sniffs a file whose content does not match its extension and hands it to
// any of its forty readers that recognises a keyword; several of those (irrmesh, PLY, ...)
// trust counts written in the file, and fuzz_model_loader found a 1 KB ".glb" holding the word
// "irrmesh" that made one allocate 1.7 GB. Restricted, such a file is simply refused.
void keepOnlyReadersOf(Assimp::Importer& importer, const std::string& ext)
{
    std::vector<Assimp::BaseImporter*> others;
    for (std::size_t i = 0; i < importer.GetImporterCount(); ++i) {
        const aiImporterDesc* desc = importer.GetImporterInfo(i);
        std::istringstream list(desc && desc->mFileExtensions ? desc->mFileExtensions : "");
        bool reads = false;
        for (std::string e; list >> e;)
            reads = reads || e == ext;
        if (!reads) others.push_back(importer.GetImporter(i));
    }
    for (Assimp::BaseImporter* reader : others) {
        importer.UnregisterLoader(reader);
        delete reader; // no longer owned by the importer once unregistered
    }
}

} // namespace

std::vector<std::string> supportedModelExtensions()
{
    return std::vector<std::string>(std::begin(kFormats), std::end(kFormats));
}

core::Result<anatomy::Model> loadModel(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (path.empty()) return core::makeError("No model file given. Pass a file such as assets/models/lumbopelvic.glb.");
    if (!fs::exists(path, ec)) return fail(path, "the file does not exist. Check the path.");
    if (fs::is_directory(path, ec)) return fail(path, "it is a folder, not a model file.");
    if (const std::string kind = core::specialFileKind(path); !kind.empty())
        return fail(path, "it is " + kind + ", not a model file; it is not opened. Choose a .glb, .gltf or .obj file.");
    auto size = fs::file_size(path, ec);
    if (ec || size == 0) return fail(path, "the file is empty. Choose another file or regenerate it.");
    if (size > kMaxModelBytes)
        return fail(path, "the file is " + std::to_string(size >> 20) + " MB; the limit is " +
                              std::to_string(kMaxModelBytes >> 20) + " MB. Simplify the model before opening it.");

    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (!ext.empty()) ext.erase(0, 1);
    if (std::find(std::begin(kFormats), std::end(kFormats), ext) == std::end(kFormats))
        return fail(path, "'" + (ext.empty() ? std::string("(no extension)") : "." + ext) +
                              "' is not a supported model format: the viewer opens glTF (.glb, .gltf) and OBJ models only. "
                              "Convert the model to .glb (for example with Blender, or `assimp export FILE out.glb`).");
    if (ext == "glb" || ext == "gltf") {
        std::string json;
        if (ext == "glb") {
            if (const std::string problem = readGlb(path, size, json); !problem.empty())
                return fail(path, "the file is damaged, truncated or not a model (" + problem +
                                      "). Re-export it or use the built-in model.");
        } else {
            auto bytes = core::readFile(path, kMaxModelBytes);
            if (!bytes) return fail(path, bytes.message());
            json = std::move(bytes).value();
        }
        if (const std::string problem = checkGltf(path, json); !problem.empty()) return fail(path, problem);
    } else if (ext == "obj") {
        auto bytes = core::readFile(path, kMaxModelBytes);
        if (!bytes) return fail(path, bytes.message());
        if (const std::string problem = checkObj(path, *bytes); !problem.empty())
            return fail(path, problem);
    }
    Assimp::Importer importer;
    keepOnlyReadersOf(importer, ext);

    // No PreTransformVertices: the hierarchy and node names must survive.
    const unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_ValidateDataStructure |
                           aiProcess_SortByPType | aiProcess_FindInvalidData;
    const aiScene* scene = importer.ReadFile(path, flags);
    if (!scene) {
        std::string why = importer.GetErrorString();
        if (why.empty()) why = "unknown reason";
        return fail(path, "the file is damaged, truncated or not a model (" + why +
                              "). Re-export it or use the built-in model.");
    }
    if ((scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) || !scene->mRootNode)
        return fail(path, "the file is incomplete (no scene). Re-export it with geometry.");
    if (scene->mNumMeshes == 0) return fail(path, "the file contains no meshes.");

    anatomy::Model model;
    model.sourcePath = path;
    readMeta(scene->mMetaData, model.extras);

    // Meshes (triangles only; points/lines are skipped).
    std::vector<int> meshMap(scene->mNumMeshes, -1);
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
        anatomy::MeshData mesh;
        mesh.name = am->mName.C_Str();
        mesh.materialIndex = int(am->mMaterialIndex);
        mesh.positions.resize(am->mNumVertices);
        for (unsigned v = 0; v < am->mNumVertices; ++v) {
            const auto& p = am->mVertices[v];
            if (!finite(p) || std::abs(p.x) > 1e7f || std::abs(p.y) > 1e7f || std::abs(p.z) > 1e7f)
                return fail(path, "mesh '" + mesh.name + "' has an invalid vertex position (NaN, infinite or huge) at vertex " +
                                      std::to_string(v) + ". Re-export the model.");
            mesh.positions[v] = Vec3(p.x, p.y, p.z);
        }
        if (am->HasNormals()) {
            mesh.normals.resize(am->mNumVertices);
            for (unsigned v = 0; v < am->mNumVertices; ++v) {
                const auto& n = am->mNormals[v];
                mesh.normals[v] = finite(n) ? Vec3(n.x, n.y, n.z) : Vec3(0, 1, 0);
            }
        }
        for (int ch = 1; ch <= 2; ++ch) {
            if (!am->HasTextureCoords(unsigned(ch))) continue;
            auto& dst = ch == 1 ? mesh.uv1 : mesh.uv2;
            dst.resize(am->mNumVertices);
            for (unsigned v = 0; v < am->mNumVertices; ++v)
                dst[v] = Vec2(am->mTextureCoords[ch][v].x, am->mTextureCoords[ch][v].y);
        }
        if (am->HasVertexColors(0)) {
            // COLOR_0: rgb tissue colour, a = how much it replaces the catalog colour (for
            // example the diaphragm's paler central tendon). Clamped; NaN counts as "not set".
            mesh.colors.resize(am->mNumVertices);
            for (unsigned v = 0; v < am->mNumVertices; ++v) {
                const aiColor4D& c = am->mColors[0][v];
                auto unit = [](float x) { return std::isfinite(x) ? std::clamp(x, 0.0f, 1.0f) : 0.0f; };
                mesh.colors[v] = Vec4(unit(c.r), unit(c.g), unit(c.b), unit(c.a));
            }
        }
        mesh.indices.reserve(std::size_t(am->mNumFaces) * 3);
        for (unsigned f = 0; f < am->mNumFaces; ++f) {
            const aiFace& face = am->mFaces[f];
            if (face.mNumIndices != 3) continue;
            for (unsigned k = 0; k < 3; ++k) {
                if (face.mIndices[k] >= am->mNumVertices)
                    return fail(path, "mesh '" + mesh.name + "' has a triangle index out of range. Re-export the model.");
                mesh.indices.push_back(face.mIndices[k]);
            }
        }
        if (mesh.indices.empty()) continue;
        if (mesh.normals.empty()) mesh.recomputeNormals();
        meshMap[mi] = int(model.meshes.size());
        model.meshes.push_back(std::move(mesh));
    }
    if (model.meshes.empty()) return fail(path, "the file has no triangle meshes.");

    // Nodes, parents before children.
    std::map<const aiNode*, int> nodeIndex;
    std::function<void(const aiNode*, int)> walk = [&](const aiNode* n, int parent) {
        anatomy::ModelNode node;
        node.name = n->mName.C_Str();
        node.parent = parent;
        node.local = toMat4(n->mTransformation);
        for (unsigned k = 0; k < n->mNumMeshes; ++k) {
            unsigned mi = n->mMeshes[k];
            if (mi < meshMap.size() && meshMap[mi] >= 0) node.meshes.push_back(meshMap[mi]);
        }
        readMeta(n->mMetaData, node.extras);
        int index = int(model.nodes.size());
        nodeIndex[n] = index;
        model.nodes.push_back(std::move(node));
        for (unsigned c = 0; c < n->mNumChildren; ++c) walk(n->mChildren[c], index);
    };
    walk(scene->mRootNode, -1);

    // Skins: assimp stores bones per mesh; collect one skin per mesh with bones.
    for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
        const aiMesh* am = scene->mMeshes[mi];
        if (!am->HasBones() || meshMap[mi] < 0) continue;
        anatomy::Skin skin;
        skin.name = am->mName.C_Str();
        auto& mesh = model.meshes[std::size_t(meshMap[mi])];
        mesh.joints.assign(mesh.positions.size(), glm::u16vec4(0));
        mesh.weights.assign(mesh.positions.size(), Vec4(0.0f));
        std::vector<int> used(mesh.positions.size(), 0);
        std::vector<float> total(mesh.positions.size(), 0.0f);
        for (unsigned b = 0; b < am->mNumBones; ++b) {
            const aiBone* bone = am->mBones[b];
            const aiNode* bn = scene->mRootNode->FindNode(bone->mName);
            skin.jointNodes.push_back(bn && nodeIndex.count(bn) ? nodeIndex[bn] : -1);
            skin.inverseBind.push_back(toMat4(bone->mOffsetMatrix));
            for (unsigned w = 0; w < bone->mNumWeights; ++w) {
                unsigned v = bone->mWeights[w].mVertexId;
                if (v < total.size() && std::isfinite(bone->mWeights[w].mWeight)) total[v] += bone->mWeights[w].mWeight;
                if (v >= mesh.positions.size() || used[v] >= 4) continue;
                mesh.joints[v][used[v]] = std::uint16_t(b);
                mesh.weights[v][used[v]] = bone->mWeights[w].mWeight;
                ++used[v];
            }
        }
        // glTF requires every skinned vertex's weights to add up to 1. assimp silently drops an
        // influence whose joint index is beyond the skin's joint list, so a vertex left short
        // is either that or unnormalised weights: both would leave the vertex behind in a pose.
        if (auto problem = unnormalisedWeights(total, am->mNumBones); !problem.empty())
            return fail(path, "skinned mesh '" + skin.name + "': " + problem);
        model.skins.push_back(std::move(skin));
    }
    return model;
}

} // namespace psoas::io
