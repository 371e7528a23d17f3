#include "RigJson.h"

#include "core/JsonFile.h"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

namespace psoas::modelbuilder {

namespace {

using OJson = nlohmann::ordered_json;

double round6(double v)
{
    const double r = std::round(v * 1e6) / 1e6;
    return r == 0.0 ? 0.0 : r; // no "-0.0"
}
OJson vec(const glm::dvec3& v) { return OJson::array({round6(v.x), round6(v.y), round6(v.z)}); }

std::string sideOf(const std::string& name)
{
    if (mirrorName(name) != name) return "right";
    // a left name is the mirror of a right one: swap back
    for (std::size_t i = 0; i + 1 < name.size(); ++i)
        if (name[i] == '_' && name[i + 1] == 'l' && (i + 2 == name.size() || name[i + 2] == '.')) return "left";
    return "midline";
}

} // namespace

std::string rigJsonText(const RigLayout& rig)
{
    OJson j;
    j["frame"] = "glTF model frame: +Y up, +Z anterior, +X patient's left; origin midway between the hip centres; "
                 "neutral standing posture";
    j["units"] = "m";
    j["joints"] = OJson::array();
    for (const auto& jt : rig.joints) {
        OJson o;
        o["name"] = jt.name;
        o["parent"] = jt.parent.empty() ? OJson(nullptr) : OJson(jt.parent);
        o["position"] = vec(jt.position);
        j["joints"].push_back(o);
    }
    j["bodies"] = OJson::array();
    for (const auto& b : rig.bodies) j["bodies"].push_back(OJson{{"name", b.name}, {"joint", b.joint}});
    j["landmarks"] = OJson::array();
    for (const auto& l : rig.landmarkDefs) {
        OJson o{{"name", l.name}, {"body", l.body}, {"position", vec(rig.landmark(l.name))}};
        if (l.attachment) o["radius"] = round6(l.radius);
        j["landmarks"].push_back(o);
    }
    j["wraps"] = OJson::array();
    for (const auto& w : rig.wraps) {
        OJson o{{"name", w.name}, {"body", w.body}, {"type", w.type}, {"center", vec(w.center)}};
        if (w.type == "cylinder") {
            o["axis"] = vec(w.axis);
            o["radius"] = round6(w.radius);
        } else {
            o["radii"] = vec(w.radii);
        }
        if (glm::length(w.side) > 0.0) o["side"] = vec(w.side);
        j["wraps"].push_back(o);
    }
    j["muscles"] = OJson::array();
    std::vector<std::string> order;
    for (const auto& p : rig.musclePaths)
        if (order.empty() || order.back() != p.muscle) order.push_back(p.muscle);
    for (const auto& id : order) {
        OJson m{{"id", id}, {"paths", OJson::array()}};
        for (const MusclePath* p : rig.pathsOf(id)) {
            OJson po{{"name", p->name}, {"points", OJson::array()}};
            for (const auto& q : p->points) po["points"].push_back(OJson{{"body", q.body}, {"position", vec(q.position)}});
            po["wraps"] = p->wraps;
            if (p->wrapFrom >= 0) po["wrap_from"] = p->wrapFrom;
            m["paths"].push_back(po);
        }
        auto tf = rig.tendonFraction.find(id);
        m["tendon_fraction"] = tf == rig.tendonFraction.end() ? 0.0 : tf->second;
        j["muscles"].push_back(m);
    }
    j["discs"] = OJson::array();
    for (const auto& d : rig.discs) {
        j["discs"].push_back(OJson{{"id", d.id},
                                   {"lower", d.lower == "s1" ? "sacrum" : d.lower},
                                   {"upper", d.upper},
                                   {"height_mm", OJson{{"anterior", round6(d.anterior * 1000.0)},
                                                       {"middle", round6(d.middle * 1000.0)},
                                                       {"posterior", round6(d.posterior * 1000.0)}}}});
    }
    // Neutral geometry the tests and the solver can check against.
    j["vertebrae"] = OJson::array();
    for (const auto& f : rig.frames) {
        j["vertebrae"].push_back(OJson{{"id", f.id},
                                       {"center", vec(f.center)},
                                       {"superior_endplate", vec(f.superiorEndplate)},
                                       {"superior_normal", vec(f.superiorNormal)},
                                       {"inferior_endplate", vec(f.inferiorEndplate)},
                                       {"inferior_normal", vec(f.inferiorNormal)}});
    }
    j["femurs"] = OJson::array();
    for (const bool left : {false, true}) {
        const FemurFrame& f = rig.femurRight;
        auto m = [left](const glm::dvec3& v) { return left ? mirrorX(v) : v; };
        j["femurs"].push_back(OJson{{"body", left ? "femur_l" : "femur_r"},
                                    {"head_center", vec(m(f.head))},
                                    {"head_radius", round6(f.headRadius)},
                                    {"neck_axis", vec(m(f.neckDir))},
                                    {"shaft_axis", vec(m(f.shaftUp))},
                                    {"neck_base", vec(m(f.neckBase))},
                                    {"knee_center", vec(m(f.knee))}});
    }
    return j.dump(1) + "\n";
}

core::Result<std::string> catalogJsonText(const std::string& dataDir, const RigLayout& rig)
{
    const std::string path = dataDir + "/catalog.json";
    auto parsed = core::readJsonFile(path);
    if (!parsed) return parsed.error();
    const OJson src = OJson::parse(parsed->dump());
    if (!src.contains("structures") || !src["structures"].is_array() || !src.contains("groups"))
        return core::makeError(path + ": expected 'groups' and 'structures' arrays");
    OJson out;
    out["version"] = 1;
    out["groups"] = src["groups"];
    out["structures"] = src["structures"];
    std::set<std::string> ids;
    std::map<std::string, std::string> contentOf; // structure id -> first article
    for (const auto& s : src["structures"]) {
        const std::string id = s.value("id", "");
        ids.insert(id);
        if (s.contains("content") && s["content"].is_array() && !s["content"].empty())
            contentOf[id] = s["content"][0].get<std::string>();
    }
    const OJson names = src.value("landmarkNames", OJson::object());
    const OJson colors = src.value("colors", OJson::object());
    for (const auto& l : rig.landmarkDefs) {
        if (ids.count(l.name)) continue;
        const std::string side = sideOf(l.attachment ? l.name.substr(0, l.name.find('.')) : l.name);
        OJson s;
        s["id"] = l.name;
        std::string name = l.name, latin;
        if (!l.attachment) {
            std::string key = l.name;
            if (side != "midline") key = key.substr(0, key.size() - 2);
            if (key.size() > 5 && key.compare(key.size() - 5, 5, "_body") == 0) {
                const std::string level = key.substr(3, key.size() - 8);
                std::string upper = level;
                for (auto& ch : upper) ch = char(std::toupper(static_cast<unsigned char>(ch)));
                name = upper + " " + names.value("lm_body", OJson::array({"vertebral body centre", ""}))[0].get<std::string>();
                latin = "Corpus vertebrae";
            } else if (names.contains(key)) {
                name = names[key][0].get<std::string>();
                latin = names[key][1].get<std::string>();
            }
            if (side != "midline" && name.size() > 1 && std::islower(static_cast<unsigned char>(name[1])))
                name[0] = char(std::tolower(static_cast<unsigned char>(name[0])));
            if (side == "left") name = "Left " + name;
            if (side == "right") name = "Right " + name;
        } else {
            // psoas_major_r.origin.l3 -> "Right psoas major: origin (L3)"
            const auto dot = l.name.find('.');
            const std::string muscle = l.name.substr(0, dot);
            std::string rest = l.name.substr(dot + 1);
            std::string pretty = muscle;
            if (side != "midline") pretty = pretty.substr(0, pretty.size() - 2);
            for (auto& ch : pretty)
                if (ch == '_') ch = ' ';
            std::string what = rest;
            const auto dot2 = rest.find('.');
            if (dot2 != std::string::npos) {
                std::string lvl = rest.substr(dot2 + 1);
                for (auto& ch : lvl) ch = char(std::toupper(static_cast<unsigned char>(ch)));
                // l3_tp: the slip from the L3 transverse process
                if (lvl.size() > 3 && lvl.compare(lvl.size() - 3, 3, "_TP") == 0)
                    lvl = lvl.substr(0, lvl.size() - 3) + " transverse process";
                what = rest.substr(0, dot2) + " (" + lvl + ")";
            }
            if (what.size() > 2 && (what.compare(what.size() - 2, 2, "_r") == 0 || what.compare(what.size() - 2, 2, "_l") == 0))
                what = (what.back() == 'r' ? "right " : "left ") + what.substr(0, what.size() - 2);
            for (auto& ch : what)
                if (ch == '_') ch = ' ';
            name = (side == "left" ? "Left " : side == "right" ? "Right " : "") + pretty + ": " + what;
            if (side == "midline" && !name.empty()) name[0] = char(std::toupper(static_cast<unsigned char>(name[0])));
        }
        s["name"] = name;
        s["latin"] = latin;
        s["fma"] = "";
        s["group"] = "landmarks";
        s["side"] = side;
        s["kind"] = l.attachment ? "attachment" : "landmark";
        s["color"] = colors.value(l.attachment ? "attachment" : "landmark", "#2f7fd0");
        s["optional"] = l.name.rfind("psoas_minor", 0) == 0;
        s["visible"] = false;
        std::vector<std::string> content;
        if (l.attachment) {
            const auto dot = l.name.find('.');
            auto it = contentOf.find(l.name.substr(0, dot));
            if (it != contentOf.end()) content.push_back(it->second);
        } else if (l.name.size() > 5 && l.name.compare(l.name.size() - 5, 5, "_body") == 0) {
            content.push_back("lumbar_vertebrae");
        } else {
            // A landmark named in landmarkNames with a third entry links to that structure's
            // article (the diaphragm's openings); the others to the pelvis/femur landmarks.
            std::string key = l.name;
            if (side != "midline") key = key.substr(0, key.size() - 2);
            const auto linked = names.contains(key) && names[key].size() > 2 ? contentOf.find(names[key][2].get<std::string>())
                                                                              : contentOf.end();
            content.push_back(linked != contentOf.end() ? linked->second : "pelvis_femur_landmarks");
        }
        s["content"] = content;
        out["structures"].push_back(s);
    }
    return out.dump(1) + "\n";
}

} // namespace psoas::modelbuilder
