#include "app/LayerState.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "scene/SceneGraph.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace psoas::app {

namespace {
constexpr float kMinOpacity = 0.05f;

float clampOpacity(float v) { return std::clamp(v, kMinOpacity, 1.0f); }
} // namespace

LayerState LayerState::fromCatalog(const anatomy::Catalog* catalog, const scene::SceneGraph* scene)
{
    LayerState s;
    std::set<std::string> known;
    if (catalog) {
        for (const auto& g : catalog->groups()) s.m_groups.push_back({g.id, g.name});
        for (const auto& st : catalog->structures()) {
            LayerEntry e;
            e.id = st.id;
            e.group = st.group;
            e.defaultVisible = st.visibleByDefault;
            e.visible = e.defaultVisible;
            s.m_entries.push_back(e);
            known.insert(st.id);
        }
    }
    bool anyOther = false;
    if (scene) {
        for (std::size_t i = 0; i < scene->size(); ++i) {
            const auto& n = scene->node(int(i));
            if (n.meshes.empty() || n.name.empty() || known.count(n.name)) continue;
            LayerEntry e;
            e.id = n.name;
            e.group = kOtherGroup;
            e.defaultVisible = n.visible;
            e.visible = n.visible;
            s.m_entries.push_back(e);
            known.insert(n.name);
            anyOther = true;
        }
    }
    if (anyOther) s.m_groups.push_back({kOtherGroup, "Other"});
    return s;
}

LayerState LayerState::fromDocument(const Document& doc) { return fromCatalog(doc.catalog(), &doc.scene()); }

int LayerState::indexOf(const std::string& id) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == id) return int(i);
    return -1;
}

bool LayerState::isGroup(const std::string& id) const
{
    return std::any_of(m_groups.begin(), m_groups.end(), [&](const LayerGroupInfo& g) { return g.id == id; });
}

std::vector<int> LayerState::resolve(const std::string& id) const
{
    std::vector<int> out;
    if (int i = indexOf(id); i >= 0) {
        out.push_back(i);
        return out;
    }
    if (!isGroup(id)) return out;
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].group == id) out.push_back(int(i));
    return out;
}

std::vector<std::string> LayerState::structuresInGroup(const std::string& group) const
{
    std::vector<std::string> out;
    for (const auto& e : m_entries)
        if (e.group == group) out.push_back(e.id);
    return out;
}

bool LayerState::isVisible(const std::string& id) const
{
    int i = indexOf(id);
    return i >= 0 && m_entries[std::size_t(i)].visible;
}

float LayerState::opacity(const std::string& id) const
{
    int i = indexOf(id);
    return i >= 0 ? m_entries[std::size_t(i)].opacity : 1.0f;
}

int LayerState::groupVisibility(const std::string& group) const
{
    int total = 0, shown = 0;
    for (const auto& e : m_entries) {
        if (e.group != group) continue;
        ++total;
        if (e.visible) ++shown;
    }
    if (shown == 0) return 0;
    return shown == total ? 2 : 1;
}

std::vector<std::string> LayerState::hiddenIds() const
{
    std::vector<std::string> out;
    for (const auto& e : m_entries)
        if (!e.visible) out.push_back(e.id);
    return out;
}

bool LayerState::setVisible(const std::string& id, bool visible)
{
    bool changed = false;
    for (int i : resolve(id)) {
        auto& e = m_entries[std::size_t(i)];
        if (e.visible != visible) {
            e.visible = visible;
            changed = true;
        }
    }
    return changed;
}

bool LayerState::setOpacity(const std::string& id, float opacity)
{
    if (!std::isfinite(opacity)) return false;
    const float v = clampOpacity(opacity);
    bool changed = false;
    for (int i : resolve(id)) {
        auto& e = m_entries[std::size_t(i)];
        if (e.opacity != v) {
            e.opacity = v;
            changed = true;
        }
    }
    return changed;
}

bool LayerState::isolate(const std::string& id)
{
    auto targets = resolve(id);
    if (targets.empty()) return false;
    std::vector<char> keep(m_entries.size(), 0);
    for (int i : targets) keep[std::size_t(i)] = 1;
    LayerState before = *this;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        m_entries[i].visible = keep[i] != 0;
        if (keep[i]) m_entries[i].opacity = 1.0f;
    }
    return before != *this;
}

