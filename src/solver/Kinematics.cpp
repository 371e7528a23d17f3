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
    k.m_values = k.m_effective = k.m_table.defaults();
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
    k.m_lengths.resize(k.m_paths.size());
    k.m_polylines.resize(k.m_paths.size());

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
    CoordValues neutral = k.m_table.defaults();
    k.poseBodies(neutral, k.m_joints, k.m_bodies);
    k.m_restLengths.resize(k.m_paths.size());
    k.m_restPolylines.resize(k.m_paths.size());
    for (std::size_t f = 0; f < k.m_paths.size(); ++f) {
        const PathRef& p = k.m_paths[f];
        k.m_restLengths[f] = PathEvaluator::evaluate(
            k.m_rig, k.m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)],
            k.m_bodies, &k.m_restPolylines[f]);
        if (!(k.m_restLengths[f] > 1e-4))
            return core::makeError(rigJson + ": path " + p.id + " has zero length at neutral; its points coincide.");
    }
    k.computeMeasures();
    k.m_pelvicIncidence = k.m_measures.pelvicTiltDeg + k.m_measures.sacralSlopeDeg;
    auto st = k.update();
    (void)st; // neutral free pose: always met
    return k;
}

core::Status Kinematics::setCoordinate(const std::string& name, double value, std::string* clampNote)
{
    if (clampNote) clampNote->clear();
    int idx = coordIndex(name);
    if (idx < 0) {
        std::string list;
        for (const auto& c : m_table.infos()) list += (list.empty() ? "" : ", ") + c.name;
        return core::makeError("unknown coordinate \"" + name + "\"; known coordinates: " + list);
    }
    if (!std::isfinite(value))
        return core::makeError("coordinate \"" + name + "\": the value " + core::formatNumber(value) +
                               " is not a finite number; give degrees (or % for breathing)");
    const auto& info = m_table.info(idx);
    double v = std::clamp(value, info.min, info.max);
    if (v != value && clampNote)
        *clampNote = name + " = " + core::formatNumber(value) + " is outside its limits " + core::formatNumber(info.min) +
                     ".." + core::formatNumber(info.max) + " " + info.unit + "; set to " + core::formatNumber(v);
    bool driven = m_mode == Mode::Standing && idx >= LumbarFlexion && idx <= HipRotationR;
    if (driven && clampNote)
        *clampNote += (clampNote->empty() ? "" : "; ") + name + " is solved in standing mode (switch to free mode to set it)";
    m_values[static_cast<std::size_t>(idx)] = v;
    m_effective[static_cast<std::size_t>(idx)] = v;
    return core::Status::success();
}

double Kinematics::coordinate(const std::string& name) const
{
    int idx = coordIndex(name);
    return idx < 0 ? std::numeric_limits<double>::quiet_NaN() : m_effective[static_cast<std::size_t>(idx)];
}

void Kinematics::resetCoordinates() { m_values = m_effective = m_table.defaults(); }

std::vector<std::string> Kinematics::presetNames() const
{
    std::vector<std::string> names;
    for (const auto& p : m_presets.presets()) names.push_back(p.name);
    return names;
}

core::Status Kinematics::applyPreset(const std::string& name)
{
    const Preset* p = m_presets.find(name);
    if (!p) {
        std::string list;
        for (const auto& n : presetNames()) list += (list.empty() ? "" : ", ") + n;
        return core::makeError("unknown pose preset \"" + name + "\"; known presets: " + list);
    }
    resetCoordinates();
    m_mode = p->mode;
    m_body = p->body;
    for (const auto& [coord, value] : p->values) {
        auto st = setCoordinate(coord, value);
        if (!st) return core::makeError(p->sourcePath + ": " + st.message());
    }
    return update();
}

void Kinematics::poseBodies(const CoordValues& v, std::vector<Rigid>& joints, std::vector<Rigid>& bodies) const
{
    m_skeleton.pose(v, joints);
    bodies.resize(m_rig.bodies.size());
    for (std::size_t b = 0; b < bodies.size(); ++b) bodies[b] = joints[static_cast<std::size_t>(m_rig.bodies[b].joint)];
}

core::Status Kinematics::update()
{
    m_effective = m_values;
    m_note.clear();
    m_iterations = 0;
    bool met = true;
    if (m_mode == Mode::Standing) {
        StandingReport rep = StandingSolver::solve(m_skeleton, m_table, m_effective);
        m_iterations = rep.iterations;
        met = rep.met;
        m_note = rep.message;
    }
    poseBodies(m_effective, m_joints, m_bodies);
    for (std::size_t f = 0; f < m_paths.size(); ++f) {
        const PathRef& p = m_paths[f];
        m_lengths[f] = PathEvaluator::evaluate(
            m_rig, m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)], m_bodies,
            &m_polylines[f]);
    }
    computeMeasures();
    if (!met) return core::makeError(m_note);
    return core::Status::success();
}

