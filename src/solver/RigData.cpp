#include "solver/RigData.h"

#include <algorithm>

#include "core/AtomicFile.h"
#include "core/JsonFile.h"

#include <cmath>
#include <map>

namespace psoas::solver {

namespace {

using nlohmann::json;

struct Reader {
    std::string file;
    std::string error;

    bool fail(const std::string& where, const std::string& what)
    {
        if (error.empty())
            error = file + ": " + where + ": " + what +
                    ". Fix the entry (or rebuild the model with tools/modelbuilder) and reload.";
        return false;
    }
    bool vec3(const json& j, const char* key, const std::string& where, DVec3& out)
    {
        auto it = j.find(key);
        if (it == j.end() || !it->is_array() || it->size() != 3)
            return fail(where, std::string("\"") + key + "\" must be an array of 3 numbers");
        for (int i = 0; i < 3; ++i) {
            const json& v = (*it)[static_cast<std::size_t>(i)];
            if (!v.is_number()) return fail(where, std::string("\"") + key + "\" has a value that is not a number");
            double d = v.get<double>();
            if (!std::isfinite(d)) return fail(where, std::string("\"") + key + "\" is not finite");
            out[i] = d;
        }
        return true;
    }
    bool str(const json& j, const char* key, const std::string& where, std::string& out)
    {
        auto it = j.find(key);
        if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
            return fail(where, std::string("missing text field \"") + key + "\"");
        out = it->get<std::string>();
        return true;
    }
    bool num(const json& j, const char* key, const std::string& where, double& out, bool required)
    {
        auto it = j.find(key);
        if (it == j.end()) return required ? fail(where, std::string("missing number \"") + key + "\"") : true;
        if (!it->is_number() || !std::isfinite(it->get<double>()))
            return fail(where, std::string("\"") + key + "\" must be a finite number");
        out = it->get<double>();
        return true;
    }
    const json* arr(const json& j, const char* key, bool required)
    {
        auto it = j.find(key);
        if (it == j.end()) {
            if (required) fail("top level", std::string("missing array \"") + key + "\"");
            return nullptr;
        }
        if (!it->is_array()) {
            fail("top level", std::string("\"") + key + "\" must be an array");
            return nullptr;
        }
        return &*it;
    }
};

bool parseJoints(Reader& rd, const json& root, RigData& rig)
{
    const json* joints = rd.arr(root, "joints", true);
    if (!joints) return false;
    std::vector<std::string> parents;
    for (std::size_t i = 0; i < joints->size(); ++i) {
        const json& j = (*joints)[i];
        std::string where = "joints[" + std::to_string(i) + "]";
        RigJoint joint;
        if (!j.is_object() || !rd.str(j, "name", where, joint.name)) return rd.fail(where, "needs a name");
        where += " (" + joint.name + ")";
        if (!rd.vec3(j, "position", where, joint.position)) return false;
        auto p = j.find("parent");
        parents.push_back(p != j.end() && p->is_string() ? p->get<std::string>() : std::string());
        if (rig.findJoint(joint.name) >= 0) return rd.fail(where, "joint name used twice");
        rig.joints.push_back(joint);
    }
    // Resolve parents, then order parents before children.
    for (std::size_t i = 0; i < rig.joints.size(); ++i) {
        if (parents[i].empty()) continue;
        int p = rig.findJoint(parents[i]);
        if (p < 0) return rd.fail("joints (" + rig.joints[i].name + ")", "unknown parent \"" + parents[i] + "\"");
        rig.joints[i].parent = p;
    }
    std::vector<RigJoint> ordered;
    std::vector<int> newIndex(rig.joints.size(), -1);
    for (std::size_t pass = 0; pass <= rig.joints.size() && ordered.size() < rig.joints.size(); ++pass)
        for (std::size_t i = 0; i < rig.joints.size(); ++i) {
            const RigJoint& j = rig.joints[i];
            if (newIndex[i] >= 0) continue;
            if (j.parent >= 0 && newIndex[static_cast<std::size_t>(j.parent)] < 0) continue;
            RigJoint copy = j;
            copy.parent = j.parent >= 0 ? newIndex[static_cast<std::size_t>(j.parent)] : -1;
            newIndex[i] = static_cast<int>(ordered.size());
            ordered.push_back(copy);
        }
    if (ordered.size() != rig.joints.size()) return rd.fail("joints", "the parent links form a loop");
    rig.joints = std::move(ordered);
    return true;
}

bool bodyRef(Reader& rd, const RigData& rig, const json& j, const std::string& where, int& out)
{
    std::string name;
    if (!rd.str(j, "body", where, name)) return false;
    out = rig.findBody(name);
    if (out < 0) return rd.fail(where, "unknown body \"" + name + "\" (not in \"bodies\")");
    return true;
}

bool parseWraps(Reader& rd, const json& root, RigData& rig)
{
    const json* wraps = rd.arr(root, "wraps", false);
    if (!wraps) return rd.error.empty();
    for (std::size_t i = 0; i < wraps->size(); ++i) {
        const json& j = (*wraps)[i];
        std::string where = "wraps[" + std::to_string(i) + "]";
        RigWrap w;
        if (!rd.str(j, "name", where, w.name)) return false;
        where += " (" + w.name + ")";
        std::string type;
        if (!rd.str(j, "type", where, type) || !bodyRef(rd, rig, j, where, w.body) ||
            !rd.vec3(j, "center", where, w.center))
            return false;
        if (type == "cylinder") {
            w.type = WrapType::Cylinder;
            if (!rd.vec3(j, "axis", where, w.axis) || !rd.num(j, "radius", where, w.radius, true)) return false;
            if (glm::length(w.axis) < 1e-9) return rd.fail(where, "\"axis\" has zero length");
            w.axis = glm::normalize(w.axis);
            if (!(w.radius > 0.0)) return rd.fail(where, "\"radius\" must be > 0 (metres)");
        } else if (type == "ellipsoid") {
            w.type = WrapType::Ellipsoid;
            if (!rd.vec3(j, "radii", where, w.radii)) return false;
            if (!(w.radii.x > 0 && w.radii.y > 0 && w.radii.z > 0))
                return rd.fail(where, "\"radii\" must all be > 0 (metres)");
        } else {
            return rd.fail(where, "\"type\" is \"" + type + "\"; use \"cylinder\" or \"ellipsoid\"");
        }
        if (j.contains("side")) {
            if (!rd.vec3(j, "side", where, w.side)) return false;
            if (glm::length(w.side) > 1e-9) {
                w.side = glm::normalize(w.side);
                w.hasSide = true;
            }
        }
        rig.wraps.push_back(w);
    }
    return true;
}

bool parseMuscles(Reader& rd, const json& root, RigData& rig)
{
    const json* muscles = rd.arr(root, "muscles", true);
    if (!muscles) return false;
    for (std::size_t i = 0; i < muscles->size(); ++i) {
        const json& j = (*muscles)[i];
        std::string where = "muscles[" + std::to_string(i) + "]";
        RigMuscle m;
        if (!rd.str(j, "id", where, m.id)) return false;
        where = "muscle " + m.id;
        if (!rd.num(j, "tendon_fraction", where, m.tendonFraction, false)) return false;
        if (m.tendonFraction < 0.0 || m.tendonFraction > 0.9)
            return rd.fail(where, "\"tendon_fraction\" " + core::formatNumber(m.tendonFraction) + " is outside 0..0.9");
        auto paths = j.find("paths");
        if (paths == j.end() || !paths->is_array() || paths->empty())
            return rd.fail(where, "needs a non-empty \"paths\" array");
        for (std::size_t k = 0; k < paths->size(); ++k) {
            const json& pj = (*paths)[k];
            RigPath path;
            path.name = pj.value("name", std::string("main"));
            std::string pw = where + " path " + path.name;
            auto pts = pj.find("points");
            if (pts == pj.end() || !pts->is_array() || pts->size() < 2)
                return rd.fail(pw, "needs at least 2 \"points\" (origin and insertion)");
            for (std::size_t q = 0; q < pts->size(); ++q) {
                RigPathPoint pt;
                std::string qw = pw + " point " + std::to_string(q);
                if (!bodyRef(rd, rig, (*pts)[q], qw, pt.body) || !rd.vec3((*pts)[q], "position", qw, pt.position))
                    return false;
                path.points.push_back(pt);
            }
            if (pj.contains("wraps") && pj["wraps"].is_array())
                for (const auto& wn : pj["wraps"]) {
                    std::string name = wn.is_string() ? wn.get<std::string>() : std::string();
                    int found = -1;
                    for (std::size_t w = 0; w < rig.wraps.size(); ++w)
                        if (rig.wraps[w].name == name) found = static_cast<int>(w);
                    if (found < 0) return rd.fail(pw, "unknown wrap \"" + name + "\" (not in \"wraps\")");
                    path.wraps.push_back(found);
                }
            if (pj.contains("wrap_from")) {
                if (!pj["wrap_from"].is_number_unsigned() || pj["wrap_from"].get<std::size_t>() + 1 >= path.points.size())
                    return rd.fail(pw, "\"wrap_from\" must be a point index below the last point");
                path.wrapFrom = pj["wrap_from"].get<std::size_t>();
            }
            m.paths.push_back(std::move(path));
        }
        rig.muscles.push_back(std::move(m));
    }
    return true;
}

} // namespace

RigPath RigPath::reversed() const
{
    RigPath r = *this;
    std::reverse(r.points.begin(), r.points.end());
    const std::size_t segments = points.empty() ? 0 : points.size() - 1;
    const std::size_t to = std::min(wrapTo, segments);
    r.wrapFrom = segments - to;
    r.wrapTo = segments - std::min(wrapFrom, segments);
    return r;
}

int RigData::findJoint(const std::string& name) const
{
    for (std::size_t i = 0; i < joints.size(); ++i)
        if (joints[i].name == name) return static_cast<int>(i);
    return -1;
}

int RigData::findBody(const std::string& name) const
{
    for (std::size_t i = 0; i < bodies.size(); ++i)
        if (bodies[i].name == name) return static_cast<int>(i);
    return -1;
}

int RigData::findMuscle(const std::string& id) const
{
    for (std::size_t i = 0; i < muscles.size(); ++i)
        if (muscles[i].id == id) return static_cast<int>(i);
    return -1;
}

const RigLandmark* RigData::findLandmark(const std::string& name) const
{
    for (const auto& l : landmarks)
        if (l.name == name) return &l;
    return nullptr;
}

core::Result<RigData> RigData::load(const std::string& path)
{
    auto text = core::readFile(path);
    if (!text) return text.error();
    return fromJsonText(*text, path);
}

core::Result<RigData> RigData::fromJsonText(const std::string& text, const std::string& name)
{
    auto parsed = core::parseJson(text, name);
    if (!parsed) return parsed.error();
    const json& root = *parsed;
    Reader rd{name, {}};
    RigData rig;
    rig.sourcePath = name;
    if (!root.is_object()) return core::makeError(name + ": the rig must be a JSON object");
    if (!parseJoints(rd, root, rig)) return core::makeError(rd.error);
    if (const json* bodies = rd.arr(root, "bodies", true)) {
        for (std::size_t i = 0; i < bodies->size(); ++i) {
            const json& j = (*bodies)[i];
            std::string where = "bodies[" + std::to_string(i) + "]";
            RigBody b;
            std::string joint;
            if (!rd.str(j, "name", where, b.name) || !rd.str(j, "joint", where + " (" + b.name + ")", joint))
                return core::makeError(rd.error);
            b.joint = rig.findJoint(joint);
            if (b.joint < 0) {
                rd.fail(where + " (" + b.name + ")", "unknown joint \"" + joint + "\"");
                return core::makeError(rd.error);
            }
            rig.bodies.push_back(b);
        }
    } else {
        return core::makeError(rd.error);
    }
    if (const json* lms = rd.arr(root, "landmarks", false)) {
        for (std::size_t i = 0; i < lms->size(); ++i) {
            const json& j = (*lms)[i];
            std::string where = "landmarks[" + std::to_string(i) + "]";
            RigLandmark l;
            if (!rd.str(j, "name", where, l.name) || !bodyRef(rd, rig, j, where + " (" + l.name + ")", l.body) ||
                !rd.vec3(j, "position", where + " (" + l.name + ")", l.position) ||
                !rd.num(j, "radius", where, l.radius, false))
                return core::makeError(rd.error);
            rig.landmarks.push_back(l);
        }
    }
    if (!rd.error.empty()) return core::makeError(rd.error);
    if (!parseWraps(rd, root, rig) || !parseMuscles(rd, root, rig)) return core::makeError(rd.error);
    if (const json* discs = rd.arr(root, "discs", false)) {
        for (std::size_t i = 0; i < discs->size(); ++i) {
            const json& j = (*discs)[i];
            std::string where = "discs[" + std::to_string(i) + "]";
            RigDisc d;
            std::string lo, up;
            if (!rd.str(j, "id", where, d.id) || !rd.str(j, "lower", where, lo) || !rd.str(j, "upper", where, up))
                return core::makeError(rd.error);
            d.lowerBody = rig.findBody(lo);
            d.upperBody = rig.findBody(up);
            if (d.lowerBody < 0 || d.upperBody < 0) {
                rd.fail(where + " (" + d.id + ")", "unknown body \"" + (d.lowerBody < 0 ? lo : up) + "\"");
                return core::makeError(rd.error);
            }
            rig.discs.push_back(d);
        }
    }
    if (!rd.error.empty()) return core::makeError(rd.error);
    return rig;
}

} // namespace psoas::solver
