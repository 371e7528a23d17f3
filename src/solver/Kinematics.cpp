#include "solver/Kinematics.h"

#include "solver/PathEvaluator.h"
#include "solver/StandingSolver.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace psoas::solver {

namespace {

double slopeDeg(const DVec3& d) { return radToDeg(std::atan2(-d.y, d.z)); }
constexpr double kFdStepDeg = 0.25;

} // namespace

core::Result<Kinematics> Kinematics::load(const std::string& assetsDir)
{
    return loadFiles(assetsDir + "/models/rig.json", assetsDir + "/models/coordinates.json", assetsDir + "/poses");
}

core::Result<Kinematics> Kinematics::loadFiles(const std::string& rigJson, const std::string& coordinatesJson,
                                               const std::string& posesDir)
{
    auto rig = RigData::load(rigJson);
    if (!rig) return rig.error();
    auto table = CoordinateTable::load(coordinatesJson);
    if (!table) return table.error();
    auto presets = PresetLibrary::load(posesDir, *table);
    if (!presets) return presets.error();
    auto skeleton = Skeleton::create(*rig, *table);
    if (!skeleton) return skeleton.error();

    Kinematics k;
    k.m_rig = std::move(*rig);
    k.m_table = std::move(*table);
    k.m_presets = std::move(*presets);
    k.m_skeleton = std::move(*skeleton);
    k.m_pose = Pose::neutral(k.m_table);
    for (std::size_t m = 0; m < k.m_rig.muscles.size(); ++m) {
        const RigMuscle& muscle = k.m_rig.muscles[m];
        k.m_flat.emplace_back();
        for (std::size_t p = 0; p < muscle.paths.size(); ++p) {
            PathRef ref{static_cast<int>(m), static_cast<int>(p),
                        muscle.paths.size() == 1 ? muscle.id : muscle.id + "." + muscle.paths[p].name};
            k.m_flat.back().push_back(static_cast<int>(k.m_paths.size()));
            k.m_paths.push_back(ref);
        }
    }

    // Neutral geometry for the measures (landmarks when present, joint geometry otherwise).
    const RigData& r = k.m_rig;
    auto jointPos = [&](const char* n) { int j = r.findJoint(n); return r.joints[static_cast<std::size_t>(j)].position; };
    k.m_sacrumBody = r.findBody("sacrum");
    k.m_l1Body = r.findBody("l1");
    for (std::size_t b = 0; b < r.bodies.size(); ++b) {
        if (k.m_sacrumBody < 0 && r.bodies[b].joint == r.findJoint("pelvis")) k.m_sacrumBody = static_cast<int>(b);
        if (k.m_l1Body < 0 && r.bodies[b].joint == r.findJoint("j_l1_l2")) k.m_l1Body = static_cast<int>(b);
    }
    if (k.m_sacrumBody < 0 || k.m_l1Body < 0)
        return core::makeError(rigJson + ": the rig needs bodies on joints \"pelvis\" and \"j_l1_l2\" (sacrum, l1).");
    const RigLandmark* s1 = r.findLandmark("lm_s1_endplate");
    const RigLandmark* prom = r.findLandmark("lm_sacral_promontory");
    if (s1 && prom && glm::length(prom->position - s1->position) > 1e-4) {
        k.m_s1Mid = s1->position;
        k.m_s1Dir = glm::normalize(prom->position - s1->position);
    } else {
        DVec3 a = glm::normalize(jointPos("j_l4_l5") - jointPos("j_l5_s1"));
        k.m_s1Mid = jointPos("j_l5_s1") - a * 0.006;
        k.m_s1Dir = glm::normalize(DVec3(0.0, -a.z, a.y));
    }
    k.m_l1Axis = glm::normalize(jointPos("j_t12_l1") - jointPos("j_l1_l2"));

    // Rest (neutral) state.
    PoseResult& rest = k.m_result;
    rest.values = k.m_table.defaults();
    k.poseBodies(rest.values, rest.joints, rest.bodies);
    k.m_restLengths.resize(k.m_paths.size());
    k.m_restPolylines.resize(k.m_paths.size());
    for (std::size_t f = 0; f < k.m_paths.size(); ++f) {
        const PathRef& p = k.m_paths[f];
        k.m_restLengths[f] = PathEvaluator::evaluate(
            k.m_rig, k.m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)],
            rest.bodies, &k.m_restPolylines[f]);
        if (!(k.m_restLengths[f] > 1e-4))
            return core::makeError(rigJson + ": path " + p.id + " has zero length at neutral; its points coincide.");
    }
    k.computeMeasures(rest);
    k.m_pelvicIncidence = rest.measures.pelvicTiltDeg + rest.measures.sacralSlopeDeg;
    auto st = k.update();
    (void)st; // neutral free pose: always met
    return k;
}

