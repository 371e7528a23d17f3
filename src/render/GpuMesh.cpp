#include "render/GpuMesh.h"

#include <algorithm>
#include <epoxy/gl.h>
#ifdef PSOAS_HAVE_MESHOPTIMIZER
#include <meshoptimizer.h>
#endif
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
        std::swap(m_colors, o.m_colors);
        std::swap(m_fibres, o.m_fibres);
        std::swap(m_indexCount, o.m_indexCount);
        std::swap(m_lodVao, o.m_lodVao);
        std::swap(m_lodIndices, o.m_lodIndices);
        std::swap(m_lodIndexCount, o.m_lodIndexCount);
        std::swap(m_lodTried, o.m_lodTried);
        std::swap(m_vertexCount, o.m_vertexCount);
        std::swap(m_version, o.m_version);
        std::swap(m_centre, o.m_centre);
        std::swap(m_closedWinding, o.m_closedWinding);
    }
    return *this;
}

void GpuMesh::releaseLowDetail()
{
    if (m_lodVao) glDeleteVertexArrays(1, &m_lodVao);
    if (m_lodIndices) glDeleteBuffers(1, &m_lodIndices);
    m_lodVao = m_lodIndices = 0;
    m_lodIndexCount = 0;
    m_lodTried = false;
}

void GpuMesh::release()
{
    releaseLowDetail();
    if (m_vao) glDeleteVertexArrays(1, &m_vao);
    GLuint buffers[3] = {m_positions, m_normals, m_indices};
    if (m_positions || m_normals || m_indices) glDeleteBuffers(3, buffers);
    if (m_colors) glDeleteBuffers(1, &m_colors);
    if (m_fibres) glDeleteBuffers(1, &m_fibres);
    m_vao = m_positions = m_normals = m_indices = m_colors = m_fibres = 0;
    m_indexCount = 0;
    m_vertexCount = 0;
    m_version = 0;
    m_centre = Vec3(0.0f);
    m_closedWinding = 0;
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
    if (!sameTopology) uploadColors(mesh);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_indices);
    if (!sameTopology)
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(mesh.indices.size() * sizeof(std::uint32_t)),
                     mesh.indices.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    if (!sameTopology) {
        m_closedWinding = mesh.closedWindingKnown ? mesh.closedWinding : mesh.computeClosedWinding();
        releaseLowDetail();
    }
    Vec3 mn, mx;
    mesh.computeBounds(mn, mx);
    m_centre = 0.5f * (mn + mx);
    m_indexCount = int(mesh.indices.size());
    m_vertexCount = mesh.positions.size();
    m_version = mesh.version;
    return true;
}

std::vector<std::uint32_t> GpuMesh::reduceIndices(const std::vector<Vec3>& positions,
                                                  const std::vector<std::uint32_t>& indices)
{
#ifdef PSOAS_HAVE_MESHOPTIMIZER
    const std::size_t count = indices.size();
    if (count < 3 * 600 || positions.empty()) return {}; // small meshes stay whole
    for (std::uint32_t i : indices)
        if (i >= positions.size()) return {};
    std::vector<std::uint32_t> lod(count);
    // About a third of the triangles, at most 1 % of the mesh's size away from the surface.
    const std::size_t target = (count / 3 / 3) * 3;
    float error = 0.0f;
    lod.resize(meshopt_simplify(lod.data(), indices.data(), count, &positions[0].x, positions.size(), sizeof(Vec3),
                                target, 0.01f, 0, &error));
    if (lod.empty() || lod.size() > count * 3 / 4) return {}; // not worth a second list
    return lod;
#else
    (void)positions;
    (void)indices;
    return {};
#endif
}

bool GpuMesh::needsLowDetail(const anatomy::MeshData& mesh) const
{
    return !m_lodTried && m_vao && mesh.positions.size() == m_vertexCount && mesh.indices.size() >= 3 * 600;
}

void GpuMesh::ensureLowDetail(const anatomy::MeshData& mesh)
{
    if (m_lodTried || !m_vao) return;
    if (mesh.positions.size() != m_vertexCount) {
        m_lodTried = true;
        return;
    }
    setLowDetail(reduceIndices(mesh.positions, mesh.indices));
}

void GpuMesh::setLowDetail(const std::vector<std::uint32_t>& lod)
{
    if (m_lodTried || !m_vao) return;
    m_lodTried = true;
    if (lod.empty()) return;
    glGenVertexArrays(1, &m_lodVao);
    glGenBuffers(1, &m_lodIndices);
    glBindVertexArray(m_lodVao);
    glBindBuffer(GL_ARRAY_BUFFER, m_positions);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(Vec3), nullptr);
    glBindBuffer(GL_ARRAY_BUFFER, m_normals);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(Vec3), nullptr);
    bindColors();
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_lodIndices);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(lod.size() * sizeof(std::uint32_t)), lod.data(), GL_STATIC_DRAW);
    glBindVertexArray(0);
    m_lodIndexCount = int(lod.size());
}

namespace {

// Uploads one optional per-vertex vec4 attribute into `buffer` (created or deleted as needed).
void uploadOptional(unsigned& buffer, const std::vector<Vec4>& values, std::size_t vertexCount)
{
    const bool has = !values.empty() && values.size() == vertexCount;
    if (has && !buffer) glGenBuffers(1, &buffer);
    if (!has && buffer) {
        glDeleteBuffers(1, &buffer);
        buffer = 0;
    }
    if (has) {
        glBindBuffer(GL_ARRAY_BUFFER, buffer);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(values.size() * sizeof(Vec4)), values.data(), GL_STATIC_DRAW);
    }
}

void bindOptional(unsigned buffer, GLuint location)
{
    if (buffer) {
        glBindBuffer(GL_ARRAY_BUFFER, buffer);
        glEnableVertexAttribArray(location);
        glVertexAttribPointer(location, 4, GL_FLOAT, GL_FALSE, sizeof(Vec4), nullptr);
    } else {
        glDisableVertexAttribArray(location);
    }
}

} // namespace

void GpuMesh::uploadColors(const anatomy::MeshData& mesh)
{
    // Per-vertex tissue colour (attribute 2); meshes without one read the constant (0,0,0,0),
    // which the shader takes as "catalog colour only". Muscle fibre coordinates (attribute 3);
    // meshes without them read (0,0,0,-1): not a muscle surface.
    uploadOptional(m_colors, mesh.colors, mesh.positions.size());
    uploadOptional(m_fibres, mesh.fibres, mesh.positions.size());
    bindColors();
}

void GpuMesh::bindColors() const
{
    bindOptional(m_colors, 2);
    bindOptional(m_fibres, 3);
}

void GpuMesh::draw(bool lowDetail) const
{
    if (!m_colors) glVertexAttrib4f(2, 0.0f, 0.0f, 0.0f, 0.0f);
    if (!m_fibres) glVertexAttrib4f(3, 0.0f, 0.0f, 0.0f, -1.0f);
    if (lowDetail && m_lodVao && m_lodIndexCount > 0) {
        glBindVertexArray(m_lodVao);
        glDrawElements(GL_TRIANGLES, m_lodIndexCount, GL_UNSIGNED_INT, nullptr);
        return;
    }
    if (!m_vao || m_indexCount == 0) return;
    glBindVertexArray(m_vao);
    glDrawElements(GL_TRIANGLES, m_indexCount, GL_UNSIGNED_INT, nullptr);
}

} // namespace psoas::render
