#include "RigLayout.h"

#include "core/JsonFile.h"

#include <cassert>
#include <cmath>
#include <set>

namespace psoas::modelbuilder {

namespace {

constexpr double kMm = 0.001;
constexpr double kDeg = 3.14159265358979323846 / 180.0;

// Unit normal in the sagittal plane tilted `angle` radians forward from +Y.
glm::dvec3 sagittalNormal(double angle) { return {0.0, std::cos(angle), std::sin(angle)}; }
glm::dvec3 sagittalAnterior(double angle) { return {0.0, -std::sin(angle), std::cos(angle)}; }

struct Reader {
    std::string file;
    std::string error;

    bool fail(const std::string& what)
    {
        if (error.empty()) error = file + ": " + what + ". Fix the data file (see tools/modelbuilder/README.md).";
        return false;
    }
    double number(const nlohmann::json& j, const char* key, const std::string& where)
    {
        if (!j.is_object() || !j.contains(key) || !j[key].is_number()) {
            fail(where + ": field '" + key + "' is missing or not a number");
            return 0.0;
        }
        return j[key].get<double>();
    }
    std::string text(const nlohmann::json& j, const char* key, const std::string& where)
    {
        if (!j.is_object() || !j.contains(key) || !j[key].is_string()) {
            fail(where + ": field '" + key + "' is missing or not a string");
            return {};
        }
        return j[key].get<std::string>();
    }
    glm::dvec3 vec3(const nlohmann::json& j, const char* key, const std::string& where)
    {
        if (!j.is_object() || !j.contains(key) || !j[key].is_array() || j[key].size() != 3 || !j[key][0].is_number() ||
            !j[key][1].is_number() || !j[key][2].is_number()) {
            fail(where + ": field '" + key + "' must be an array of three numbers");
            return glm::dvec3(0.0);
        }
        return {j[key][0].get<double>(), j[key][1].get<double>(), j[key][2].get<double>()};
    }
};

bool isRightName(const std::string& n) { return mirrorName(n) != n; }

}

FemurFrame computeFemurFrame(const RigLayout& rig)
{
    FemurFrame f;
    f.head = rig.hipCenter(false);
    f.headRadius = 0.5 * rig.femur.headDiameter;
    // Knee centre under the hip (mechanical axis nearly vertical, knees slightly closer together).
    f.knee = f.head + glm::dvec3(0.008, -(rig.femur.length - f.headRadius - 0.022), -0.002);
    const double neckAngle = (180.0 - rig.femur.neckShaftDeg) * kDeg; // neck axis vs shaft-up
    const double neckLength = rig.femur.offset / std::sin(neckAngle);
    const double av = rig.femur.anteversionDeg * kDeg;
    glm::dvec3 up = glm::normalize(glm::dvec3(-0.1, 1.0, 0.0));
    for (int it = 0; it < 8; ++it) {
        glm::dvec3 m0 = glm::dvec3(1, 0, 0) - glm::dot(glm::dvec3(1, 0, 0), up) * up;
        m0 = glm::normalize(m0);
        glm::dvec3 a0 = glm::normalize(glm::cross(m0, up));
        if (a0.z < 0) a0 = -a0;
        const glm::dvec3 horiz = std::cos(av) * m0 + std::sin(av) * a0;
        f.neckDir = glm::normalize(std::cos(neckAngle) * up + std::sin(neckAngle) * horiz);
        f.neckBase = f.head - neckLength * f.neckDir;
        // shaft axis from a point just above the notch through the neck base
        up = glm::normalize(f.neckBase - (f.knee + glm::dvec3(0.0, 0.03, 0.0)));
        f.medial = m0;
        f.anterior = a0;
    }
    f.shaftUp = up;
    return f;
}

namespace {


} // namespace

glm::dvec3 mirrorX(const glm::dvec3& p) { return {-p.x, p.y, p.z}; }

std::string mirrorName(const std::string& n)
{
    std::string out = n;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (out[i] == '_' && out[i + 1] == 'r' && (i + 2 == out.size() || out[i + 2] == '.')) out[i + 1] = 'l';
    }
    return out;
}

const VertebraFrame& RigLayout::frame(const std::string& id) const
{
    for (const auto& f : frames)
        if (f.id == id) return f;
    assert(false && "RigLayout::frame: unknown vertebra id");
    return frames.front();
}

