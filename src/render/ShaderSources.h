#pragma once
#include <string>
#include <vector>

namespace psoas::render {

struct ShaderSource {
    const char* name; // file name in shaders/, e.g. "mesh.frag"
    const char* text;
};

// Every shader in shaders/, embedded at build time (cmake/EmbedShaders.cmake).
const std::vector<ShaderSource>& shaderSources();

} // namespace psoas::render