void Kinematics::computeMeasures()
{
    const Rigid& sac = m_bodies[static_cast<std::size_t>(m_sacrumBody)];
    const Rigid& l1 = m_bodies[static_cast<std::size_t>(m_l1Body)];
    DVec3 s1Dir = sac.rotate(m_s1Dir);
    DVec3 a = l1.rotate(m_l1Axis);
    DVec3 l1Dir(0.0, -a.z, a.y);
    m_measures.sacralSlopeDeg = slopeDeg(s1Dir);
    m_measures.lumbarLordosisDeg = m_measures.sacralSlopeDeg - slopeDeg(l1Dir);
    DVec3 hl = m_joints[static_cast<std::size_t>(m_skeleton.hipJoint(0))].apply(
        m_rig.joints[static_cast<std::size_t>(m_skeleton.hipJoint(0))].position);
    DVec3 hr = m_joints[static_cast<std::size_t>(m_skeleton.hipJoint(1))].apply(
        m_rig.joints[static_cast<std::size_t>(m_skeleton.hipJoint(1))].position);
    DVec3 v = sac.apply(m_s1Mid) - 0.5 * (hl + hr);
    m_measures.pelvicTiltDeg = radToDeg(std::atan2(-v.z, v.y));
    m_measures.pelvicIncidenceDeg = m_pelvicIncidence;
    m_measures.hipFlexionLDeg = m_effective[HipFlexionL];
    m_measures.hipFlexionRDeg = m_effective[HipFlexionR];
}

std::vector<std::string> Kinematics::jointNames() const
{
    std::vector<std::string> n;
    for (const auto& j : m_rig.joints) n.push_back(j.name);
    return n;
}

Mat4 Kinematics::jointDelta(const std::string& joint) const
{
    int j = m_rig.findJoint(joint);
    return j < 0 ? Mat4(1.0f) : m_joints[static_cast<std::size_t>(j)].toMat4();
}

Mat4 Kinematics::bodyDelta(const std::string& body) const
{
    int b = m_rig.findBody(body);
    return b < 0 ? Mat4(1.0f) : m_bodies[static_cast<std::size_t>(b)].toMat4();
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

std::vector<Vec3> Kinematics::pathPolyline(const std::string& id) const
{
    int m, f;
    std::vector<Vec3> out;
    if (!resolve(id, m, f)) return out;
    if (f < 0) f = m_flat[static_cast<std::size_t>(m)].front();
    for (const auto& p : m_polylines[static_cast<std::size_t>(f)])
        out.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z));
    return out;
}

double Kinematics::pathLength(int flat, const std::vector<Rigid>& bodies) const
{
    const PathRef& p = m_paths[static_cast<std::size_t>(flat)];
    return PathEvaluator::evaluate(
        m_rig, m_rig.muscles[static_cast<std::size_t>(p.muscle)].paths[static_cast<std::size_t>(p.path)], bodies, nullptr);
}

double Kinematics::lengthOf(const std::string& id) const
{
    int m, f;
    if (!resolve(id, m, f)) return std::numeric_limits<double>::quiet_NaN();
    if (f >= 0) return m_lengths[static_cast<std::size_t>(f)];
    double sum = 0.0;
    for (int k : m_flat[static_cast<std::size_t>(m)]) sum += m_lengths[static_cast<std::size_t>(k)];
    return sum / static_cast<double>(m_flat[static_cast<std::size_t>(m)].size());
}

std::string Kinematics::defaultCoordinateFor(int muscle) const
{
    const std::string& id = m_rig.muscles[static_cast<std::size_t>(muscle)].id;
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_l") == 0) return "hip_flexion_l";
    if (id.size() > 2 && id.compare(id.size() - 2, 2, "_r") == 0) return "hip_flexion_r";
    return "lumbar_flexion";
}

double Kinematics::momentArmMm(const std::string& id, const std::string& coordinate) const
{
    int m, f, c = coordIndex(coordinate);
    if (!resolve(id, m, f) || c < 0) return std::numeric_limits<double>::quiet_NaN();
    std::vector<Rigid> joints, bodies;
    double l[2] = {0.0, 0.0};
    for (int s = 0; s < 2; ++s) {
        CoordValues v = m_effective;
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

std::vector<MuscleReading> Kinematics::readings(const std::string& about) const
{
    std::vector<MuscleReading> out;
    // Lengths at +-h for each coordinate that is needed (at most a few).
    std::vector<Rigid> joints, bodies;
    auto lengthsAt = [&](int coord, double delta, std::vector<double>& lens) {
        CoordValues v = m_effective;
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
            r.lengthMm = m_lengths[static_cast<std::size_t>(f)] * 1000.0;
            r.lengthPct = 100.0 * m_lengths[static_cast<std::size_t>(f)] / m_restLengths[static_cast<std::size_t>(f)];
            r.momentArmMm = armFor(c, f);
            sumL += m_lengths[static_cast<std::size_t>(f)];
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

void Kinematics::deform(anatomy::Model& model) const
{
    DeformPose pose{&m_bodies, &m_polylines, &m_lengths, m_effective[Breathing]};
    m_deformer.deform(model, pose);
}

} // namespace psoas::solver
