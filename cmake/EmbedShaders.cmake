# Generates a C++ source that holds every shader in shaders/ as a string, so shaders are
# compiled into the binary. Usage: cmake -DSHADER_DIR=... -DOUTPUT=... -P EmbedShaders.cmake
file(GLOB shaders RELATIVE "${SHADER_DIR}" "${SHADER_DIR}/*.vert" "${SHADER_DIR}/*.frag" "${SHADER_DIR}/*.glsl")
list(SORT shaders)
set(body "// Generated from shaders/ by cmake/EmbedShaders.cmake. Do not edit.\n#include \"render/ShaderSources.h\"\n\nnamespace psoas::render {\n\nconst std::vector<ShaderSource>& shaderSources()\n{\n    static const std::vector<ShaderSource> sources = {\n")
foreach(name ${shaders})
  file(READ "${SHADER_DIR}/${name}" text)
  string(APPEND body "        {\"${name}\", R\"psoas_glsl(${text})psoas_glsl\"},\n")
endforeach()
string(APPEND body "    };\n    return sources;\n}\n\n} // namespace psoas::render\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
