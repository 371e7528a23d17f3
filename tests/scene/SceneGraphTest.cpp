#include "scene/SceneGraph.h"

#include <catch2/catch.hpp>

using namespace psoas;
using namespace psoas::scene;

namespace {
anatomy::Model twoMeshModel()
{
    anatomy::Model m;
    for (int k = 0; k < 2; ++k) {
        anatomy::MeshData mesh;
        mesh.positions = {Vec3(0, 0, 0), Vec3(0.1f, 0, 0), Vec3(0, 0.1f, 0)};
        mesh.indices = {0, 1, 2};
        mesh.recomputeNormals();
        m.meshes.push_back(mesh);
    }
    return m;
}
} // namespace

TEST_CASE("World transforms compose parent and child", "[scene]")
{
    SceneGraph g;
    Node root;
    root.name = "pelvis";
    root.local = glm::translate(Mat4(1.0f), Vec3(0, 1, 0));
    int r = g.addNode(root);
    Node child;
    child.name = "femur_l";
    child.parent = r;
    child.local = glm::translate(Mat4(1.0f), Vec3(0.1f, 0, 0));
    int c = g.addNode(child);
    Vec3 p = Vec3(g.world(c) * Vec4(0, 0, 0, 1));
    CHECK(p.x == Approx(0.1f));
    CHECK(p.y == Approx(1.0f));
    CHECK(g.find("femur_l") == c);
    CHECK(g.find("nope") == -1);
}

TEST_CASE("World transforms are recomputed only when something changed", "[scene]")
{
    SceneGraph g;
    Node a;
    a.name = "a";
    int ia = g.addNode(a);
    Node b;
    b.name = "b";
    b.parent = ia;
    int ib = g.addNode(b);
    Node other;
    other.name = "other";
    int io = g.addNode(other);
    g.world(ib);
    auto before = g.worldUpdates();
    g.world(ib);
    g.world(io);
    CHECK(g.worldUpdates() == before); // nothing changed: nothing recomputed
    g.setLocal(ia, glm::translate(Mat4(1.0f), Vec3(1, 0, 0)));
    CHECK(Vec3(g.world(ib)[3]).x == Approx(1.0f));
    CHECK(g.worldUpdates() == before + 2); // a and its child b, not "other"
    g.setLocal(ia, glm::translate(Mat4(1.0f), Vec3(1, 0, 0))); // same value: no work
    g.world(ib);
    CHECK(g.worldUpdates() == before + 2);
}

TEST_CASE("Hidden nodes and their children leave the draw list", "[scene]")
{
    auto model = twoMeshModel();
    SceneGraph g;
    Node parent;
    parent.name = "parent";
    parent.meshes = {0};
    int p = g.addNode(parent);
    Node child;
    child.name = "child";
    child.parent = p;
    child.meshes = {1};
    int c = g.addNode(child);
    CHECK(g.buildDrawList(model).items.size() == 2);
    g.setVisible(c, false);
    auto list = g.buildDrawList(model);
    REQUIRE(list.items.size() == 1);
    CHECK(list.items[0].node == p);
    g.setVisible(c, true);
    g.setVisible(p, false);
    CHECK(g.buildDrawList(model).items.empty());
    g.setVisible(p, true);
    g.setOpacity(c, 0.4f);
    list = g.buildDrawList(model);
    REQUIRE(list.items.size() == 2);
    CHECK(list.items[1].opacity == Approx(0.4f));
    CHECK(list.items[1].pickId == std::uint32_t(c + 1));
}
