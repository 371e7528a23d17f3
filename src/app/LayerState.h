#pragma once
// Which structures are shown and how opaque they are, grouped by the catalog's layer groups
// (skeleton, deep_muscles, diaphragm, context_muscles, landmarks). A plain value: copy it for
// undo snapshots and lessons, change it with the commands below, then apply() it to a scene
// graph. Commands return true when something changed (so the UI can skip redundant work).
//
//   auto layers = LayerState::fromDocument(doc);
//   layers.isolate("psoas_major_r");
//   layers.apply(doc.scene());
#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace psoas::anatomy { class Catalog; }
namespace psoas::scene { class SceneGraph; }

namespace psoas::app {

class Document;

struct LayerEntry {
    std::string id;      // structure id = scene node name
    std::string group;   // layer group id ("other" for nodes the catalog does not know)
    bool visible = true;
    float opacity = 1.0f;
    bool defaultVisible = true;
};

struct LayerGroupInfo {
    std::string id;
    std::string name;
};

class LayerState {
public:
    static constexpr float kXrayOpacity = 0.15f;
    static constexpr const char* kOtherGroup = "other";

    LayerState() = default;
    // Every catalog structure (in catalog order) with its catalog default visibility; when a
    // scene is given, also its mesh nodes that the catalog does not name (group "other").
    static LayerState fromCatalog(const anatomy::Catalog* catalog, const scene::SceneGraph* scene = nullptr);
    static LayerState fromDocument(const Document& doc);

    // ---- queries ----
    const std::vector<LayerGroupInfo>& groups() const { return m_groups; }
    const std::vector<LayerEntry>& entries() const { return m_entries; }
    bool contains(const std::string& id) const { return indexOf(id) >= 0; }
    bool isGroup(const std::string& id) const;
    std::vector<std::string> structuresInGroup(const std::string& group) const;
    bool isVisible(const std::string& id) const;  // false for unknown ids
    float opacity(const std::string& id) const;   // 1 for unknown ids
    // 0 = no structure of the group visible, 1 = some, 2 = all (for a tristate checkbox).
    int groupVisibility(const std::string& group) const;
    // Ids currently hidden, in entry order.
    std::vector<std::string> hiddenIds() const;

    // ---- commands (id may be a structure or a group id; unknown ids change nothing) ----
    bool setVisible(const std::string& id, bool visible);
    bool setOpacity(const std::string& id, float opacity); // clamped to [0.05, 1]
    // Shows only this structure or group, fully opaque; everything else hidden.
    bool isolate(const std::string& id);
    // Shows everything that is currently visible plus `id`; `id` opaque, all others at `others`.
    bool xray(const std::string& id, float others = kXrayOpacity);
    // Every structure visible and opaque (optional ones and landmarks included).
    bool showAll();
    // Catalog defaults (the optional psoas minor and the landmarks start hidden).
    bool reset();

    // Pushes visibility and opacity to the scene graph nodes of the same name.
    void apply(scene::SceneGraph& scene) const;

    // ---- serialisation (lessons, undo, settings) ----
    // {"hidden":[ids], "shown":[ids], "opacity":{"id":0.3}}: the difference from the defaults,
    // so that a lesson stays valid when the catalog gains structures.
    nlohmann::json toJson() const;
    // Starts from the defaults and applies `j`. Unknown ids and bad values are skipped and
    // listed in the returned error, which starts with `context` (e.g. "lesson.json step 2
    // \"layers\""); everything valid is still applied.
    core::Status fromJson(const nlohmann::json& j, const std::string& context);

    bool operator==(const LayerState& other) const;
    bool operator!=(const LayerState& other) const { return !(*this == other); }

private:
    int indexOf(const std::string& id) const;
    // Entry indices a structure or group id refers to (empty when unknown).
    std::vector<int> resolve(const std::string& id) const;

    std::vector<LayerGroupInfo> m_groups;
    std::vector<LayerEntry> m_entries;
};

} // namespace psoas::app
