// The renderer culls back faces only of closed, consistently wound meshes; a wrong answer
// shows as missing triangles (open mesh culled) or inside-out shading (inverted winding).
#include "anatomy/MeshData.h"

#include <catch2/catch.hpp>

#include <algorithm>

using psoas::anatomy::MeshData;

namespace {

MeshData cube()
{
    MeshData m;
    for (int i = 0; i < 8; ++i) m.positions.push_back({float(i & 1), float((i >> 1) & 1), float((i >> 2) & 1)});
    // Twelve triangles wound counter-clockwise seen from outside.
    m.indices = {0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4,
                 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5};
    return m;
}

} // namespace

TEST_CASE("A closed cube wound outward is +1, turned inside out -1", "[mesh]")
{
    MeshData m = cube();
    CHECK(m.computeClosedWinding() == 1);
    for (std::size_t t = 0; t < m.indices.size(); t += 3) std::swap(m.indices[t + 1], m.indices[t + 2]);
    CHECK(m.computeClosedWinding() == -1);
    m.updateClosedWinding();
    CHECK(m.closedWindingKnown);
    CHECK(m.closedWinding == -1);
}

TEST_CASE("Open, inconsistently wound or broken meshes are never culled (0)", "[mesh]")
{
    SECTION("a missing triangle leaves a hole")
    {
        MeshData m = cube();
        m.indices.resize(m.indices.size() - 3);
        CHECK(m.computeClosedWinding() == 0);
    }
    SECTION("one flipped triangle")
    {
        MeshData m = cube();
        std::swap(m.indices[1], m.indices[2]);
        CHECK(m.computeClosedWinding() == 0);
    }
    SECTION("an index past the vertex list")
    {
        MeshData m = cube();
        m.indices[4] = 99;
        CHECK(m.computeClosedWinding() == 0);
    }
    SECTION("empty, or not a triangle list")
    {
        MeshData m;
        CHECK(m.computeClosedWinding() == 0);
        m = cube();
        m.indices.pop_back();
        CHECK(m.computeClosedWinding() == 0);
    }
}
