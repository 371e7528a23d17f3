#pragma once
// A mesh on the GPU. upload() is the one place CPU mesh data reaches the GPU; it re-uploads
// only when the MeshData version changed (the solver bumps it after deforming).
#include "anatomy/MeshData.h"
#include "core/Math.h"

#include <cstdint>
#include <vector>

namespace psoas::render {

class GpuMesh {
public:
    GpuMesh() = default;
    ~GpuMesh();
    GpuMesh(GpuMesh&& o) noexcept;
    GpuMesh& operator=(GpuMesh&& o) noexcept;
    GpuMesh(const GpuMesh&) = delete;
    GpuMesh& operator=(const GpuMesh&) = delete;

    // Returns true when data was (re)uploaded.
    bool upload(const anatomy::MeshData& mesh);
    // Builds, once per topology, a reduced index list over the same vertices (meshoptimizer's
    // simplifier on the current positions, about a third of the triangles) for frames drawn
    // while the view moves. Deformation keeps working: only the vertices move.
    void ensureLowDetail(const anatomy::MeshData& mesh);
    // The same in two halves, so that the slow half can run on another thread: the reduced
    // index list (plain CPU, no GL; empty when not worth it), then its upload (GL thread).
    static std::vector<std::uint32_t> reduceIndices(const std::vector<Vec3>& positions,
                                                    const std::vector<std::uint32_t>& indices);
    void setLowDetail(const std::vector<std::uint32_t>& lod);
    // True while ensureLowDetail() would build a reduced list for this mesh.
    bool needsLowDetail(const anatomy::MeshData& mesh) const;
    bool hasLowDetail() const { return m_lodVao != 0; }
    // True once ensureLowDetail() has nothing left to do for this mesh (built, not worth it,
    // or nothing uploaded).
    bool lowDetailSettled() const { return m_lodTried || !m_vao; }
    // lowDetail draws the reduced list when it exists.
    void draw(bool lowDetail = false) const;
    void release();
    std::uint64_t version() const { return m_version; }
    std::size_t triangleCount(bool lowDetail = false) const
    {
        return std::size_t((lowDetail && m_lodVao ? m_lodIndexCount : m_indexCount) / 3);
    }
    // Centre of the model-space bounding box at the last upload (for sorting).
    Vec3 centre() const { return m_centre; }
    // +1: a closed surface wound counter-clockwise outwards (back faces can be culled when
    // opaque), -1: closed and wound the other way, 0: open (draw both sides). Checked when the
    // topology is uploaded.
    int closedWinding() const { return m_closedWinding; }

private:
    void releaseLowDetail();
    // The optional static attributes: tissue colour (2) and muscle fibre coordinates (3).
    void uploadColors(const anatomy::MeshData& mesh); // with the mesh's VAO bound
    void bindColors() const;                          // with a VAO of this mesh bound

    unsigned m_vao = 0, m_positions = 0, m_normals = 0, m_indices = 0, m_colors = 0, m_fibres = 0;
    int m_indexCount = 0;
    unsigned m_lodVao = 0, m_lodIndices = 0;
    int m_lodIndexCount = 0;
    bool m_lodTried = false;
    std::size_t m_vertexCount = 0;
    std::uint64_t m_version = 0;
    Vec3 m_centre{0.0f};
    int m_closedWinding = 0;
};

} // namespace psoas::render