bool Kinematics::solvedWhenStanding(const std::string& name)
{
    const int idx = coordIndex(name);
    return idx >= LumbarFlexion && idx <= HipRotationR;
}

core::Status Kinematics::setCoordinate(const std::string& name, double value, std::string* clampNote)
{
    std::string note;
    if (auto st = m_pose.set(m_table, name, value, &note); !st) {
        if (clampNote) clampNote->clear();
        return st;
    }
    const int idx = coordIndex(name);
    const bool driven = m_pose.mode == Mode::Standing && solvedWhenStanding(name);
    if (driven) note += (note.empty() ? "" : "; ") + name + " is solved in standing mode (switch to free mode to set it)";
    if (clampNote) *clampNote = note;
    m_result.values[static_cast<std::size_t>(idx)] = m_pose.values[static_cast<std::size_t>(idx)];
    return core::Status::success();
}

double Kinematics::coordinate(const std::string& name) const
{
    int idx = coordIndex(name);
    return idx < 0 ? std::numeric_limits<double>::quiet_NaN() : m_result.values[static_cast<std::size_t>(idx)];
}

void Kinematics::resetCoordinates() { m_pose.values = m_result.values = m_table.defaults(); }

std::vector<std::string> Kinematics::presetNames() const
{
    std::vector<std::string> names;
    for (const auto& p : m_presets.presets()) names.push_back(p.name);
    return names;
}

core::Result<Pose> Kinematics::presetPose(const std::string& name) const
{
    const Preset* p = m_presets.find(name);
    if (!p) {
        std::string list;
        for (const auto& n : presetNames()) list += (list.empty() ? "" : ", ") + n;
        return core::makeError("unknown pose preset \"" + name + "\"; known presets: " + list);
    }
    Pose pose = Pose::neutral(m_table);
    pose.mode = p->mode;
    for (const auto& [coord, value] : p->values)
        if (auto st = pose.set(m_table, coord, value); !st) return core::makeError(p->sourcePath + ": " + st.message());
    return pose;
}

core::Status Kinematics::applyPreset(const std::string& name)
{
    auto pose = presetPose(name);
    if (!pose) return pose.error();
    setPose(*pose);
    m_body = preset(name)->body;
    return update();
}

void Kinematics::poseBodies(const CoordValues& v, std::vector<Rigid>& joints, std::vector<Rigid>& bodies) const
{
    m_skeleton.pose(v, joints);
    bodies.resize(m_rig.bodies.size());
    for (std::size_t b = 0; b < bodies.size(); ++b) bodies[b] = joints[static_cast<std::size_t>(m_rig.bodies[b].joint)];
}

PoseResult Kinematics::solve(const Pose& pose, const SolveParts& parts) const
{
    PoseResult r;
    solveInto(pose, r, parts);
    return r;
}

