#include "anatomy/Catalog.h"

#include "core/JsonFields.h"
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
    core::JsonFields f(name, "Fix the value or restore the file from the project's assets (see README, \"Catalog\").");
    const auto* groups = f.array(j, "groups", "", core::JsonFields::Required);
    const auto* structures = f.array(j, "structures", "", core::JsonFields::Required);
    if (!groups || !structures) return f.error();
    std::set<std::string> groupIds;
    for (std::size_t i = 0; i < groups->size(); ++i) {
        const auto& g = (*groups)[i];
        const std::string where = "groups[" + std::to_string(i) + "]";
        LayerGroup lg;
        if (!f.isObject(g, where) || !f.text(g, "id", where, lg.id, core::JsonFields::Required)) return f.error();
        lg.name = lg.id;
        if (!f.text(g, "name", where, lg.name)) return f.error();
        groupIds.insert(lg.id);
        cat.m_groups.push_back(lg);
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < structures->size(); ++i) {
        const auto& s = (*structures)[i];
        std::string where = "structures[" + std::to_string(i) + "]";
        Structure st;
        if (!f.isObject(s, where) || !f.text(s, "id", where, st.id, core::JsonFields::Required)) return f.error();
        where += " (" + st.id + ")";
        if (!ids.insert(st.id).second) return f.fail(where, "structure id '" + st.id + "' appears twice"), f.error();
        st.name = st.id;
        st.side = "midline";
        std::string kind = "other", color = "#cccccc";
        if (!f.text(s, "name", where, st.name) || !f.text(s, "latin", where, st.latin) ||
            !f.text(s, "fma", where, st.fma) || !f.text(s, "group", where, st.group) ||
            !f.text(s, "side", where, st.side) || !f.text(s, "kind", where, kind) ||
            !f.boolean(s, "optional", where, st.optional) || !f.boolean(s, "visible", where, st.visibleByDefault) ||
            !f.textList(s, "content", where, st.content) || !f.text(s, "color", where, color) ||
            !f.text(s, "readout", where, st.readout))
            return f.error();
        st.kind = structureKindFromString(kind);
        if (!parseColor(color, st.color))
            return f.fail(where + ".color", "'" + color + "' is not a colour; use #rrggbb"), f.error();
        if (!groupIds.count(st.group))
            return f.fail(where + ".group", "names unknown group '" + st.group + "'"), f.error();
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