const VertebraDims& RigLayout::dims(const std::string& id) const
{
    for (const auto& v : vertebrae)
        if (v.id == id) return v;
    assert(false && "RigLayout::dims: unknown vertebra id");
    return vertebrae.front();
}

const DiscDims& RigLayout::disc(const std::string& id) const
{
    for (const auto& d : discs)
        if (d.id == id) return d;
    assert(false && "RigLayout::disc: unknown disc id");
    return discs.front();
}

const JointDef& RigLayout::joint(const std::string& name) const
{
    for (const auto& j : joints)
        if (j.name == name) return j;
    assert(false && "RigLayout::joint: unknown joint");
    return joints.front();
}

glm::dvec3 RigLayout::landmark(const std::string& name) const
{
    auto it = landmarks.find(name);
    assert(it != landmarks.end() && "RigLayout::landmark: unknown landmark");
    return it == landmarks.end() ? glm::dvec3(0.0) : it->second;
}

std::vector<const MusclePath*> RigLayout::pathsOf(const std::string& muscle) const
{
    std::vector<const MusclePath*> out;
    for (const auto& p : musclePaths)
        if (p.muscle == muscle) out.push_back(&p);
    return out;
}

core::Result<RigLayout> RigLayout::load(const std::string& dataDir)
{
    RigLayout rig;
    const std::string dimPath = dataDir + "/dimensions.json";
    auto dimJson = core::readJsonFile(dimPath);
    if (!dimJson) return dimJson.error();
    const auto& dj = dimJson.value();
    Reader r{dimPath, {}};

    // --- vertebrae and discs -------------------------------------------------------------
    if (!dj.contains("vertebrae") || !dj["vertebrae"].is_array()) r.fail("'vertebrae' must be an array");
    else
        for (const auto& v : dj["vertebrae"]) {
            VertebraDims d;
            d.id = r.text(v, "id", "a vertebra");
            const std::string w = "vertebra '" + d.id + "'";
            d.bodyWidth = r.number(v, "bodyWidth", w) * kMm;
            d.bodyDepth = r.number(v, "bodyDepth", w) * kMm;
            d.heightAnterior = r.number(v, "heightAnterior", w) * kMm;
            d.heightPosterior = r.number(v, "heightPosterior", w) * kMm;
            d.pedicleWidth = r.number(v, "pedicleWidth", w) * kMm;
            d.pedicleHeight = r.number(v, "pedicleHeight", w) * kMm;
            d.pedicleAngleDeg = r.number(v, "pedicleAngle", w);
            d.transverseProcessLength = r.number(v, "transverseProcessLength", w) * kMm;
            d.spinousLength = r.number(v, "spinousLength", w) * kMm;
            d.spinousHeight = r.number(v, "spinousHeight", w) * kMm;
            d.canalWidth = r.number(v, "canalWidth", w) * kMm;
            d.canalDepth = r.number(v, "canalDepth", w) * kMm;
            if (r.error.empty() && (d.bodyWidth <= 0 || d.bodyDepth <= 0 || d.heightAnterior <= 0 || d.heightPosterior <= 0))
                r.fail(w + ": body sizes must be positive millimetres");
            rig.vertebrae.push_back(d);
        }
    const std::vector<std::string> levels{"t12", "l1", "l2", "l3", "l4", "l5"};
    if (r.error.empty())
        for (const auto& id : levels) {
            bool found = false;
            for (const auto& v : rig.vertebrae) found = found || v.id == id;
            if (!found) r.fail("vertebra '" + id + "' is missing from 'vertebrae'");
        }
    std::map<std::string, double> discMiddle;
    if (r.error.empty()) {
        if (!dj.contains("discs") || !dj["discs"].is_array()) r.fail("'discs' must be an array");
        else
            for (const auto& d : dj["discs"]) {
                DiscDims dd;
                dd.id = r.text(d, "id", "a disc");
                dd.lower = r.text(d, "lower", "disc '" + dd.id + "'");
                dd.upper = r.text(d, "upper", "disc '" + dd.id + "'");
                dd.middle = r.number(d, "middle", "disc '" + dd.id + "'") * kMm;
                if (r.error.empty() && dd.middle <= 0) r.fail("disc '" + dd.id + "': 'middle' must be positive");
                rig.discs.push_back(dd);
            }
    }
    if (r.error.empty()) {
        if (!dj.contains("segmentLordosis") || !dj["segmentLordosis"].is_object()) r.fail("'segmentLordosis' must be an object");
        else
            for (auto it = dj["segmentLordosis"].begin(); it != dj["segmentLordosis"].end(); ++it) {
                if (!it.value().is_number()) r.fail("segmentLordosis '" + it.key() + "' must be a number (degrees)");
                else rig.segmentLordosisDeg[it.key()] = it.value().get<double>();
            }
    }
    if (r.error.empty()) {
        const auto& p = dj.contains("pelvis") ? dj["pelvis"] : nlohmann::json();
        rig.pelvis.interAsis = r.number(p, "interAsis", "pelvis") * kMm;
        rig.pelvis.sacralSlopeDeg = r.number(p, "sacralSlope", "pelvis");
        rig.pelvis.pelvicTiltDeg = r.number(p, "pelvicTilt", "pelvis");
        rig.pelvis.s1HipDistance = r.number(p, "s1HipDistance", "pelvis") * kMm;
        rig.pelvis.s1Width = r.number(p, "s1Width", "pelvis") * kMm;
        rig.pelvis.s1Depth = r.number(p, "s1Depth", "pelvis") * kMm;
        rig.pelvis.sacralLength = r.number(p, "sacralLength", "pelvis") * kMm;
        rig.pelvis.sacralWidth = r.number(p, "sacralWidth", "pelvis") * kMm;
        rig.pelvis.acetabulumRadius = r.number(p, "acetabulumRadius", "pelvis") * kMm;
        const auto& f = dj.contains("femur") ? dj["femur"] : nlohmann::json();
        rig.femur.headDiameter = r.number(f, "headDiameter", "femur") * kMm;
        rig.femur.neckShaftDeg = r.number(f, "neckShaft", "femur");
        rig.femur.anteversionDeg = r.number(f, "anteversion", "femur");
        rig.femur.offset = r.number(f, "offset", "femur") * kMm;
        rig.femur.length = r.number(f, "length", "femur") * kMm;
        rig.femur.shaftDiameter = r.number(f, "shaftDiameter", "femur") * kMm;
        if (r.error.empty() && (rig.pelvis.interAsis < 0.15 || rig.pelvis.interAsis > 0.35))
            r.fail("pelvis.interAsis = " + core::formatNumber(rig.pelvis.interAsis / kMm) +
                   " mm is outside 150-350 mm; give millimetres");
    }
    if (!r.error.empty()) return core::makeError(r.error);

    // --- pelvis landmarks from the inter-ASIS distance (Bell 1989) ------------------------
    const double pw = rig.pelvis.interAsis;
    const glm::dvec3 hipR(-(pw / 2.0 - 0.14 * pw), 0.0, 0.0);
    const glm::dvec3 asisR(-pw / 2.0, 0.30 * pw, 0.22 * pw);
    auto addLandmark = [&](const std::string& name, const std::string& body, const glm::dvec3& p, double radius,
                           bool attachment, bool snap = false, const std::string& label = {},
                           const std::string& layer = {}) {
        rig.landmarkDefs.push_back({name, body, p, radius, attachment, snap, label, layer});
        rig.landmarks[name] = p;
    };
    addLandmark("lm_hip_center_r", "femur_r", hipR, 0, false);
    addLandmark("lm_hip_center_l", "femur_l", mirrorX(hipR), 0, false);
    addLandmark("lm_asis_r", "hip_bone_r", asisR, 0, false);
    addLandmark("lm_asis_l", "hip_bone_l", mirrorX(asisR), 0, false);
    rig.femurRight = computeFemurFrame(rig);

    // --- vertebral column from S1 upwards ---------------------------------------------------
    const double pt = rig.pelvis.pelvicTiltDeg * kDeg;
    VertebraFrame s1;
    s1.id = "s1";
    s1.superiorEndplate = rig.pelvis.s1HipDistance * glm::dvec3(0.0, std::cos(pt), -std::sin(pt));
    double angle = rig.pelvis.sacralSlopeDeg * kDeg; // forward tilt of the current endplate normal
    s1.superiorNormal = sagittalNormal(angle);
    s1.axes = glm::dmat3(glm::dvec3(1, 0, 0), sagittalNormal(angle), sagittalAnterior(angle));
    s1.center = s1.superiorEndplate - 0.5 * 0.028 * s1.superiorNormal;
    s1.inferiorEndplate = s1.superiorEndplate - 0.028 * s1.superiorNormal;
    s1.inferiorNormal = -s1.superiorNormal;
    rig.frames.push_back(s1);
    addLandmark("lm_s1_endplate", "sacrum", s1.superiorEndplate, 0, false);
    addLandmark("lm_sacral_promontory", "sacrum", s1.superiorEndplate + 0.5 * rig.pelvis.s1Depth * sagittalAnterior(angle),
                0, false);

    glm::dvec3 c = s1.superiorEndplate;
    std::string lower = "s1";
    for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
        const std::string& id = *it;
        const VertebraDims& v = rig.dims(id);
        const std::string seg = id + "_" + lower;
        auto segIt = rig.segmentLordosisDeg.find(seg);
        if (segIt == rig.segmentLordosisDeg.end())
            return core::makeError(dimPath + ": segmentLordosis has no entry '" + seg + "'. Add it (degrees).");
        DiscDims* disc = nullptr;
        for (auto& d : rig.discs)
            if (d.upper == id && d.lower == lower) disc = &d;
        if (!disc)
            return core::makeError(dimPath + ": no disc with upper '" + id + "' and lower '" + lower + "'. Add it to 'discs'.");
        const double bodyWedge = std::atan((v.heightAnterior - v.heightPosterior) / v.bodyDepth);
        const double discWedge = segIt->second * kDeg - bodyWedge;
        disc->anterior = disc->middle + 0.5 * v.bodyDepth * std::tan(discWedge);
        disc->posterior = disc->middle - 0.5 * v.bodyDepth * std::tan(discWedge);
        if (disc->posterior < 0.002)
            return core::makeError(dimPath + ": disc '" + disc->id + "' would be " +
                                   core::formatNumber(disc->posterior / kMm) +
                                   " mm high posteriorly; lower segmentLordosis '" + seg + "' or raise its middle height");
        const double upperAngle = angle - discWedge;
        VertebraFrame f;
        f.id = id;
        f.inferiorEndplate = c + disc->middle * sagittalNormal(angle - 0.5 * discWedge);
        f.inferiorNormal = -sagittalNormal(upperAngle);
        const double axisAngle = upperAngle - 0.5 * bodyWedge;
        const double hm = 0.5 * (v.heightAnterior + v.heightPosterior);
        f.superiorEndplate = f.inferiorEndplate + hm * sagittalNormal(axisAngle);
        f.superiorNormal = sagittalNormal(upperAngle - bodyWedge);
        f.center = 0.5 * (f.inferiorEndplate + f.superiorEndplate);
        f.axes = glm::dmat3(glm::dvec3(1, 0, 0), sagittalNormal(axisAngle), sagittalAnterior(axisAngle));
        rig.frames.push_back(f);
        addLandmark("lm_" + id + "_body", id, f.center, 0, false);
        c = f.superiorEndplate;
        angle = upperAngle - bodyWedge;
        lower = id;
    }

    // --- joints and bodies -------------------------------------------------------------------
    rig.joints.push_back({"pelvis", "", glm::dvec3(0.0)});
    std::string parent = "pelvis";
    lower = "s1";
    for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
        const std::string name = "j_" + *it + "_" + lower;
        const glm::dvec3 pos = 0.5 * (rig.frame(lower).superiorEndplate + rig.frame(*it).inferiorEndplate);
        rig.joints.push_back({name, parent, pos});
        parent = name;
        lower = *it;
    }
    rig.joints.push_back({"j_hip_l", "pelvis", mirrorX(hipR)});
    rig.joints.push_back({"j_hip_r", "pelvis", hipR});
    rig.bodies = {{"sacrum", "pelvis"}, {"hip_bone_l", "pelvis"}, {"hip_bone_r", "pelvis"}};
    lower = "s1";
    for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
        rig.bodies.push_back({*it, "j_" + *it + "_" + lower});
        lower = *it;
    }
    // The lower thoracic column and cage are rigid with T12.
    for (const char* b : {"thoracic_t7_t11", "rib_12_l", "rib_12_r", "rib_7_l", "rib_8_l", "rib_9_l", "rib_10_l", "rib_11_l", "rib_7_r", "rib_8_r",
                          "rib_9_r", "rib_10_r", "rib_11_r", "costal_cartilage_l", "costal_cartilage_r", "sternum"})
        rig.bodies.push_back({b, "j_t12_l1"});
    rig.bodies.push_back({"femur_l", "j_hip_l"});
    rig.bodies.push_back({"femur_r", "j_hip_r"});
    std::set<std::string> bodyNames;
    for (const auto& b : rig.bodies) bodyNames.insert(b.name);

    // A point is {body, position} (model frame, mm) or {frame, local[, body]} (vertebra frame, mm).
    auto readPoint = [&](Reader& rd, const nlohmann::json& j, const std::string& where, std::string& body,
                         glm::dvec3& pos) {
        if (j.is_object() && j.contains("frame")) {
            const std::string fr = rd.text(j, "frame", where);
            bool known = false;
            for (const auto& f : rig.frames) known = known || f.id == fr;
            if (!known) return rd.fail(where + ": unknown vertebra frame '" + fr + "'");
            const glm::dvec3 local = rd.vec3(j, "local", where) * kMm;
            pos = rig.frame(fr).toWorld(local);
            body = j.contains("body") ? rd.text(j, "body", where) : fr;
        } else {
            body = rd.text(j, "body", where);
            pos = rd.vec3(j, "position", where) * kMm;
        }
        if (!rd.error.empty()) return false;
        if (!bodyNames.count(body)) return rd.fail(where + ": unknown body '" + body + "'");
        return true;
    };

    // --- landmarks.json ---------------------------------------------------------------------
    const std::string lmPath = dataDir + "/landmarks.json";
    auto lmJson = core::readJsonFile(lmPath);
    if (!lmJson) return lmJson.error();
    Reader lr{lmPath, {}};
    if (!lmJson->contains("landmarks") || !(*lmJson)["landmarks"].is_array())
        return core::makeError(lmPath + ": expected an object with a 'landmarks' array");
    for (const auto& l : (*lmJson)["landmarks"]) {
        const std::string name = lr.text(l, "name", "a landmark");
        std::string body;
        glm::dvec3 pos(0.0);
        if (!lr.error.empty() || !readPoint(lr, l, "landmark '" + name + "'", body, pos)) return core::makeError(lr.error);
        if (rig.landmarks.count(name)) return core::makeError(lmPath + ": landmark '" + name + "' appears twice");
        const double radius = l.value("radius", 0.0) * kMm;
        const bool attachment = name.rfind("lm_", 0) != 0;
        const bool snap = l.value("snap", false);
        const std::string label = l.contains("label") ? lr.text(l, "label", "landmark '" + name + "'") : std::string();
        const std::string layer = l.contains("layer") ? lr.text(l, "layer", "landmark '" + name + "'") : std::string();
        if (!lr.error.empty()) return core::makeError(lr.error);
        if (!layer.empty() && layer != "deep")
            return core::makeError(lmPath + ": landmark '" + name + "': layer is \"" + layer + "\"; the only layer is \"deep\"");
        addLandmark(name, body, pos, radius, attachment, snap, label, layer);
        if (isRightName(name) && l.value("mirror", true))
            addLandmark(mirrorName(name), mirrorName(body), mirrorX(pos), radius, attachment, snap, label, layer);
    }

    // --- muscles.json -----------------------------------------------------------------------
    const std::string muPath = dataDir + "/muscles.json";
    auto muJson = core::readJsonFile(muPath);
    if (!muJson) return muJson.error();
    Reader mr{muPath, {}};
    if (!muJson->contains("muscles") || !(*muJson)["muscles"].is_array() || !muJson->contains("wraps") ||
        !(*muJson)["wraps"].is_array())
        return core::makeError(muPath + ": expected an object with 'muscles' and 'wraps' arrays");
    for (const auto& w : (*muJson)["wraps"]) {
        WrapDef wd;
        wd.name = mr.text(w, "name", "a wrap");
        const std::string where = "wrap '" + wd.name + "'";
        wd.body = mr.text(w, "body", where);
        wd.type = mr.text(w, "type", where);
        wd.center = mr.vec3(w, "center", where) * kMm;
        if (wd.type == "cylinder") {
            wd.axis = glm::normalize(mr.vec3(w, "axis", where));
            wd.radius = mr.number(w, "radius", where) * kMm;
        } else if (wd.type == "ellipsoid") {
            wd.radii = mr.vec3(w, "radii", where) * kMm;
        } else if (mr.error.empty()) {
            mr.fail(where + ": type '" + wd.type + "' is not 'cylinder' or 'ellipsoid'");
        }
        if (w.contains("side")) wd.side = mr.vec3(w, "side", where);
        if (mr.error.empty() && !bodyNames.count(wd.body)) mr.fail(where + ": unknown body '" + wd.body + "'");
        if (!mr.error.empty()) return core::makeError(mr.error);
        rig.wraps.push_back(wd);
        if (isRightName(wd.name)) {
            WrapDef l = wd;
            l.name = mirrorName(wd.name);
            l.body = mirrorName(wd.body);
            l.center = mirrorX(wd.center);
            l.axis = mirrorX(wd.axis);
            l.side = mirrorX(wd.side);
            rig.wraps.push_back(l);
        }
    }
    std::set<std::string> wrapNames;
    for (const auto& w : rig.wraps) wrapNames.insert(w.name);
    for (const auto& m : (*muJson)["muscles"]) {
        const std::string id = mr.text(m, "id", "a muscle");
        const std::string where = "muscle '" + id + "'";
        const double tf = mr.number(m, "tendon_fraction", where);
        if (!mr.error.empty()) return core::makeError(mr.error);
        if (!m.contains("paths") || !m["paths"].is_array() || m["paths"].empty())
            return core::makeError(muPath + ": " + where + " needs a non-empty 'paths' array");
        std::vector<MusclePath> paths;
        for (const auto& p : m["paths"]) {
            MusclePath mp;
            mp.muscle = id;
            mp.name = mr.text(p, "name", where);
            const std::string pw2 = where + " path '" + mp.name + "'";
            if (!p.contains("points") || !p["points"].is_array() || p["points"].size() < 2)
                return core::makeError(muPath + ": " + pw2 + " needs at least two points");
            for (const auto& q : p["points"]) {
                PathPoint pp;
                if (!readPoint(mr, q, pw2, pp.body, pp.position)) return core::makeError(mr.error);
                mp.points.push_back(pp);
            }
            if (p.contains("wraps"))
                for (const auto& w : p["wraps"]) {
                    if (!w.is_string() || !wrapNames.count(w.get<std::string>()))
                        return core::makeError(muPath + ": " + pw2 + " names an unknown wrap " + w.dump());
                    mp.wraps.push_back(w.get<std::string>());
                }
            if (p.contains("wrap_from")) {
                if (!p["wrap_from"].is_number_unsigned() || p["wrap_from"].get<std::size_t>() + 1 >= mp.points.size())
                    return core::makeError(muPath + ": " + pw2 + ": 'wrap_from' must be a point index below the last point");
                mp.wrapFrom = p["wrap_from"].get<int>();
            }
            paths.push_back(mp);
        }
        rig.tendonFraction[id] = tf;
        for (const auto& p : paths) rig.musclePaths.push_back(p);
        if (isRightName(id)) {
            rig.tendonFraction[mirrorName(id)] = tf;
            for (const auto& p : paths) {
                MusclePath l = p;
                l.muscle = mirrorName(p.muscle);
                for (auto& pt2 : l.points) {
                    pt2.body = mirrorName(pt2.body);
                    pt2.position = mirrorX(pt2.position);
                }
                for (auto& w : l.wraps) w = mirrorName(w);
                rig.musclePaths.push_back(l);
            }
        }
    }
    // --- colours and kinds from catalog.json -------------------------------------------------
    const std::string catPath = dataDir + "/catalog.json";
    auto catJson = core::readJsonFile(catPath);
    if (!catJson) return catJson.error();
    if (!catJson->contains("structures") || !(*catJson)["structures"].is_array())
        return core::makeError(catPath + ": expected a 'structures' array");
    Reader cr{catPath, {}};
    for (const auto& s : (*catJson)["structures"]) {
        const std::string id = cr.text(s, "id", "a structure");
        const std::string color = cr.text(s, "color", "structure '" + id + "'");
        const std::string kind = cr.text(s, "kind", "structure '" + id + "'");
        if (!cr.error.empty()) return core::makeError(cr.error);
        rig.structureColors[id] = color;
        rig.structureKinds[id] = kind;
    }
    return rig;
}

} // namespace psoas::modelbuilder