void Kinematics::solveInto(const Pose& pose, PoseResult& r, const SolveParts& parts) const
{
    r.mode = pose.mode;
    r.values = pose.values;
    r.note.clear();
    r.iterations = 0;
    r.met = true;
    if (pose.mode == Mode::Standing) {
        StandingReport rep = StandingSolver::solve(m_skeleton, m_table, r.values);
        r.iterations = rep.iterations;
        r.met = rep.met;
        r.note = rep.message;
    }
    poseBodies(r.values, r.joints, r.bodies);
    r.lengths.resize(m_paths.size());
    if (parts.polylines) r.polylines.resize(m_paths.size());
    else r.polylines.clear();
    for (std::size_t f = 0; f < m_paths.size(); ++f) {
        const PathRef& p = m_paths[f];
        r.lengths[f] = PathEvaluator::evaluate(
            m_rig, m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)], r.bodies,
            parts.polylines ? &r.polylines[f] : nullptr);
    }
    if (parts.measures) computeMeasures(r);
    if (parts.readings) r.readings = readings(r);
    else r.readings.clear();
}

core::Status Kinematics::update()
{
    // Readings are computed on demand (readings()), so the interactive update stays lean.
    solveInto(m_pose, m_result, SolveParts{true, false, true});
    if (!m_result.met) return core::makeError(m_result.note);
    return core::Status::success();
}

void Kinematics::computeMeasures(PoseResult& r) const
{
    const Rigid& sac = r.bodies[static_cast<std::size_t>(m_sacrumBody)];
    const Rigid& l1 = r.bodies[static_cast<std::size_t>(m_l1Body)];
    DVec3 s1Dir = sac.rotate(m_s1Dir);
    DVec3 a = l1.rotate(m_l1Axis);
    DVec3 l1Dir(0.0, -a.z, a.y);
    DerivedMeasures& m = r.measures;
    m.sacralSlopeDeg = slopeDeg(s1Dir);
    m.lumbarLordosisDeg = m.sacralSlopeDeg - slopeDeg(l1Dir);
    DVec3 hl = r.joints[static_cast<std::size_t>(m_skeleton.hipJoint(0))].apply(
        m_rig.joints[static_cast<std::size_t>(m_skeleton.hipJoint(0))].position);
    DVec3 hr = r.joints[static_cast<std::size_t>(m_skeleton.hipJoint(1))].apply(
        m_rig.joints[static_cast<std::size_t>(m_skeleton.hipJoint(1))].position);
    DVec3 v = sac.apply(m_s1Mid) - 0.5 * (hl + hr);
    m.pelvicTiltDeg = radToDeg(std::atan2(-v.z, v.y));
    m.pelvicIncidenceDeg = m_pelvicIncidence;
    m.hipFlexionLDeg = r.values[HipFlexionL];
    m.hipFlexionRDeg = r.values[HipFlexionR];
}

std::vector<std::string> Kinematics::jointNames() const
{
    std::vector<std::string> n;
    for (const auto& j : m_rig.joints) n.push_back(j.name);
    return n;
}

Mat4 Kinematics::jointDelta(const PoseResult& r, const std::string& joint) const
{
    int j = m_rig.findJoint(joint);
    return j < 0 || static_cast<std::size_t>(j) >= r.joints.size() ? Mat4(1.0f) : r.joints[static_cast<std::size_t>(j)].toMat4();
}

Mat4 Kinematics::bodyDelta(const PoseResult& r, const std::string& body) const
{
    int b = m_rig.findBody(body);
    return b < 0 || static_cast<std::size_t>(b) >= r.bodies.size() ? Mat4(1.0f) : r.bodies[static_cast<std::size_t>(b)].toMat4();
}

bool Kinematics::resolve(const std::string& id, int& muscle, int& flat) const
{
    for (std::size_t f = 0; f < m_paths.size(); ++f)
        if (m_paths[f].id == id) {
            muscle = m_paths[f].muscle;
            flat = static_cast<int>(f);
            return true;
        }
    muscle = m_rig.findMuscle(id);
    flat = -1;
    return muscle >= 0;
}

