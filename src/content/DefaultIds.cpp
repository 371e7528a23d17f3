#include "content/DefaultIds.h"

namespace psoas::content {

std::vector<std::string> defaultStructureIds()
{
    std::vector<std::string> ids{"t12", "rib_12_l", "rib_12_r", "l1", "l2", "l3", "l4", "l5", "sacrum",
                                 "hip_bone_l", "hip_bone_r", "femur_l", "femur_r"};
    for (const char* side : {"l", "r"})
        for (int rib = 7; rib <= 11; ++rib) ids.push_back("rib_" + std::to_string(rib) + "_" + side);
    for (const char* id : {"costal_cartilage_l", "costal_cartilage_r", "sternum", "disc_t12_l1", "disc_l1_l2",
                           "disc_l2_l3", "disc_l3_l4", "disc_l4_l5", "disc_l5_s1", "diaphragm",
                           "lm_pubic_symphysis", "lm_sacral_promontory", "lm_s1_endplate", "lm_t12_body",
                           "lm_l1_body", "lm_l2_body", "lm_l3_body", "lm_l4_body", "lm_l5_body"})
        ids.push_back(id);
    for (const char* base : {"psoas_major", "psoas_minor", "iliacus", "quadratus_lumborum", "gluteus_maximus",
                             "rectus_femoris", "lm_asis", "lm_psis", "lm_hip_center", "lm_greater_trochanter",
                             "lm_lesser_trochanter", "lm_iliopubic_eminence"}) {
        ids.push_back(std::string(base) + "_l");
        ids.push_back(std::string(base) + "_r");
    }
    return ids;
}

std::vector<std::string> defaultPoseNames()
{
    return {"neutral", "anterior_pelvic_tilt", "posterior_pelvic_tilt", "sitting", "kneeling_lunge",
            "thomas_test", "supine_leg_lift", "bridge", "deep_inhale", "full_exhale"};
}

std::string displayNameFromId(const std::string& idIn)
{
    std::string id = idIn;
    std::string side;
    auto endsWith = [&](const char* s) {
        std::string suffix(s);
        return id.size() > suffix.size() && id.compare(id.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith("_l")) { side = " (left)"; id.resize(id.size() - 2); }
    else if (endsWith("_r")) { side = " (right)"; id.resize(id.size() - 2); }
    if (id.compare(0, 3, "lm_") == 0) id = id.substr(3);
    static const char* const upper[] = {"t12", "l1", "l2", "l3", "l4", "l5", "s1", "asis", "psis"};
    std::string out;
    std::size_t start = 0;
    while (start <= id.size()) {
        std::size_t us = id.find('_', start);
        std::string word = id.substr(start, us == std::string::npos ? std::string::npos : us - start);
        bool isUpper = false;
        for (const char* u : upper)
            if (word == u) isUpper = true;
        if (isUpper)
            for (char& c : word) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        if (!out.empty()) out += ' ';
        out += word;
        if (us == std::string::npos) break;
        start = us + 1;
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out + side;
}

std::vector<StructureInfo> defaultStructures()
{
    std::vector<StructureInfo> out;
    for (const auto& id : defaultStructureIds()) out.push_back({id, displayNameFromId(id), "", {}});
    return out;
}

} // namespace psoas::content
