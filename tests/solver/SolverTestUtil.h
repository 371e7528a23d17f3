#pragma once
// Shared helpers for the solver tests: rig paths, loading, a synthetic tube mesh.
#include "anatomy/Model.h"
#include "solver/Kinematics.h"

#include <string>
#include <vector>

namespace psoas::solver::test {

std::string dataDir();   // tests/data/solver
std::string assetsDir(); // the repository's assets/
std::string fixtureRig();
std::string realRig();   // assets/models/rig.json (may not exist)
bool exists(const std::string& path);
// Rigs to run the invariant tables on: the fixture, plus the real rig when it exists.
std::vector<std::string> rigsUnderTest();

Kinematics loadWith(const std::string& rig, const std::string& coordinates = "");
inline Kinematics loadFixture() { return loadWith(fixtureRig()); }

// A closed tube (with end caps) around each path of `muscle` at rest: `rings` cross-sections
// of `segments` vertices, uv1 = (path index, s). Added as a root node named after the muscle.
void addTubeMesh(anatomy::Model& model, const Kinematics& k, const std::string& muscle, float radius, int rings = 40,
                 int segments = 16);
// A disc-like cylinder between two points, uv1 = (0, t), named `id`.
void addDiscMesh(anatomy::Model& model, const std::string& id, const Vec3& lower, const Vec3& upper, float radius);
// A dome cap (region 0) with two crus strips (regions 1 and 2) down to `crusBottom`.
void addDiaphragmMesh(anatomy::Model& model, const Vec3& top, float radius, float height, float crusBottom);

double meshVolume(const anatomy::MeshData& mesh);
bool allFinite(const anatomy::MeshData& mesh);

} // namespace psoas::solver::test
