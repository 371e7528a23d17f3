// Checks of the shape-fidelity method itself (tools/shapefidelity) on the reference mean L3
// (Clouthier et al. 2023, MIT, (c) 2022 Allison Clouthier; tests/data/scans): the PLY reader,
// closest points against brute force, sampling, and the alignment + distance on copies whose
// answer is known.
#include "FidelityCheck.h"
#include "GzipPly.h"
#include "SurfaceSampler.h"
#include "TriangleBvh.h"

#include <Eigen/Geometry>
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <string>

using namespace psoas::fidelity;

namespace {

const TriMesh& referenceL3()
{
    static const TriMesh mesh = [] {
        TriMesh m;
        std::string error;
        readGzipPly(std::string(PSOAS_SCANS_DIR) + "/CLOUTHIER_mean_L3.ply.gz", m, error);
        return m;
    }();
    return mesh;
}

// Every vertex moved `d` along its area-weighted normal (outward winding: d > 0 inflates).
TriMesh offsetAlongNormals(const TriMesh& m, double d)
{
    std::vector<Eigen::Vector3d> normals(m.vertices.size(), Eigen::Vector3d::Zero());
    for (const auto& f : m.faces) {
        const Eigen::Vector3d n = (m.vertices[f[1]] - m.vertices[f[0]]).cross(m.vertices[f[2]] - m.vertices[f[0]]);
        for (std::uint32_t v : f) normals[v] += n;
    }
    TriMesh out = m;
    for (std::size_t i = 0; i < out.vertices.size(); ++i) out.vertices[i] += d * normals[i].normalized();
    return out;
}

FidelityOptions quickOptions()
{
    FidelityOptions o;
    o.samples = 8000;
    return o;
}

} // namespace

TEST_CASE("fidelity: the reference PLY reads with the README's counts, and bad files are refused", "[fidelity]")
{
    const TriMesh& m = referenceL3();
    CHECK(m.vertices.size() == 16911);
    CHECK(m.faces.size() == 33822);
    TriMesh bad;
    std::string error;
    CHECK_FALSE(readGzipPly(std::string(PSOAS_SCANS_DIR) + "/README.md", bad, error));
    CHECK(error.find("README.md") != std::string::npos);
    CHECK_FALSE(readGzipPly(std::string(PSOAS_SCANS_DIR) + "/missing.ply.gz", bad, error));
    CHECK(bad.vertices.empty());
}

TEST_CASE("fidelity: BVH closest points agree with brute force, on and off the surface", "[fidelity]")
{
    const TriMesh& m = referenceL3();
    const TriangleBvh bvh(m);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-80.0, 80.0);
    for (int i = 0; i < 60; ++i) {
        const Eigen::Vector3d p(u(rng), u(rng), u(rng) * 0.5);
        double brute = std::numeric_limits<double>::max();
        for (const auto& f : m.faces)
            brute = std::min(brute, (closestOnTriangle(p, m.vertices[f[0]], m.vertices[f[1]], m.vertices[f[2]]) - p).norm());
        CHECK(bvh.distance(p) == Approx(brute).margin(1e-9));
    }
    // Points sampled on the surface are on it.
    for (const Eigen::Vector3d& p : sampleSurface(m, 500, 3)) CHECK(bvh.distance(p) < 1e-9);
}

TEST_CASE("fidelity: sampling is deterministic and spread by area", "[fidelity]")
{
    const TriMesh& m = referenceL3();
    const auto a = sampleSurface(m, 1000, 42), b = sampleSurface(m, 1000, 42), c = sampleSurface(m, 1000, 43);
    CHECK(a == b);
    CHECK(a != c);
    // Two triangles of area 1 and 3: three quarters of the samples fall in the larger one.
    TriMesh pair;
    pair.vertices = {{0, 0, 0}, {2, 0, 0}, {0, 1, 0}, {10, 0, 0}, {16, 0, 0}, {10, 1, 0}};
    pair.faces = {{0, 1, 2}, {3, 4, 5}};
    int large = 0;
    for (const Eigen::Vector3d& p : sampleSurface(pair, 20000, 1)) large += p.x() >= 10.0;
    CHECK(double(large) / 20000.0 == Approx(0.75).margin(0.015));
}

TEST_CASE("fidelity: a copy moved by a random similarity aligns back to ~0 mm and recovers the scale", "[fidelity]")
{
    const TriMesh& ref = referenceL3();
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    Similarity moved;
    moved.rotation = Eigen::AngleAxisd(2.1, Eigen::Vector3d(u(rng), u(rng), u(rng)).normalized()).toRotationMatrix();
    moved.scale = 1.27;
    moved.translation = Eigen::Vector3d(u(rng), u(rng), u(rng)) * 100.0;
    const FidelityResult r = compareVertebra(transformed(ref, moved), ref, quickOptions());
    CHECK(r.distance.rms < 0.02);
    CHECK(r.distance.p95 < 0.04);
    CHECK(r.alignment.transform.scale == Approx(1.27).margin(1e-3));
    CHECK((r.alignment.transform.rotation - moved.rotation).norm() < 1e-3);
    CHECK((r.alignment.transform.translation - moved.translation).norm() < 0.1);
}

TEST_CASE("fidelity: a copy offset 0.5 mm along its normals measures 0.5 mm", "[fidelity]")
{
    const TriMesh& ref = referenceL3();
    const TriMesh inflated = offsetAlongNormals(ref, 0.5);
    // Without alignment: every point of either surface is 0.5 mm from the other (up to the
    // sharpest creases, where vertex normals spread).
    const TriangleBvh a(ref), b(inflated);
    const DistanceStats d = symmetricDistance(sampleSurface(ref, 8000, 5), a, sampleSurface(inflated, 8000, 6), b);
    CHECK(d.mean == Approx(0.5).margin(0.03));
    CHECK(d.rms == Approx(0.5).margin(0.03));
    CHECK(d.p95 == Approx(0.5).margin(0.05));
    // With alignment (and a scaled, shifted start) the scale takes up part of the offset: the
    // distance can only shrink, and the scale ends a little above 1.
    Similarity shifted;
    shifted.scale = 0.9;
    shifted.translation = Eigen::Vector3d(20.0, -5.0, 3.0);
    const FidelityResult r = compareVertebra(inflated, transformed(ref, shifted), quickOptions());
    CHECK(r.distance.rms < 0.5);
    CHECK(r.alignment.transform.scale * 0.9 > 1.0);
    CHECK(r.alignment.transform.scale * 0.9 < 1.03);
}
