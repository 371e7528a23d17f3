#include "solver/KinematicsCommand.h"

#include "anatomy/Catalog.h"
#include "core/AssetPaths.h"
#include "solver/Kinematics.h"

#include <cmath>
#include <cstdio>

namespace psoas::solver {

namespace {

std::string fmt(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

void printRows(std::ostream& out, const Kinematics& k, const std::string& coord, const std::string& value,
               const std::string& about)
{
    std::string prefix = csvField(coord) + "," + value + ",";
    for (const auto& r : k.readings(about)) {
        out << prefix << r.id << ".length_mm," << fmt(r.lengthMm) << "\n";
        out << prefix << r.id << ".length_pct," << fmt(r.lengthPct) << "\n";
        out << prefix << r.id << ".moment_arm_mm," << fmt(r.momentArmMm) << "\n";
    }
    DerivedMeasures m = k.measures();
    out << prefix << "lumbar_lordosis_deg," << fmt(m.lumbarLordosisDeg) << "\n";
    out << prefix << "sacral_slope_deg," << fmt(m.sacralSlopeDeg) << "\n";
    out << prefix << "pelvic_tilt_deg," << fmt(m.pelvicTiltDeg) << "\n";
    out << prefix << "pelvic_incidence_deg," << fmt(m.pelvicIncidenceDeg) << "\n";
    out << prefix << "hip_flexion_l_deg," << fmt(m.hipFlexionLDeg) << "\n";
    out << prefix << "hip_flexion_r_deg," << fmt(m.hipFlexionRDeg) << "\n";
}

int listStructures(const std::string& assets, std::ostream& out, std::ostream& err)
{
    auto cat = anatomy::Catalog::load(assets + "/models/catalog.json");
    if (!cat) {
        err << "psoas-atlas: " << cat.message() << "\n";
        return 2;
    }
    out << "id,name,group,side\n";
    for (const auto& s : cat->structures())
        out << s.id << "," << csvField(s.name) << "," << s.group << "," << s.side << "\n";
    return 0;
}

void listCoordinates(const Kinematics& k, std::ostream& out)
{
    out << "name,title,unit,min,max,default\n";
    for (const auto& c : k.coordinates())
        out << c.name << "," << csvField(c.title) << "," << c.unit << "," << core::formatNumber(c.min) << ","
            << core::formatNumber(c.max) << "," << core::formatNumber(c.defaultValue) << "\n";
}

void listPoses(const Kinematics& k, std::ostream& out)
{
    out << "name,mode,title\n";
    for (const auto& n : k.presetNames()) {
        const Preset* p = k.preset(n);
        out << p->name << "," << modeName(p->mode) << "," << csvField(p->title) << "\n";
    }
}

// The request's pose, mode and --set values applied to k; false (and why, on err) when one is
// unknown or refused.
bool applyRequest(const KinematicsRequest& o, Kinematics& k, std::ostream& err)
{
    if (!o.pose.empty()) {
        if (!k.preset(o.pose)) {
            std::string list;
            for (const auto& n : k.presetNames()) list += (list.empty() ? "" : ", ") + n;
            err << "psoas-atlas: unknown pose \"" << o.pose << "\"; known poses: " << list << "\n";
            return false;
        }
        (void)k.applyPreset(o.pose);
    }
    if (!o.mode.empty()) {
        Mode m;
        if (!parseMode(o.mode, m)) {
            err << "psoas-atlas: unknown mode \"" << o.mode << "\"; use free or standing\n";
            return false;
        }
        k.setMode(m);
    }
    for (const auto& [name, v] : o.sets) {
        std::string note;
        auto st = k.setCoordinate(name, v, &note);
        if (!st) {
            err << "psoas-atlas: --set: " << st.message() << "\n";
            return false;
        }
        if (!note.empty()) err << "psoas-atlas: note: " << note << "\n";
    }
    return true;
}

// The rows of every step of the --sweep from o.from to o.to.
void printSweep(const KinematicsRequest& o, Kinematics& k, std::ostream& out, std::ostream& err)
{
    double dir = o.to >= o.from ? 1.0 : -1.0;
    long steps = static_cast<long>(std::floor(std::abs(o.to - o.from) / o.step + 1e-9));
    for (long i = 0; i <= steps; ++i) {
        double v = o.from + dir * o.step * static_cast<double>(i);
        std::string note;
        (void)k.setCoordinate(o.sweepCoord, v, &note);
        if (!note.empty()) err << "psoas-atlas: note: " << note << "\n";
        auto st = k.update();
        if (!st) err << "psoas-atlas: note: " << o.sweepCoord << "=" << core::formatNumber(v) << ": " << st.message() << "\n";
        printRows(out, k, o.sweepCoord, core::formatNumber(v), o.sweepCoord);
    }
}

} // namespace

int runKinematicsCommand(const KinematicsRequest& o, std::ostream& out, std::ostream& err)
{
    const std::string assets = o.assets.empty() ? core::assetsDir() : o.assets;
    if (o.command == KinematicsCommandKind::ListStructures) return listStructures(assets, out, err);
    auto k = Kinematics::load(assets);
    if (!k) {
        err << "psoas-atlas: " << k.message() << "\n";
        return 2;
    }
    if (o.command == KinematicsCommandKind::ListCoordinates) {
        listCoordinates(*k, out);
        return 0;
    }
    if (o.command == KinematicsCommandKind::ListPoses) {
        listPoses(*k, out);
        return 0;
    }
    // --kinematics
    if (!applyRequest(o, *k, err)) return 2;
    if (o.sweep && coordIndex(o.sweepCoord) < 0) {
        err << "psoas-atlas: --sweep: unknown coordinate \"" << o.sweepCoord << "\" (see --list-coordinates)\n";
        return 2;
    }
    out << "coordinate,value,quantity,amount\n";
    if (!o.sweep) {
        auto st = k->update();
        if (!st) err << "psoas-atlas: note: " << st.message() << "\n";
        printRows(out, *k, "", "", "");
        return 0;
    }
    printSweep(o, *k, out, err);
    return 0;
}

} // namespace psoas::solver
