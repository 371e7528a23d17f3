#include "render/GpuMesh.h"

#include <epoxy/gl.h>
#include <utility>

namespace psoas::render {

GpuMesh::~GpuMesh() { release(); }

GpuMesh::GpuMesh(GpuMesh&& o) noexcept { *this = std::move(o); }

GpuMesh& GpuMesh::operator=(GpuMesh&& o) noexcept
{
    if (this != &o) {
        release();
        std::swap(m_vao, o.m_vao);
        std::swap(m_positions, o.m_positions);
        std::swap(m_normals, o.m_normals);
        std::swap(m_indices, o.m_indices);
        std::swap(m_indexCount, o.m_indexCount);
        std::swap(m_vertexCount, o.m_vertexCount);
        std::swap(m_version, o.m_version);
    }
    return *this;
}

void GpuMesh::release()
{
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
    GLuint buffers[3] = {m_positions, m_normals, m_indices};
    if (m_positions || m_normals || m_indices) glDeleteBuffers(3, buffers);
    m_vao = m_positions = m_normals = m_indices = 0;
    m_indexCount = 0;
    m_vertexCount = 0;
    m_version = 0;
}

bool GpuMesh::upload(const anatomy::MeshData& mesh)
{
    if (m_vao && m_version == mesh.version) return false;
    const bool sameTopology = m_vao && m_vertexCount == mesh.positions.size() &&
                              m_indexCount == int(mesh.indices.size());
    if (!m_vao) {
        glGenVertexArrays(1, &m_vao);
        GLuint b[3];
        glGenBuffers(3, b);
        m_positions = b[0];
        m_normals = b[1];
        m_indices = b[2];
    }
    glBindVertexArray(m_vao);
    const auto vbytes = GLsizeiptr(mesh.positions.size() * sizeof(Vec3));
    glBindBuffer(GL_ARRAY_BUFFER, m_positions);
    if (sameTopology) glBufferSubData(GL_ARRAY_BUFFER, 0, vbytes, mesh.positions.data());
    else glBufferData(GL_ARRAY_BUFFER, vbytes, mesh.positions.data(), GL_DYNAMIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vec3), nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, m_normals);
    if (mesh.normals.size() == mesh.positions.size()) {
        if (sameTopology) glBufferSubData(GL_ARRAY_BUFFER, 0, vbytes, mesh.normals.data());
        else glBufferData(GL_ARRAY_BUFFER, vbytes, mesh.normals.data(), GL_DYNAMIC_DRAW);
    } else {
        std::vector<Vec3> up(mesh.positions.size(), Vec3(0, 1, 0));
        glBufferData(GL_ARRAY_BUFFER, vbytes, up.data(), GL_DYNAMIC_DRAW);
    }
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(Vec3), nullptr);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_indices);
    if (!sameTopology)
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(mesh.indices.size() * sizeof(std::uint32_t)),
                     mesh.indices.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    m_indexCount = int(mesh.indices.size());
    m_vertexCount = mesh.positions.size();
    m_version = mesh.version;
    return true;
}

void GpuMesh::draw() const
{
    if (!m_vao || m_indexCount == 0) return;
    glBindVertexArray(m_vao);
    glDrawElements(GL_TRIANGLES, m_indexCount, GL_UNSIGNED_INT, nullptr);
}

} // namespace psoas::render
