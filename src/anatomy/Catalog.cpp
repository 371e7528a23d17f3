#include "anatomy/Catalog.h"

#include "core/JsonFile.h"

#include <set>

namespace psoas::anatomy {

StructureKind structureKindFromString(const std::string& s)
{
    if (s == "bone") return StructureKind::Bone;
    if (s == "cartilage") return StructureKind::Cartilage;
    if (s == "disc") return StructureKind::Disc;
    if (s == "muscle") return StructureKind::Muscle;
    if (s == "tendon") return StructureKind::Tendon;
    if (s == "landmark") return StructureKind::Landmark;
    if (s == "attachment") return StructureKind::Attachment;
    return StructureKind::Other;
}

namespace {
bool parseColor(const std::string& hex, Vec3& out)
{
    if (hex.size() != 7 || hex[0] != '#') return false;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        char c = hex[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= unsigned(c - '0');
        else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
        else return false;
    }
    out = Vec3(float((v >> 16) & 255) / 255.0f, float((v >> 8) & 255) / 255.0f, float(v & 255) / 255.0f);
    return true;
}
} // namespace

core::Result<Catalog> Catalog::load(const std::string& path)
{
    auto json = core::readJsonFile(path);
    if (!json) return json.error();
    return fromJsonText(json->dump(), path);
}

core::Result<Catalog> Catalog::fromJsonText(const std::string& text, const std::string& name)
{
    auto parsed = core::parseJson(text, name);
    if (!parsed) return parsed.error();
    const auto& j = parsed.value();
    Catalog cat;
    auto fail = [&](const std::string& what) {
        return core::makeError(name + ": " + what + ". Fix the catalog file (see README, \"Catalog\").");
    };
    if (!j.is_object() || !j.contains("groups") || !j["groups"].is_array() || !j.contains("structures") ||
        !j["structures"].is_array())
        return fail("expected an object with 'groups' and 'structures' arrays");
    std::set<std::string> groupIds;
    for (const auto& g : j["groups"]) {
        if (!g.is_object() || !g.contains("id") || !g["id"].is_string()) return fail("a group has no 'id'");
        LayerGroup lg{g["id"].get<std::string>(), g.value("name", g["id"].get<std::string>())};
        groupIds.insert(lg.id);
        cat.m_groups.push_back(lg);
    }
    std::set<std::string> ids;
    std::size_t index = 0;
    for (const auto& s : j["structures"]) {
        ++index;
        if (!s.is_object() || !s.contains("id") || !s["id"].is_string())
            return fail("structure #" + std::to_string(index) + " has no 'id'");
        Structure st;
        st.id = s["id"].get<std::string>();
        if (!ids.insert(st.id).second) return fail("structure id '" + st.id + "' appears twice");
        try {
            st.name = s.value("name", st.id);
            st.latin = s.value("latin", "");
            st.fma = s.value("fma", "");
            st.group = s.value("group", "");
            st.side = s.value("side", "midline");
            st.kind = structureKindFromString(s.value("kind", "other"));
            st.optional = s.value("optional", false);
            st.visibleByDefault = s.value("visible", true);
            if (s.contains("content")) st.content = s["content"].get<std::vector<std::string>>();
            std::string color = s.value("color", "#cccccc");
            if (!parseColor(color, st.color))
                return fail("structure '" + st.id + "' has colour '" + color + "'; use #rrggbb");
        } catch (const nlohmann::json::exception& e) {
            return fail("structure '" + st.id + "' has a field of the wrong type (" + e.what() + ")");
        }
        if (!groupIds.count(st.group))
            return fail("structure '" + st.id + "' names unknown group '" + st.group + "'");
        cat.m_structures.push_back(std::move(st));
    }
    return cat;
}

const Structure* Catalog::find(const std::string& id) const
{
    for (const auto& s : m_structures)
        if (s.id == id) return &s;
    return nullptr;
}

} // namespace psoas::anatomy