std::vector<std::string> Kinematics::muscleIds(bool includePaths) const
{
    std::vector<std::string> ids;
    for (std::size_t m = 0; m < m_rig.muscles.size(); ++m) {
        ids.push_back(m_rig.muscles[m].id);
        if (includePaths && m_flat[m].size() > 1)
            for (int f : m_flat[m]) ids.push_back(m_paths[static_cast<std::size_t>(f)].id);
    }
    return ids;
}

std::vector<Vec3> Kinematics::pathPolyline(const PoseResult& r, const std::string& id) const
{
    int m, f;
    std::vector<Vec3> out;
    if (!resolve(id, m, f)) return out;
    if (f < 0) f = m_flat[static_cast<std::size_t>(m)].front();
    if (static_cast<std::size_t>(f) >= r.polylines.size()) return out;
    for (const auto& p : r.polylines[static_cast<std::size_t>(f)])
        out.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z));
    return out;
}

double Kinematics::pathLength(int flat, const std::vector<Rigid>& bodies) const
{
    const PathRef& p = m_paths[static_cast<std::size_t>(flat)];
    return PathEvaluator::evaluate(
        m_rig, m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)], bodies, nullptr);
}

double Kinematics::lengthOf(const PoseResult& r, const std::string& id) const
{
    int m, f;
    if (!resolve(id, m, f) || r.lengths.size() != m_paths.size()) return std::numeric_limits<double>::quiet_NaN();
    if (f >= 0) return r.lengths[static_cast<std::size_t>(f)];
    double sum = 0.0;
    for (int k : m_flat[static_cast<std::size_t>(m)]) sum += r.lengths[static_cast<std::size_t>(k)];
    return sum / static_cast<double>(m_flat[static_cast<std::size_t>(m)].size());
}

double Kinematics::lengthPctOf(const PoseResult& r, const std::string& id) const
{
    int m, f;
    if (!resolve(id, m, f) || r.lengths.size() != m_paths.size()) return std::numeric_limits<double>::quiet_NaN();
    if (f >= 0) return 100.0 * r.lengths[static_cast<std::size_t>(f)] / m_restLengths[static_cast<std::size_t>(f)];
    double sumL = 0.0, sumL0 = 0.0;
    for (int k : m_flat[static_cast<std::size_t>(m)]) {
        sumL += r.lengths[static_cast<std::size_t>(k)];
        sumL0 += m_restLengths[static_cast<std::size_t>(k)];
    }
    return 100.0 * sumL / sumL0;
}

std::string Kinematics::defaultCoordinateFor(int muscle) const
{
    const std::string& id = m_rig.muscles[static_cast<std::size_t>(muscle)].id;
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_l") == 0) return "hip_flexion_l";
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_r") == 0) return "hip_flexion_r";
    return "lumbar_flexion";
}

double Kinematics::momentArmMm(const PoseResult& r, const std::string& id, const std::string& coordinate) const
{
    int m, f, c = coordIndex(coordinate);
    if (!resolve(id, m, f) || c < 0) return std::numeric_limits<double>::quiet_NaN();
    std::vector<Rigid> joints, bodies;
    double l[2] = {0.0, 0.0};
    for (int s = 0; s < 2; ++s) {
        CoordValues v = r.values;
        v[static_cast<std::size_t>(c)] += s == 0 ? kFdStepDeg : -kFdStepDeg;
        poseBodies(v, joints, bodies);
        if (f >= 0) {
            l[s] = pathLength(f, bodies);
        } else {
            for (int k : m_flat[static_cast<std::size_t>(m)]) l[s] += pathLength(k, bodies);
            l[s] /= static_cast<double>(m_flat[static_cast<std::size_t>(m)].size());
        }
    }
    return -(l[0] - l[1]) / degToRad(2.0 * kFdStepDeg) * 1000.0;
}

