#include "GltfWriter.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>

namespace psoas::modelbuilder {

namespace {

using tinygltf::Value;

double srgbToLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

bool parseHex(const std::string& hex, double rgb[3])
{
    if (hex.size() != 7 || hex[0] != '#') return false;
    for (int i = 0; i < 3; ++i) {
        const std::string byte = hex.substr(std::size_t(1 + 2 * i), 2);
        char* end = nullptr;
        const long v = std::strtol(byte.c_str(), &end, 16);
        if (!end || *end != '\0') return false;
        rgb[i] = double(v) / 255.0;
    }
    return true;
}

std::string kindOf(const RigLayout& rig, const BuiltPart& p)
{
    auto it = rig.structureKinds.find(p.id);
    if (it != rig.structureKinds.end()) return it->second;
    return p.parentJoint.empty() ? "muscle" : "bone";
}

class Packer {
public:
    explicit Packer(tinygltf::Model& m) : m_model(m) {}

    int add(const void* data, std::size_t bytes, int target)
    {
        auto& buf = m_model.buffers[0].data;
        const std::size_t offset = buf.size();
        buf.resize(offset + bytes);
        std::memcpy(buf.data() + offset, data, bytes);
        while (buf.size() % 4) buf.push_back(0);
        tinygltf::BufferView v;
        v.buffer = 0;
        v.byteOffset = offset;
        v.byteLength = bytes;
        v.target = target;
        m_model.bufferViews.push_back(v);
        return int(m_model.bufferViews.size() - 1);
    }
    int accessor(int view, int componentType, int type, std::size_t count)
    {
        tinygltf::Accessor a;
        a.bufferView = view;
        a.componentType = componentType;
        a.type = type;
        a.count = count;
        m_model.accessors.push_back(a);
        return int(m_model.accessors.size() - 1);
    }

private:
    tinygltf::Model& m_model;
};

} // namespace

core::Result<std::string> glbBytes(const RigLayout& rig, const std::vector<BuiltPart>& parts)
{
    tinygltf::Model model;
    model.asset.version = "2.0";
    model.asset.generator = std::string("psoas-modelbuilder ") + kBuilderVersion;
    Value::Object assetExtras;
    assetExtras["frame"] = Value(std::string("+Y up, +Z anterior, +X patient's left; origin midway between the hip "
                                             "centres; neutral standing posture"));
    assetExtras["units"] = Value(std::string("m"));
    assetExtras["builder"] = Value(std::string("psoas-modelbuilder (tools/modelbuilder)"));
    assetExtras["builderVersion"] = Value(std::string(kBuilderVersion));
    assetExtras["binding"] = Value(std::string(
        "TEXCOORD_1: muscles (path index, arc fraction s), discs (0, t lower->upper endplate), diaphragm (region, w); "
        "paths in rig.json. COLOR_0 (diaphragm): rgb tissue colour, a = weight over the catalog colour (central tendon)"));
    model.asset.extras = Value(assetExtras);
    model.buffers.resize(1);
    Packer pack(model);

    std::map<std::string, int> materialOf; // colour hex -> material
    auto materialFor = [&](const std::string& id) -> int {
        auto it = rig.structureColors.find(id);
        std::string hex = it == rig.structureColors.end() ? std::string("#cccccc") : it->second;
        auto found = materialOf.find(hex);
        if (found != materialOf.end()) return found->second;
        double rgb[3] = {0.8, 0.8, 0.8};
        parseHex(hex, rgb);
        tinygltf::Material m;
        m.name = "colour_" + hex.substr(1);
        m.pbrMetallicRoughness.baseColorFactor = {srgbToLinear(rgb[0]), srgbToLinear(rgb[1]), srgbToLinear(rgb[2]), 1.0};
        m.pbrMetallicRoughness.metallicFactor = 0.0;
        m.pbrMetallicRoughness.roughnessFactor = 0.65;
        m.doubleSided = false;
        model.materials.push_back(m);
        materialOf[hex] = int(model.materials.size() - 1);
        return materialOf[hex];
    };

    // Joint nodes first (parent before child), indices by name.
    std::map<std::string, int> nodeOf;
    std::map<std::string, glm::dvec3> jointPos;
    for (const auto& j : rig.joints) {
        tinygltf::Node n;
        n.name = j.name;
        const glm::dvec3 parentPos = j.parent.empty() ? glm::dvec3(0.0) : jointPos[j.parent];
        const glm::dvec3 t = j.position - parentPos;
        if (glm::length(t) > 0.0) n.translation = {t.x, t.y, t.z};
        Value::Object ex;
        ex["kind"] = Value(std::string("joint"));
        n.extras = Value(ex);
        model.nodes.push_back(n);
        const int idx = int(model.nodes.size() - 1);
        nodeOf[j.name] = idx;
        jointPos[j.name] = j.position;
        if (!j.parent.empty()) {
            auto p = nodeOf.find(j.parent);
            if (p == nodeOf.end())
                return core::makeError("rig joint '" + j.name + "' names parent '" + j.parent + "' before it is defined");
            model.nodes[std::size_t(p->second)].children.push_back(idx);
        }
    }
    std::vector<int> sceneRoots{nodeOf["pelvis"]};

    for (const auto& part : parts) {
        if (part.positions.empty() || part.indices.empty())
            return core::makeError("part '" + part.id + "' has no geometry; its builder failed");
        tinygltf::Mesh mesh;
        mesh.name = part.id;
        tinygltf::Primitive prim;
        prim.mode = TINYGLTF_MODE_TRIANGLES;
        prim.material = materialFor(part.id);
        glm::vec3 mn(std::numeric_limits<float>::max()), mx(-std::numeric_limits<float>::max());
        for (const auto& p : part.positions) {
            mn = glm::min(mn, p);
            mx = glm::max(mx, p);
        }
        int a = pack.accessor(pack.add(part.positions.data(), part.positions.size() * sizeof(glm::vec3), TINYGLTF_TARGET_ARRAY_BUFFER),
                              TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3, part.positions.size());
        model.accessors[std::size_t(a)].minValues = {mn.x, mn.y, mn.z};
        model.accessors[std::size_t(a)].maxValues = {mx.x, mx.y, mx.z};
        prim.attributes["POSITION"] = a;
        prim.attributes["NORMAL"] =
            pack.accessor(pack.add(part.normals.data(), part.normals.size() * sizeof(glm::vec3), TINYGLTF_TARGET_ARRAY_BUFFER),
                          TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC3, part.normals.size());
        if (!part.uv1.empty()) {
            prim.attributes["TEXCOORD_1"] =
                pack.accessor(pack.add(part.uv1.data(), part.uv1.size() * sizeof(glm::vec2), TINYGLTF_TARGET_ARRAY_BUFFER),
                              TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC2, part.uv1.size());
            // Readers (assimp among them) need TEXCOORD_0 before TEXCOORD_1, and assimp drops an
            // all-zero channel: TEXCOORD_0 shares TEXCOORD_1's accessor (it carries no texture).
            prim.attributes["TEXCOORD_0"] = prim.attributes["TEXCOORD_1"];
        }
        if (!part.colors.empty() && part.colors.size() == part.positions.size()) {
            prim.attributes["COLOR_0"] =
                pack.accessor(pack.add(part.colors.data(), part.colors.size() * sizeof(glm::vec4), TINYGLTF_TARGET_ARRAY_BUFFER),
                              TINYGLTF_COMPONENT_TYPE_FLOAT, TINYGLTF_TYPE_VEC4, part.colors.size());
        }
        prim.indices = pack.accessor(
            pack.add(part.indices.data(), part.indices.size() * sizeof(std::uint32_t), TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER),
            TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, TINYGLTF_TYPE_SCALAR, part.indices.size());
        mesh.primitives.push_back(prim);
        model.meshes.push_back(mesh);

        tinygltf::Node n;
        n.name = part.id;
        n.mesh = int(model.meshes.size() - 1);
        Value::Object ex;
        ex["kind"] = Value(kindOf(rig, part));
        n.extras = Value(ex);
        if (!part.parentJoint.empty()) {
            auto j = nodeOf.find(part.parentJoint);
            if (j == nodeOf.end()) return core::makeError("part '" + part.id + "' names unknown joint '" + part.parentJoint + "'");
            const glm::dvec3 t = -jointPos[part.parentJoint];
            if (glm::length(t) > 0.0) n.translation = {t.x, t.y, t.z};
            model.nodes.push_back(n);
            model.nodes[std::size_t(j->second)].children.push_back(int(model.nodes.size() - 1));
        } else {
            model.nodes.push_back(n);
            sceneRoots.push_back(int(model.nodes.size() - 1));
        }
        nodeOf[part.id] = int(model.nodes.size() - 1);
    }

    // Landmarks and attachment areas: under their bone's mesh node (world = model frame), or
    // under the body's joint when that bone was not built.
    std::map<std::string, std::string> jointOfBody;
    for (const auto& b : rig.bodies) jointOfBody[b.name] = b.joint;
    for (const auto& l : rig.landmarkDefs) {
        tinygltf::Node n;
        n.name = l.name;
        const glm::dvec3 p = rig.landmark(l.name);
        Value::Object ex;
        ex["kind"] = Value(std::string(l.attachment ? "attachment" : "landmark"));
        ex["body"] = Value(l.body);
        if (l.attachment) ex["radius"] = Value(l.radius);
        if (!l.label.empty()) ex["label"] = Value(l.label);
        if (!l.layer.empty()) ex["layer"] = Value(l.layer);
        n.extras = Value(ex);
        int parent = -1;
        glm::dvec3 origin(0.0);
        auto bone = nodeOf.find(l.body);
        if (bone != nodeOf.end() && model.nodes[std::size_t(bone->second)].mesh >= 0) {
            parent = bone->second;
        } else if (jointOfBody.count(l.body)) {
            parent = nodeOf[jointOfBody[l.body]];
            origin = jointPos[jointOfBody[l.body]];
        }
        const glm::dvec3 t = p - origin;
        n.translation = {t.x, t.y, t.z};
        model.nodes.push_back(n);
        const int idx = int(model.nodes.size() - 1);
        if (parent >= 0) model.nodes[std::size_t(parent)].children.push_back(idx);
        else sceneRoots.push_back(idx);
    }

    tinygltf::Scene scene;
    scene.name = "lumbopelvic";
    scene.nodes = sceneRoots;
    Value::Object sceneExtras;
    sceneExtras["frame"] = model.asset.extras.Get("frame");
    sceneExtras["units"] = Value(std::string("m"));
    scene.extras = Value(sceneExtras);
    model.scenes.push_back(scene);
    model.defaultScene = 0;
    model.buffers[0].name = "lumbopelvic";

    tinygltf::TinyGLTF writer;
    std::ostringstream os;
    if (!writer.WriteGltfSceneToStream(&model, os, false, true))
        return core::makeError("tinygltf could not serialise the model");
    return os.str();
}

} // namespace psoas::modelbuilder
