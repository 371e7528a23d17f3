#include "solver/KinematicsCommand.h"

#include "anatomy/Catalog.h"
#include "core/AssetPaths.h"
#include "solver/Kinematics.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace psoas::solver {

namespace {

bool parseDouble(const std::string& text, double& out)
{
    if (text.empty()) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end && *end == '\0' && std::isfinite(out);
}

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

struct Options {
    std::string command;
    std::string assets;
    std::string pose;
    std::string mode;
    std::vector<std::pair<std::string, std::string>> sets;
    std::string sweepCoord;
    double from = 0, to = 0, step = 0;
    bool sweep = false;
};

int usage(std::ostream& err, const std::string& what)
{
    err << "psoas-atlas: " << what << "\n"
        << "usage: psoas-atlas --kinematics [--pose NAME] [--mode free|standing] [--set COORD=VALUE]... "
           "[--sweep COORD=FROM:TO:STEP] [--assets DIR]\n"
        << "       psoas-atlas --list-coordinates | --list-poses | --list-structures [--assets DIR]\n";
    return 2;
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

} // namespace

bool isKinematicsCommand(const std::vector<std::string>& args)
{
    for (const auto& a : args)
        if (a == "--kinematics" || a == "--list-coordinates" || a == "--list-poses" || a == "--list-structures")
            return true;
    return false;
}

int runKinematicsCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto next = [&](std::string& dst) {
            if (i + 1 >= args.size()) return false;
            dst = args[++i];
            return true;
        };
        if (a == "--kinematics" || a == "--list-coordinates" || a == "--list-poses" || a == "--list-structures") {
            if (!o.command.empty() && o.command != a) return usage(err, "give only one of " + o.command + " and " + a);
            o.command = a;
        } else if (a == "--assets") {
            if (!next(o.assets)) return usage(err, "--assets needs a folder");
        } else if (a == "--pose") {
            if (!next(o.pose)) return usage(err, "--pose needs a preset name (see --list-poses)");
        } else if (a == "--mode") {
            if (!next(o.mode)) return usage(err, "--mode needs free or standing");
        } else if (a == "--set") {
            std::string kv;
            if (!next(kv)) return usage(err, "--set needs COORD=VALUE");
            auto eq = kv.find('=');
            if (eq == std::string::npos) return usage(err, "--set \"" + kv + "\" is not COORD=VALUE");
            o.sets.push_back({kv.substr(0, eq), kv.substr(eq + 1)});
        } else if (a == "--sweep") {
            std::string kv;
            if (!next(kv)) return usage(err, "--sweep needs COORD=FROM:TO:STEP");
            auto eq = kv.find('=');
            auto c1 = kv.find(':', eq == std::string::npos ? 0 : eq);
            auto c2 = c1 == std::string::npos ? c1 : kv.find(':', c1 + 1);
            if (eq == std::string::npos || c1 == std::string::npos || c2 == std::string::npos ||
                !parseDouble(kv.substr(eq + 1, c1 - eq - 1), o.from) || !parseDouble(kv.substr(c1 + 1, c2 - c1 - 1), o.to) ||
                !parseDouble(kv.substr(c2 + 1), o.step))
                return usage(err, "--sweep \"" + kv + "\" is not COORD=FROM:TO:STEP with numbers");
            if (!(o.step > 0.0)) return usage(err, "--sweep \"" + kv + "\": STEP must be > 0");
            if (std::abs(o.to - o.from) / o.step > 100000) return usage(err, "--sweep \"" + kv + "\": more than 100000 steps");
            o.sweepCoord = kv.substr(0, eq);
            o.sweep = true;
        } else {
            return usage(err, "unknown option \"" + a + "\"");
        }
    }
    if (o.command.empty()) return usage(err, "no command given");
    std::string assets = o.assets.empty() ? core::assetsDir() : o.assets;

    if (o.command == "--list-structures") {
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
    auto k = Kinematics::load(assets);
    if (!k) {
        err << "psoas-atlas: " << k.message() << "\n";
        return 2;
    }
    if (o.command == "--list-coordinates") {
        out << "name,title,unit,min,max,default\n";
        for (const auto& c : k->coordinates())
            out << c.name << "," << csvField(c.title) << "," << c.unit << "," << core::formatNumber(c.min) << ","
                << core::formatNumber(c.max) << "," << core::formatNumber(c.defaultValue) << "\n";
        return 0;
    }
    if (o.command == "--list-poses") {
        out << "name,mode,title\n";
        for (const auto& n : k->presetNames()) {
            const Preset* p = k->preset(n);
            out << p->name << "," << modeName(p->mode) << "," << csvField(p->title) << "\n";
        }
        return 0;
    }
    // --kinematics
    if (!o.pose.empty()) {
        if (!k->preset(o.pose)) {
            std::string list;
            for (const auto& n : k->presetNames()) list += (list.empty() ? "" : ", ") + n;
            err << "psoas-atlas: unknown pose \"" << o.pose << "\"; known poses: " << list << "\n";
            return 2;
        }
        (void)k->applyPreset(o.pose);
    }
    if (!o.mode.empty()) {
        Mode m;
        if (!parseMode(o.mode, m)) {
            err << "psoas-atlas: unknown mode \"" << o.mode << "\"; use free or standing\n";
            return 2;
        }
        k->setMode(m);
    }
    for (const auto& [name, text] : o.sets) {
        double v;
        if (!parseDouble(text, v)) {
            err << "psoas-atlas: --set " << name << "=" << text << ": \"" << text << "\" is not a finite number\n";
            return 2;
        }
        std::string note;
        auto st = k->setCoordinate(name, v, &note);
        if (!st) {
            err << "psoas-atlas: --set: " << st.message() << "\n";
            return 2;
        }
        if (!note.empty()) err << "psoas-atlas: note: " << note << "\n";
    }
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
    double dir = o.to >= o.from ? 1.0 : -1.0;
    long steps = static_cast<long>(std::floor(std::abs(o.to - o.from) / o.step + 1e-9));
    for (long i = 0; i <= steps; ++i) {
        double v = o.from + dir * o.step * static_cast<double>(i);
        std::string note;
        (void)k->setCoordinate(o.sweepCoord, v, &note);
        if (!note.empty()) err << "psoas-atlas: note: " << note << "\n";
        auto st = k->update();
        if (!st) err << "psoas-atlas: note: " << o.sweepCoord << "=" << core::formatNumber(v) << ": " << st.message() << "\n";
        printRows(out, *k, o.sweepCoord, core::formatNumber(v), o.sweepCoord);
    }
    return 0;
}

} // namespace psoas::solver
