#include "MeshChecks.h"

#include "muscles/Muscles.h"
#include "pelvis/Pelvis.h"
#include "spine/Spine.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace psoas::modelbuilder::test {

const RigLayout& rig()
{
    static const RigLayout data = [] {
        auto r = RigLayout::load(PSOAS_MODEL_DATA_DIR);
        if (!r.ok())
            throw std::runtime_error(r.message());
        return std::move(r).value();
    }();
    return data;
}

const std::vector<BuiltPart>& spineParts()
{
    static const std::vector<BuiltPart> parts = buildSpine(rig(), 0.0008);
    return parts;
}

const std::vector<BuiltPart>& muscleParts()
{
    // The iliacus lies on the pelvis: build the bones (coarser voxels, quicker) first.
    static const std::vector<BuiltPart> parts = buildMuscles(rig(), buildPelvis(rig(), 0.0016));
    return parts;
}

const BuiltPart* findPart(const std::vector<BuiltPart>& parts, const std::string& id)
{
    for (const BuiltPart& p : parts)
        if (p.id == id)
            return &p;
    return nullptr;
}

bool isClosedManifold(const BuiltPart& part)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> edges;
    for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3)
        for (int k = 0; k < 3; ++k) {
            const std::uint32_t a = part.indices[i + k], b = part.indices[i + (k + 1) % 3];
            edges[{a, b}] += 1;
        }
    for (const auto& [e, n] : edges) {
        if (n != 1)
            return false;
        auto rev = edges.find({e.second, e.first});
        if (rev == edges.end() || rev->second != 1)
            return false;
    }
    return !edges.empty();
}

double signedVolume(const BuiltPart& part)
{
    double v = 0.0;
    for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3) {
        const glm::dvec3 a = part.positions[part.indices[i]], b = part.positions[part.indices[i + 1]],
                         c = part.positions[part.indices[i + 2]];
        v += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    return v;
}

} // namespace psoas::modelbuilder::test
