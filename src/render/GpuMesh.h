#pragma once
// A mesh on the GPU. upload() is the one place CPU mesh data reaches the GPU; it re-uploads
// only when the MeshData version changed (the solver bumps it after deforming).
#include "anatomy/MeshData.h"

#include <cstdint>

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
    void draw() const;
    void release();
    std::uint64_t version() const { return m_version; }

private:
    unsigned m_vao = 0, m_positions = 0, m_normals = 0, m_indices = 0;
    int m_indexCount = 0;
    std::size_t m_vertexCount = 0;
    std::uint64_t m_version = 0;
};

} // namespace psoas::render
