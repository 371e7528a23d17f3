#version 330 core
// Anatomy mesh: positions and normals in model space, one instance per draw item.
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in vec4 aTissue; // rgb tissue colour, a = its weight over uColor (0 when absent)
layout(location = 3) in vec4 aFibre;  // muscle: rest offset across the path (m), s, tendon fraction; w < 0 otherwise

uniform mat4 uModel;
uniform mat4 uView;
uniform mat4 uProjection;
uniform mat3 uNormalMatrix;

out vec3 vWorldPos;
out vec3 vNormal;
out vec4 vTissue;
out vec4 vFibre;

void main()
{
    vec4 world = uModel * vec4(aPosition, 1.0);
    vWorldPos = world.xyz;
    vNormal = uNormalMatrix * aNormal;
    vTissue = aTissue;
    vFibre = aFibre;
    gl_Position = uProjection * uView * world;
}
