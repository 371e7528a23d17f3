#include "app/Attachments.h"

#include "app/Document.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace psoas::app {

namespace {
// Readable name of the bone an area sits on ("Lesser trochanter" for the psoas insertion).
std::string boneText(const Document& doc, const std::string& body, const std::string& muscle, bool origin)
{
    if (!origin && (muscle.rfind("psoas_major", 0) == 0 || muscle.rfind("iliacus", 0) == 0))
        return "Lesser trochanter";
    if (!origin && muscle.rfind("psoas_minor", 0) == 0) return "Iliopubic eminence";
    if (body.empty()) return origin ? "Origin" : "Insertion";
    const int n = doc.scene().find(body);
    return n >= 0 ? doc.displayName(n) : body;
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}
} // namespace

std::vector<AttachmentArea> Attachments::of(const Document& doc, const std::string& muscle)
{
    std::vector<AttachmentArea> out;
    if (muscle.empty()) return out;
    const auto& scene = doc.scene();
    const auto& model = doc.model();
    const std::string originPrefix = muscle + ".origin";
    const std::string insertionPrefix = muscle + ".insertion";
    for (std::size_t i = 0; i < scene.size(); ++i) {
        const auto& name = scene.node(int(i)).name;
        const bool isOrigin = name.rfind(originPrefix, 0) == 0;
        const bool isInsertion = name.rfind(insertionPrefix, 0) == 0;
        if (!isOrigin && !isInsertion) continue;
        const std::string& prefix = isOrigin ? originPrefix : insertionPrefix;
        if (name.size() > prefix.size() && name[prefix.size()] != '.') continue; // e.g. another muscle id
        AttachmentArea a;
        a.id = name;
        a.origin = isOrigin;
        a.world = Vec3(scene.world(int(i))[3]);
        if (int mn = model.findNode(name); mn >= 0) {
            const auto& extras = model.nodes[std::size_t(mn)].extras;
            if (auto it = extras.find("radius"); it != extras.end()) {
                float r = std::strtof(it->second.c_str(), nullptr);
                if (r > 0.0f && r < 1.0f) a.radius = r;
            }
            if (auto it = extras.find("body"); it != extras.end()) a.body = it->second;
            if (auto it = extras.find("label"); it != extras.end()) a.text = it->second; // "L3 TP"
            if (auto it = extras.find("layer"); it != extras.end()) a.deep = it->second == "deep";
        }
        if (a.body.empty() && scene.node(int(i)).parent >= 0) a.body = scene.node(scene.node(int(i)).parent).name;
        if (a.text.empty()) a.text = name.size() > prefix.size() + 1 ? upper(name.substr(prefix.size() + 1)) // slip level: "L3"
                                                                      : boneText(doc, a.body, muscle, isOrigin);
        out.push_back(a);
    }
    // Origins top to bottom, then insertions.
    std::stable_sort(out.begin(), out.end(), [](const AttachmentArea& x, const AttachmentArea& y) {
        if (x.origin != y.origin) return x.origin;
        return x.world.y > y.world.y;
    });
    return out;
}

std::vector<AttachmentArea> Attachments::named(const Document& doc, const std::vector<std::string>& ids)
{
    std::vector<AttachmentArea> out;
    std::map<std::string, std::vector<AttachmentArea>> byMuscle;
    for (const auto& id : ids) {
        const auto dot = id.find('.');
        if (dot == std::string::npos || dot == 0) continue;
        const std::string muscle = id.substr(0, dot);
        auto it = byMuscle.find(muscle);
        if (it == byMuscle.end()) it = byMuscle.emplace(muscle, of(doc, muscle)).first;
        for (const auto& a : it->second)
            if (a.id == id) out.push_back(a);
    }
    return out;
}

bool Attachments::bounds(const std::vector<AttachmentArea>& areas, Vec3& mn, Vec3& mx)
{
    if (areas.empty()) return false;
    mn = Vec3(1e9f);
    mx = Vec3(-1e9f);
    for (const auto& a : areas) {
        mn = glm::min(mn, a.world - Vec3(a.radius));
        mx = glm::max(mx, a.world + Vec3(a.radius));
    }
    return true;
}

bool showBounds(const Document& doc, const std::vector<std::string>& show, const std::vector<std::string>& selection,
                Vec3& mn, Vec3& mx)
{
    std::vector<AttachmentArea> areas = Attachments::named(doc, show);
    const auto& scene = doc.scene();
    for (const auto& id : show) {
        const int n = scene.find(id);
        if (n < 0 || std::any_of(areas.begin(), areas.end(), [&](const AttachmentArea& a) { return a.id == id; })) continue;
        AttachmentArea landmark;
        landmark.id = id;
        landmark.world = Vec3(scene.world(n)[3]);
        landmark.radius = 0.01f;
        areas.push_back(landmark);
    }
    if (show.empty())
        for (const auto& id : selection)
            for (const auto& a : Attachments::of(doc, id)) areas.push_back(a);
    if (!Attachments::bounds(areas, mn, mx)) return false;
    mn -= Vec3(0.03f);
    mx += Vec3(0.03f);
    return true;
}

ShownMarks shownMarks(const Document& doc, const std::vector<std::string>& shown, const std::string& selectedMuscle)
{
    ShownMarks marks;
    if (shown.empty()) {
        if (!selectedMuscle.empty()) marks.areas = Attachments::of(doc, selectedMuscle);
        return marks;
    }
    marks.labelDeepAreas = true;
    marks.areas = Attachments::named(doc, shown);
    for (const auto& id : shown)
        if (std::none_of(marks.areas.begin(), marks.areas.end(), [&](const AttachmentArea& a) { return a.id == id; }))
            marks.landmarks.push_back(id);
    return marks;
}

} // namespace psoas::app
