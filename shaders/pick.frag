#version 330 core
// Picking pass: writes the draw item's pick id (node + 1) as an RGBA8 colour.
uniform uint uPickId;
out vec4 fragColor;
void main()
{
    fragColor = vec4(float(uPickId & 255u), float((uPickId >> 8) & 255u), float((uPickId >> 16) & 255u),
                     float((uPickId >> 24) & 255u)) / 255.0;
}