std::vector<MuscleReading> Kinematics::readings(const PoseResult& res, const std::string& about) const
{
    std::vector<MuscleReading> out;
    // Lengths at +-h for each coordinate that is needed (at most a few).
    std::vector<Rigid> joints, bodies;
    auto lengthsAt = [&](int coord, double delta, std::vector<double>& lens) {
        CoordValues v = res.values;
        v[static_cast<std::size_t>(coord)] += delta;
        poseBodies(v, joints, bodies);
        lens.resize(m_paths.size());
        for (std::size_t f = 0; f < m_paths.size(); ++f) lens[f] = pathLength(static_cast<int>(f), bodies);
    };
    std::vector<std::pair<int, std::pair<std::vector<double>, std::vector<double>>>> cache;
    auto armFor = [&](int coord, int flat) {
        for (auto& e : cache)
            if (e.first == coord) return -(e.second.first[static_cast<std::size_t>(flat)] - e.second.second[static_cast<std::size_t>(flat)]) /
                                         degToRad(2.0 * kFdStepDeg) * 1000.0;
        cache.push_back({coord, {}});
        lengthsAt(coord, kFdStepDeg, cache.back().second.first);
        lengthsAt(coord, -kFdStepDeg, cache.back().second.second);
        auto& e = cache.back();
        return -(e.second.first[static_cast<std::size_t>(flat)] - e.second.second[static_cast<std::size_t>(flat)]) /
               degToRad(2.0 * kFdStepDeg) * 1000.0;
    };
    if (res.lengths.size() != m_paths.size()) return out;
    for (std::size_t m = 0; m < m_rig.muscles.size(); ++m) {
        std::string coordName = about.empty() ? defaultCoordinateFor(static_cast<int>(m)) : about;
        int c = coordIndex(coordName);
        if (c < 0) return {};
        const auto& flats = m_flat[m];
        MuscleReading whole;
        whole.id = whole.muscle = m_rig.muscles[m].id;
        whole.coordinate = coordName;
        double sumL = 0, sumL0 = 0, sumArm = 0;
        std::vector<MuscleReading> parts;
        for (int f : flats) {
            MuscleReading r;
            r.id = m_paths[static_cast<std::size_t>(f)].id;
            r.muscle = whole.muscle;
            r.coordinate = coordName;
            r.lengthMm = res.lengths[static_cast<std::size_t>(f)] * 1000.0;
            r.lengthPct = 100.0 * res.lengths[static_cast<std::size_t>(f)] / m_restLengths[static_cast<std::size_t>(f)];
            r.momentArmMm = armFor(c, f);
            sumL += res.lengths[static_cast<std::size_t>(f)];
            sumL0 += m_restLengths[static_cast<std::size_t>(f)];
            sumArm += r.momentArmMm;
            parts.push_back(r);
        }
        double n = static_cast<double>(flats.size());
        whole.lengthMm = sumL / n * 1000.0;
        whole.lengthPct = 100.0 * sumL / sumL0;
        whole.momentArmMm = sumArm / n;
        out.push_back(whole);
        if (flats.size() > 1)
            for (auto& r : parts) out.push_back(r);
    }
    return out;
}

core::Status Kinematics::bind(const anatomy::Model& model)
{
    DeformPose rest{nullptr, &m_restPolylines, &m_restLengths, m_table.breathing().restPercent};
    std::vector<Rigid> joints, bodies;
    poseBodies(m_table.defaults(), joints, bodies);
    rest.bodyWorld = &bodies;
    return m_deformer.bind(model, m_rig, m_table, m_flat, rest);
}

void Kinematics::deform(const PoseResult& r, MeshSpan meshes, DeformWorkspace& workspace) const
{
    if (r.polylines.size() != m_paths.size() || r.bodies.size() != m_rig.bodies.size()) return; // lengths only
    DeformPose pose{&r.bodies, &r.polylines, &r.lengths, r.values[Breathing]};
    m_deformer.deform(meshes, pose, workspace);
}

void Kinematics::deform(anatomy::Model& model) { deform(m_result, MeshSpan(model.meshes), m_workspace); }

} // namespace psoas::solver
