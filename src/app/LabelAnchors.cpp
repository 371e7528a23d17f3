#include "app/LabelAnchors.h"

#include "app/Document.h"

namespace psoas::app {

const std::vector<std::pair<std::string, std::string>>& LabelAnchors::definitions()
{
    // Patient's right is the viewer's left in the anterior view; (R)/(L) keep it unambiguous.
    static const std::vector<std::pair<std::string, std::string>> defs = {
        {"lm_t12_body", "T12"},
        {"lm_l1_body", "L1"},
        {"lm_l2_body", "L2"},
        {"lm_l3_body", "L3"},
        {"lm_l4_body", "L4"},
        {"lm_l5_body", "L5"},
        {"lm_sacral_promontory", "Sacrum"},
        {"lm_asis_r", "ASIS (R)"},
        {"lm_asis_l", "ASIS (L)"},
        {"lm_psis_r", "PSIS (R)"},
        {"lm_psis_l", "PSIS (L)"},
        {"lm_pubic_symphysis", "Pubic symphysis"},
        {"lm_hip_center_r", "Hip centre (R)"},
        {"lm_hip_center_l", "Hip centre (L)"},
        {"lm_greater_trochanter_r", "Greater trochanter (R)"},
        {"lm_greater_trochanter_l", "Greater trochanter (L)"},
        {"lm_lesser_trochanter_r", "Lesser trochanter (R)"},
        {"lm_lesser_trochanter_l", "Lesser trochanter (L)"},
        {"lm_iliopubic_eminence_r", "Iliopubic eminence (R)"},
        {"lm_iliopubic_eminence_l", "Iliopubic eminence (L)"},
    };
    return defs;
}

namespace {
// Landmarks at the centre of a bone rather than on its surface: vertebral body centres and the
// femoral head centres (the hip joint centres).
bool insideItsBone(const std::string& id)
{
    const auto endsWith = [&](const char* tail) {
        const std::size_t n = std::char_traits<char>::length(tail);
        return id.size() >= n && id.compare(id.size() - n, n, tail) == 0;
    };
    return endsWith("_body") || id.rfind("lm_hip_center_", 0) == 0;
}
} // namespace

std::vector<LabelAnchor> LabelAnchors::compute(const Document& doc)
{
    std::vector<LabelAnchor> out;
    const auto& scene = doc.scene();
    const auto& model = doc.model();
    int priority = 0;
    for (const auto& [id, text] : definitions()) {
        const int n = scene.find(id);
        ++priority;
        if (n < 0) continue;
        LabelAnchor a;
        a.landmark = id;
        a.text = text;
        a.priority = priority;
        a.world = Vec3(scene.world(n)[3]);
        if (int mn = model.findNode(id); mn >= 0) {
            const auto& extras = model.nodes[std::size_t(mn)].extras;
            if (auto it = extras.find("body"); it != extras.end()) a.body = it->second;
        }
        if (a.body.empty() && scene.node(n).parent >= 0) a.body = scene.node(scene.node(n).parent).name;
        a.ownTolerance = insideItsBone(id) ? 0.028f : 0.010f;
        out.push_back(a);
    }
    return out;
}

} // namespace psoas::app
