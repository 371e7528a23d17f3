// vertebra_fidelity: the shape-fidelity check of L3 and L4 straight from the model builder's
// data, without building the whole model (seconds instead of minutes): each vertebra is meshed
// exactly as psoas-modelbuilder meshes it, compared with the real mean vertebra like
// shape_fidelity does, and the errors are split by region (body, arch, transverse and spinous
// processes) with their sign taken from the sculpture: + where the real bone lies outside the
// model (bone missing), - where it lies inside (too much bone).
//   usage: vertebra_fidelity [--data DIR] [--scans DIR] [--voxel M] [--dump PREFIX]
// --dump writes PREFIX<level>.csv: the aligned reference's samples in the vertebra's own frame
// (mm: x left, y cranial, z anterior), their signed distance to the sculpture and region.
#include "FidelityCheck.h"
#include "GzipPly.h"
#include "SurfaceSampler.h"

#include "core/RigLayout.h"
#include "spine/Spine.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace psoas;

namespace {

struct Region {
    const char* name;
    int n = 0;
    double sum = 0.0, sum2 = 0.0, missing = 0.0, excess = 0.0;
    void add(double d)
    {
        ++n;
        sum += d;
        sum2 += d * d;
        if (d > 0.0) missing += d;
        else excess -= d;
    }
};

} // namespace

int main(int argc, char** argv)
{
    std::string data = PSOAS_MB_DATA, scans = PSOAS_DEFAULT_SCANS;
    std::string dump;
    double voxel = 0.0005;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--data") && hasValue) data = argv[++i];
        else if (!std::strcmp(argv[i], "--scans") && hasValue) scans = argv[++i];
        else if (!std::strcmp(argv[i], "--voxel") && hasValue) voxel = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--dump") && hasValue) dump = argv[++i];
        else {
            std::fprintf(stderr, "usage: vertebra_fidelity [--data DIR] [--scans DIR] [--voxel M] [--dump PREFIX]\n");
            return 2;
        }
    }
    auto rig = modelbuilder::RigLayout::load(data);
    if (!rig) {
        std::fprintf(stderr, "vertebra_fidelity: %s\n", rig.message().c_str());
        return 1;
    }
    std::printf("level  mean    RMS    P95   scale   TP span model/ref  canal depth model/ref  triangles\n");
    for (const char* level : {"L3", "L4"}) {
        std::string id = level, error;
        id[0] = 'l';
        const modelbuilder::BuiltPart part = modelbuilder::buildVertebra(rig.value(), id, voxel);
        fidelity::TriMesh bone, reference;
        for (const glm::vec3& p : part.positions)
            bone.vertices.emplace_back(1000.0 * double(p.x), 1000.0 * double(p.y), 1000.0 * double(p.z));
        for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3)
            bone.faces.push_back({part.indices[i], part.indices[i + 1], part.indices[i + 2]});
        if (!fidelity::readGzipPly(scans + "/CLOUTHIER_mean_" + level + ".ply.gz", reference, error)) {
            std::fprintf(stderr, "vertebra_fidelity: %s\n", error.c_str());
            return 1;
        }
        const fidelity::FidelityResult r = fidelity::compareVertebra(bone, reference);
        std::printf("%-5s %6.2f %6.2f %6.2f  %6.3f   %6.1f / %-6.1f   %6.1f / %-6.1f   %zu\n", level, r.distance.mean,
                    r.distance.rms, r.distance.p95, r.alignment.transform.scale, r.model.tpSpan, r.reference.tpSpan,
                    r.model.canalDepth, r.reference.canalDepth, part.indices.size() / 3);
        // Where the errors are: the aligned reference's surface, signed by the sculpture.
        const modelbuilder::VertebraShape shape = modelbuilder::vertebraShapeFrom(rig.value(), id);
        const modelbuilder::VertebraDimensions& d = shape.dimensions();
        const modelbuilder::VertebraFrame& frame = rig.value().frame(id);
        const double b = 0.5 * d.bodyDepth, xTp = 0.5 * d.canalWidth + d.pedicleWidth;
        Region regions[] = {{"body"}, {"pedicles+laminae"}, {"articular"}, {"transverse"}, {"spinous"}};
        std::FILE* out = dump.empty() ? nullptr : std::fopen((dump + level + ".csv").c_str(), "w");
        double refTp = 0.0, refBack = 0.0, refTop = -1.0, refBottom = 1.0;
        for (const Eigen::Vector3d& s : fidelity::sampleSurface(fidelity::transformed(reference, r.alignment.transform), 20000, 7)) {
            const glm::dvec3 q = frame.toLocal(glm::dvec3(s.x(), s.y(), s.z()) * 1e-3);
            const double sd = 1000.0 * shape.distance(q);
            int k;
            if (q.z > -b) k = 0;
            else if (std::abs(q.x) > xTp + 0.002 && q.z > -b - 0.75 * d.canalDepth - 0.006) k = 3;
            else if (std::abs(q.x) < 0.007 && q.z < -b - d.canalDepth - 0.002) k = 4;
            else if (std::abs(q.y) > 0.5 * d.posteriorHeight - 0.002 || std::abs(q.x) > 0.5 * d.canalWidth + 0.002) k = 2;
            else k = 1;
            regions[k].add(sd);
            if (out) std::fprintf(out, "%.3f,%.3f,%.3f,%.3f,%d\n", 1000.0 * q.x, 1000.0 * q.y, 1000.0 * q.z, sd, k);
            refTp = std::max(refTp, std::abs(q.x));
            refBack = std::min(refBack, q.z);
            if (k == 4) {
                refTop = std::max(refTop, q.y);
                refBottom = std::min(refBottom, q.y);
            }
        }
        if (out) std::fclose(out);
        for (const Region& g : regions)
            if (g.n)
                std::printf("    %-18s n %5d  signed mean %+6.2f  RMS %5.2f  missing %5.2f  excess %5.2f (mm)\n", g.name, g.n,
                            g.sum / g.n, std::sqrt(g.sum2 / g.n), g.missing / g.n, g.excess / g.n);
        double tp = 0.0, back = 0.0;
        for (const glm::vec3& p : part.positions) {
            const glm::dvec3 q = frame.toLocal(glm::dvec3(p));
            tp = std::max(tp, std::abs(q.x));
            back = std::min(back, q.z);
        }
        std::printf("    local half span model %.1f / aligned reference %.1f mm; back of the spinous process %.1f / %.1f mm; "
                    "reference spinous y %.1f..%.1f mm\n",
                    1000.0 * tp, 1000.0 * refTp, 1000.0 * back, 1000.0 * refBack, 1000.0 * refBottom, 1000.0 * refTop);
    }
    return 0;
}
