#include "render/ShaderProgram.h"

#include "render/ShaderSources.h"

#include <epoxy/gl.h>
#include <glm/gtc/type_ptr.hpp>
#include <regex>
#include <sstream>
#include <vector>

namespace psoas::render {

std::string formatShaderLog(const std::string& fileName, const std::string& log)
{
    // Mesa: "0:12(5): error: ..."; NVIDIA: "0(12) : error ..."; others: "ERROR: 0:12: ...".
    static const std::regex mesa(R"(^\s*\d+:(\d+)\(\d+\):\s*(.*)$)");
    static const std::regex nvidia(R"(^\s*\d+\((\d+)\)\s*:\s*(.*)$)");
    static const std::regex generic(R"(^\s*(?:ERROR|WARNING):\s*\d+:(\d+):\s*(.*)$)");
    std::stringstream in(log), out;
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::smatch m;
        if (!first) out << "\n";
        first = false;
        if (std::regex_match(line, m, mesa) || std::regex_match(line, m, nvidia) || std::regex_match(line, m, generic))
            out << "shaders/" << fileName << ":" << m[1] << ": " << m[2];
        else
            out << "shaders/" << fileName << ": " << line;
    }
    return out.str();
}

namespace {
const char* findSource(const std::string& name)
{
    for (const auto& s : shaderSources())
        if (name == s.name) return s.text;
    return nullptr;
}

core::Result<unsigned> compile(GLenum type, const std::string& name, const std::string& text)
{
    GLuint shader = glCreateShader(type);
    const char* src = text.c_str();
    glShaderSource(shader, 1, &src, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(std::size_t(std::max(len, 1)));
        glGetShaderInfoLog(shader, len, nullptr, log.data());
        glDeleteShader(shader);
        return core::makeError("Shader compile error:\n" + formatShaderLog(name, log.data()));
    }
    return unsigned(shader);
}
} // namespace

ShaderProgram::~ShaderProgram() { release(); }

void ShaderProgram::release()
{
    if (m_program) glDeleteProgram(m_program);
    m_program = 0;
    m_locations.clear();
}

core::Status ShaderProgram::build(const std::string& vertexName, const std::string& fragmentName)
{
    const char* vs = findSource(vertexName);
    const char* fs = findSource(fragmentName);
    if (!vs) return core::makeError("Shader 'shaders/" + vertexName + "' is not embedded in this build.");
    if (!fs) return core::makeError("Shader 'shaders/" + fragmentName + "' is not embedded in this build.");
    return buildFromSource(vertexName, vs, fragmentName, fs);
}

core::Status ShaderProgram::buildFromSource(const std::string& vertexName, const std::string& vertexText,
                                            const std::string& fragmentName, const std::string& fragmentText)
{
    release();
    auto v = compile(GL_VERTEX_SHADER, vertexName, vertexText);
    if (!v) return v.error();
    auto f = compile(GL_FRAGMENT_SHADER, fragmentName, fragmentText);
    if (!f) {
        glDeleteShader(v.value());
        return f.error();
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, v.value());
    glAttachShader(p, f.value());
    glLinkProgram(p);
    glDeleteShader(v.value());
    glDeleteShader(f.value());
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(p, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(std::size_t(std::max(len, 1)));
        glGetProgramInfoLog(p, len, nullptr, log.data());
        glDeleteProgram(p);
        return core::makeError("Shader link error (shaders/" + vertexName + " + shaders/" + fragmentName +
                               "): " + log.data());
    }
    m_program = p;
    return core::Status::success();
}

void ShaderProgram::use() const { glUseProgram(m_program); }

int ShaderProgram::location(const char* name)
{
    auto it = m_locations.find(name);
    if (it != m_locations.end()) return it->second;
    int loc = glGetUniformLocation(m_program, name);
    m_locations.emplace(name, loc);
    return loc;
}

void ShaderProgram::set(const char* name, const Mat4& m) { glUniformMatrix4fv(location(name), 1, GL_FALSE, glm::value_ptr(m)); }
void ShaderProgram::set(const char* name, const Mat3& m) { glUniformMatrix3fv(location(name), 1, GL_FALSE, glm::value_ptr(m)); }
void ShaderProgram::set(const char* name, const Vec3& v) { glUniform3fv(location(name), 1, glm::value_ptr(v)); }
void ShaderProgram::set(const char* name, float v) { glUniform1f(location(name), v); }
void ShaderProgram::set(const char* name, unsigned v) { glUniform1ui(location(name), v); }

} // namespace psoas::render
