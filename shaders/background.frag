#version 330 core
// Vertical gradient: a calm dark blue-grey that keeps ivory bone and red muscle readable
// on a projector.
in vec2 vUv;
uniform vec3 uTop;
uniform vec3 uBottom;
out vec4 fragColor;
void main()
{
    fragColor = vec4(mix(uBottom, uTop, vUv.y), 1.0);
}
