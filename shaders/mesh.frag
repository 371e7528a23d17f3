#version 330 core
// Soft studio lighting that reads anatomy well: a hemisphere ambient (warm above, cool
// below), a key light from the upper front, a fill from the other side, and a rim light
// that separates the silhouette from the background.
in vec3 vWorldPos;
in vec3 vNormal;
in vec4 vTissue;

uniform vec3 uColor;
uniform float uOpacity;
uniform float uHighlight;
uniform vec3 uHighlightColor;
uniform vec3 uCameraPos;
uniform vec3 uKeyDir;
uniform vec3 uFillDir;

out vec4 fragColor;

void main()
{
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uCameraPos - vWorldPos);
    if (dot(n, v) < 0.0) n = -n; // two-sided for open meshes
    vec3 hemi = mix(vec3(0.32, 0.30, 0.33), vec3(0.58, 0.57, 0.55), 0.5 + 0.5 * n.y);
    float key = max(dot(n, normalize(uKeyDir)), 0.0);
    float fill = max(dot(n, normalize(uFillDir)), 0.0);
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
    vec3 h = normalize(normalize(uKeyDir) + v);
    float spec = pow(max(dot(n, h), 0.0), 40.0) * 0.12;
    vec3 base = mix(uColor, vTissue.rgb, clamp(vTissue.a, 0.0, 1.0));
    vec3 c = base * (hemi + 0.75 * key * vec3(1.0, 0.97, 0.92) + 0.25 * fill * vec3(0.85, 0.9, 1.0))
           + rim * 0.22 * vec3(0.9, 0.95, 1.0) + vec3(spec);
    c = mix(c, uHighlightColor, 0.45 * uHighlight);
    // Gentle tone mapping and gamma.
    c = c / (1.0 + 0.25 * c);
    c = pow(clamp(c, 0.0, 1.0), vec3(1.0 / 1.6));
    fragColor = vec4(c, uOpacity);
}
