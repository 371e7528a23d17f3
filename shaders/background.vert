#version 330 core
// Full-screen triangle without vertex buffers.
out vec2 vUv;
void main()
{
    vec2 p = vec2((gl_VertexID == 1) ? 3.0 : -1.0, (gl_VertexID == 2) ? 3.0 : -1.0);
    vUv = 0.5 * (p + 1.0);
    gl_Position = vec4(p, 0.999, 1.0);
}