bool LayerState::xray(const std::string& id, float others)
{
    auto targets = resolve(id);
    if (targets.empty() || !std::isfinite(others)) return false;
    std::vector<char> focus(m_entries.size(), 0);
    for (int i : targets) focus[std::size_t(i)] = 1;
    LayerState before = *this;
    const float o = clampOpacity(others);
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        auto& e = m_entries[i];
        if (focus[i]) {
            e.visible = true;
            e.opacity = 1.0f;
        } else {
            e.opacity = o;
        }
    }
    return before != *this;
}

bool LayerState::showAll()
{
    LayerState before = *this;
    for (auto& e : m_entries) {
        e.visible = true;
        e.opacity = 1.0f;
    }
    return before != *this;
}

bool LayerState::reset()
{
    LayerState before = *this;
    for (auto& e : m_entries) {
        e.visible = e.defaultVisible;
        e.opacity = 1.0f;
    }
    return before != *this;
}

void LayerState::apply(scene::SceneGraph& scene) const
{
    for (const auto& e : m_entries) {
        int n = scene.find(e.id);
        if (n < 0) continue;
        const auto& node = scene.node(n);
        if (node.visible != e.visible) scene.setVisible(n, e.visible);
        if (node.material.opacity != e.opacity) scene.setOpacity(n, e.opacity);
    }
}

nlohmann::json LayerState::toJson() const
{
    nlohmann::json hidden = nlohmann::json::array(), shown = nlohmann::json::array(),
                   opacity = nlohmann::json::object();
    for (const auto& e : m_entries) {
        if (e.visible != e.defaultVisible) (e.visible ? shown : hidden).push_back(e.id);
        if (e.opacity != 1.0f) opacity[e.id] = std::round(double(e.opacity) * 1000.0) / 1000.0;
    }
    return {{"hidden", hidden}, {"shown", shown}, {"opacity", opacity}};
}

core::Status LayerState::fromJson(const nlohmann::json& j, const std::string& context)
{
    reset();
    std::vector<std::string> problems;
    if (!j.is_object()) {
        return core::makeError(context + ": expected an object like {\"hidden\": [\"diaphragm\"], "
                                         "\"opacity\": {\"skeleton\": 0.3}}; showing the default layers.");
    }
    auto idList = [&](const char* key, bool visible) {
        auto it = j.find(key);
        if (it == j.end()) return;
        if (!it->is_array()) {
            problems.push_back(std::string("\"") + key + "\" must be a list of structure or group ids");
            return;
        }
        for (const auto& v : *it) {
            if (!v.is_string()) {
                problems.push_back(std::string("\"") + key + "\" holds a non-text entry " + v.dump());
                continue;
            }
            const auto id = v.get<std::string>();
            if (resolve(id).empty()) {
                problems.push_back(std::string("\"") + key + "\": unknown structure or group \"" + id + "\"");
                continue;
            }
            setVisible(id, visible);
        }
    };
    // Groups first, then single structures, so {"hidden":["skeleton"],"shown":["l3"]} shows L3 only.
    idList("hidden", false);
    idList("shown", true);
    if (auto it = j.find("opacity"); it != j.end()) {
        if (!it->is_object()) {
            problems.push_back("\"opacity\" must map ids to numbers between 0 and 1");
        } else {
            for (auto o = it->begin(); o != it->end(); ++o) {
                if (resolve(o.key()).empty()) {
                    problems.push_back("\"opacity\": unknown structure or group \"" + o.key() + "\"");
                    continue;
                }
                if (!o.value().is_number() || !(o.value().get<double>() >= 0.0) || o.value().get<double>() > 1.0) {
                    problems.push_back("\"opacity\" of \"" + o.key() + "\" is " + o.value().dump() +
                                       "; use a number between 0 and 1");
                    continue;
                }
                setOpacity(o.key(), float(o.value().get<double>()));
            }
        }
    }
    if (problems.empty()) return core::Status::success();
    std::string msg = context + ": ";
    for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
    msg += ". These entries were skipped; the valid ones were applied (ids are listed in assets/models/catalog.json).";
    return core::makeError(msg);
}

bool LayerState::operator==(const LayerState& other) const
{
    if (m_entries.size() != other.m_entries.size()) return false;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const auto& a = m_entries[i];
        const auto& b = other.m_entries[i];
        if (a.id != b.id || a.visible != b.visible || a.opacity != b.opacity) return false;
    }
    return true;
}

} // namespace psoas::app
