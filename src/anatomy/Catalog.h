#pragma once
// The structure catalog (assets/models/catalog.json): every structure's id, names, group,
// side, colour and linked content. The viewer takes names, layers and colours from here.
#include "core/Error.h"
#include "core/Math.h"

#include <string>
#include <vector>

namespace psoas::anatomy {

struct LayerGroup {
    std::string id;   // skeleton, deep_muscles, diaphragm, context_muscles, landmarks
    std::string name; // display name
};

enum class StructureKind { Bone, Cartilage, Disc, Muscle, Tendon, Landmark, Attachment, Other };

struct Structure {
    std::string id;      // stable snake_case id, also the glTF node name
    std::string name;    // display name
    std::string latin;   // Terminologia Anatomica
    std::string fma;     // FMA id, may be empty
    std::string group;   // LayerGroup id
    std::string side;    // left, right, midline
    StructureKind kind = StructureKind::Other;
    Vec3 color{0.8f};    // linear-ish sRGB 0..1
    bool optional = false;        // e.g. psoas minor (absent in about half of people)
    bool visibleByDefault = true;
    std::vector<std::string> content; // linked content ids
    // Row of the Pose dock's readouts (length, hip-flexion moment arm) this muscle fills, by
    // side: "Psoas major" on both psoas majors. Empty: not read out.
    std::string readout;
};

class Catalog {
public:
    static core::Result<Catalog> load(const std::string& path);
    static core::Result<Catalog> fromJsonText(const std::string& text, const std::string& nameForMessages);

    const std::vector<LayerGroup>& groups() const { return m_groups; }
    const std::vector<Structure>& structures() const { return m_structures; }
    const Structure* find(const std::string& id) const;
    bool contains(const std::string& id) const { return find(id) != nullptr; }

private:
    std::vector<LayerGroup> m_groups;
    std::vector<Structure> m_structures;
};

StructureKind structureKindFromString(const std::string& s);

} // namespace psoas::anatomy
