#include "app/LayerSpec.h"

#include "app/LayerState.h"

#include <vector>

namespace psoas::app {

namespace {
std::string trim(const std::string& s)
{
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return {};
    const auto b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}
} // namespace

const char* layerSpecHelp()
{
    return "Layers for --render: a comma-separated list of group ids (skeleton, deep_muscles, diaphragm, "
           "context_muscles, landmarks), structure ids (e.g. psoas_major_r) or 'all'. A plain name shows only "
           "the named items; +NAME adds one to the default layers; -NAME hides one. Examples: "
           "--layers skeleton,deep_muscles   --layers=-diaphragm   --layers all,-context_muscles";
}

core::Status applyLayerSpec(const std::string& spec, LayerState& layers)
{
    struct Item {
        char sign; // ' ', '+', '-'
        std::string name;
    };
    std::vector<Item> items;
    std::vector<std::string> bad;
    std::string rest = spec;
    std::size_t start = 0;
    while (start <= rest.size()) {
        auto comma = rest.find(',', start);
        std::string token = trim(rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        start = comma == std::string::npos ? rest.size() + 1 : comma + 1;
        if (token.empty()) {
            bad.push_back("(empty item)");
            continue;
        }
        Item it{' ', token};
        if (token[0] == '+' || token[0] == '-') {
            it.sign = token[0];
            it.name = trim(token.substr(1));
        }
        if (it.name != "all" && !layers.contains(it.name) && !layers.isGroup(it.name)) {
            bad.push_back("'" + (it.name.empty() ? token : it.name) + "'");
            continue;
        }
        items.push_back(it);
    }
    if (!bad.empty()) {
        std::string list;
        for (const auto& b : bad) list += (list.empty() ? "" : ", ") + b;
        std::string groups;
        for (const auto& g : layers.groups()) groups += (groups.empty() ? "" : ", ") + g.id;
        return core::makeError("--layers '" + spec + "': unknown layer or structure " + list +
                               ". Use group ids (" + groups +
                               "), structure ids from assets/models/catalog.json (see --list-structures) or 'all'; "
                               "prefix - to hide, + to add.");
    }
    LayerState out = layers;
    bool cleared = false;
    for (const auto& it : items) {
        if (it.sign == ' ' && !cleared) {
            for (const auto& e : out.entries()) out.setVisible(e.id, false);
            cleared = true;
        }
        const bool show = it.sign != '-';
        if (it.name == "all") {
            for (const auto& e : out.entries()) out.setVisible(e.id, show);
        } else {
            out.setVisible(it.name, show);
        }
    }
    layers = out;
    return core::Status::success();
}

} // namespace psoas::app
