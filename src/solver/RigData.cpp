#include "solver/RigData.h"

#include <algorithm>

#include "core/AtomicFile.h"
#include "core/JsonFields.h"
#include "core/JsonFile.h"

#include <cmath>
#include <map>

namespace psoas::solver {

namespace {

using nlohmann::json;

// The rig's fields through the one checked reader (core::JsonFields); text fields must not be empty.
struct Reader {
    core::JsonFields f;

    bool fail(const std::string& where, const std::string& what) { return f.fail(where, what); }
    bool vec3(const json& j, const char* key, const std::string& where, DVec3& out)
    {
        return f.vec3(j, key, where, out, core::JsonFields::Required);
    }
    bool str(const json& j, const char* key, const std::string& where, std::string& out)
    {
        if (!f.text(j, key, where, out, core::JsonFields::Required)) return false;
        if (out.empty()) return fail(core::fieldPath(where, key), "is empty; it needs a name");
        return true;
    }
    bool optionalStr(const json& j, const char* key, const std::string& where, std::string& out)
    {
        return f.text(j, key, where, out);
    }
    bool num(const json& j, const char* key, const std::string& where, double& out, bool required)
    {
        return f.number(j, key, where, out, required ? core::JsonFields::Required : core::JsonFields::Optional);
    }
    const json* arr(const json& j, const char* key, bool required)
    {
        return f.array(j, key, "", required ? core::JsonFields::Required : core::JsonFields::Optional);
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
        std::string parent;
        if (!rd.optionalStr(j, "parent", where, parent)) return false;
        parents.push_back(parent);
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
    if (!wraps) return rd.f.ok();
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
        if (j.is_object() && j.contains("side")) {
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
        const json* paths = rd.f.array(j, "paths", where, core::JsonFields::Required);
        if (!paths) return false;
        if (paths->empty()) return rd.fail(where, "needs a non-empty \"paths\" array");
        for (std::size_t k = 0; k < paths->size(); ++k) {
            const json& pj = (*paths)[k];
            RigPath path;
            path.name = "main";
            const std::string pk = where + " paths[" + std::to_string(k) + "]";
            if (!rd.f.isObject(pj, pk) || !rd.optionalStr(pj, "name", pk, path.name)) return false;
            std::string pw = where + " path " + path.name;
            const json* pts = rd.f.array(pj, "points", pw, core::JsonFields::Required);
            if (!pts) return false;
            if (pts->size() < 2) return rd.fail(pw, "needs at least 2 \"points\" (origin and insertion)");
            for (std::size_t q = 0; q < pts->size(); ++q) {
                RigPathPoint pt;
                std::string qw = pw + " point " + std::to_string(q);
                if (!bodyRef(rd, rig, (*pts)[q], qw, pt.body) || !rd.vec3((*pts)[q], "position", qw, pt.position))
                    return false;
                path.points.push_back(pt);
            }
            std::vector<std::string> wrapNames;
            if (!rd.f.textList(pj, "wraps", pw, wrapNames)) return false;
            for (const auto& name : wrapNames) {
                    int found = -1;
                    for (std::size_t w = 0; w < rig.wraps.size(); ++w)
                        if (rig.wraps[w].name == name) found = static_cast<int>(w);
                    if (found < 0) return rd.fail(pw, "unknown wrap \"" + name + "\" (not in \"wraps\")");
                    path.wraps.push_back(found);
                }
            double wrapFrom = -1.0;
            if (!rd.num(pj, "wrap_from", pw, wrapFrom, false)) return false;
            if (pj.contains("wrap_from")) {
                if (wrapFrom < 0.0 || wrapFrom != std::floor(wrapFrom) || wrapFrom + 1.0 >= double(path.points.size()))
                    return rd.fail(pw, "\"wrap_from\" must be a point index below the last point");
                path.wrapFrom = static_cast<std::size_t>(wrapFrom);
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
    Reader rd{core::JsonFields(name, "Fix the value (or rebuild the model with tools/modelbuilder, or restore the "
                                     "file from the project's assets) and reload.")};
    RigData rig;
    rig.sourcePath = name;
    if (!rd.f.isObject(root, "")) return rd.f.error();
    if (!parseJoints(rd, root, rig)) return rd.f.error();
    if (const json* bodies = rd.arr(root, "bodies", true)) {
        for (std::size_t i = 0; i < bodies->size(); ++i) {
            const json& j = (*bodies)[i];
            std::string where = "bodies[" + std::to_string(i) + "]";
            RigBody b;
            std::string joint;
            if (!rd.str(j, "name", where, b.name) || !rd.str(j, "joint", where + " (" + b.name + ")", joint))
                return rd.f.error();
            b.joint = rig.findJoint(joint);
            if (b.joint < 0) {
                rd.fail(where + " (" + b.name + ")", "unknown joint \"" + joint + "\"");
                return rd.f.error();
            }
            rig.bodies.push_back(b);
        }
    } else {
        return rd.f.error();
    }
    if (const json* lms = rd.arr(root, "landmarks", false)) {
        for (std::size_t i = 0; i < lms->size(); ++i) {
            const json& j = (*lms)[i];
            std::string where = "landmarks[" + std::to_string(i) + "]";
            RigLandmark l;
            if (!rd.str(j, "name", where, l.name) || !bodyRef(rd, rig, j, where + " (" + l.name + ")", l.body) ||
                !rd.vec3(j, "position", where + " (" + l.name + ")", l.position) ||
                !rd.num(j, "radius", where, l.radius, false))
                return rd.f.error();
            rig.landmarks.push_back(l);
        }
    }
    if (!rd.f.ok()) return rd.f.error();
    if (!parseWraps(rd, root, rig) || !parseMuscles(rd, root, rig)) return rd.f.error();
    if (const json* discs = rd.arr(root, "discs", false)) {
        for (std::size_t i = 0; i < discs->size(); ++i) {
            const json& j = (*discs)[i];
            std::string where = "discs[" + std::to_string(i) + "]";
            RigDisc d;
            std::string lo, up;
            if (!rd.str(j, "id", where, d.id) || !rd.str(j, "lower", where, lo) || !rd.str(j, "upper", where, up))
                return rd.f.error();
            d.lowerBody = rig.findBody(lo);
            d.upperBody = rig.findBody(up);
            if (d.lowerBody < 0 || d.upperBody < 0) {
                rd.fail(where + " (" + d.id + ")", "unknown body \"" + (d.lowerBody < 0 ? lo : up) + "\"");
                return rd.f.error();
            }
            rig.discs.push_back(d);
        }
    }
    if (!rd.f.ok()) return rd.f.error();
    return rig;
}

} // namespace psoas::solver
