#pragma once
// A linked GL program built from two files in shaders/. Compile and link errors name the
// shader file and line ("shaders/mesh.frag:12: ...").
#include "core/Error.h"
#include "core/Math.h"

#include <string>
#include <unordered_map>

namespace psoas::render {

class ShaderProgram {
public:
    ShaderProgram() = default;
    ~ShaderProgram();
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    // Builds from embedded shader files by name (e.g. "mesh.vert", "mesh.frag").
    core::Status build(const std::string& vertexName, const std::string& fragmentName);
    // Builds from given source text (tests use this to check error messages).
    core::Status buildFromSource(const std::string& vertexName, const std::string& vertexText,
                                 const std::string& fragmentName, const std::string& fragmentText);
    void release();
    void use() const;
    bool valid() const { return m_program != 0; }

    void set(const char* name, const Mat4& m);
    void set(const char* name, const Mat3& m);
    void set(const char* name, const Vec3& v);
    void set(const char* name, float v);
    void set(const char* name, unsigned v);

private:
    int location(const char* name);
    unsigned m_program = 0;
    std::unordered_map<std::string, int> m_locations;
};

// Turns a driver's compile log ("0:12(5): error: ...") into "shaders/<file>:12: error: ...".
std::string formatShaderLog(const std::string& fileName, const std::string& log);

} // namespace psoas::render
