#version 330 core
// Soft studio lighting that reads anatomy well: a hemisphere ambient (warm above, cool
// below), a key light from the upper front, a fill from the other side, and a rim light
// that separates the silhouette from the background. Muscle surfaces (vFibre.w >= 0) show
// fine fibres along their path and a paler, glossier tendon on the distal tendon fraction.
in vec3 vWorldPos;
in vec3 vNormal;
in vec4 vTissue;
in vec4 vFibre; // rest offset across the path (m), s (0 origin .. 1 insertion), tendon fraction

uniform vec3 uColor;
uniform float uOpacity;
uniform float uHighlight;
uniform vec3 uHighlightColor;
uniform vec3 uCameraPos;
uniform vec3 uKeyDir;
uniform vec3 uFillDir;

out vec4 fragColor;

const float kFibreWave = 207.0;               // waves per metre across the fibres (about 5 mm apart)
const vec3 kTendonColour = vec3(0.93, 0.90, 0.82); // pale, pearly

// Fibre relief: lines of constant position across the path, so they run along it. Two
// waves at different angles and spacings, so no single direction shows as a regular grating;
// parabolic arcs (round ridges, narrow grooves) cost far less than sin on a software rasteriser.
float wave(float x)
{
    float t = fract(x);
    return 4.0 * t * (1.0 - t) - 0.667;
}

float fibreHeight(vec2 q)
{
    q *= kFibreWave;
    return 0.6 * wave(q.x) + 0.4 * wave(0.62 * q.x + 1.17 * q.y);
}

void main()
{
    vec3 n = normalize(vNormal);
    vec3 v = normalize(uCameraPos - vWorldPos);
    if (dot(n, v) < 0.0) n = -n; // two-sided for open meshes
    vec3 base = mix(uColor, vTissue.rgb, clamp(vTissue.a, 0.0, 1.0));
    float shininess = 40.0, specular = 0.12;
    if (vFibre.w >= 0.0) {
        float f = vFibre.w;
        float tendon = f > 0.0 ? smoothstep(1.0 - f - 0.04, 1.0 - f + 0.04, vFibre.z) : 0.0;
        // Fade the fibres where they would be closer than about four pixels apart (far away,
        // at the silhouette): no shimmer while the camera moves.
        float perPixel = kFibreWave * length(fwidth(vFibre.xy)); // waves per pixel
        float show = 1.0 - smoothstep(0.16, 0.35, perPixel);
        float h = fibreHeight(vFibre.xy) * show;
        base *= 1.0 + mix(0.09, 0.035, tendon) * h; // the grooves between fascicles a little darker
        base = mix(base, kTendonColour, 0.72 * tendon);
        shininess = mix(40.0, 90.0, tendon);
        specular = mix(0.12, 0.34, tendon);
    }
    vec3 hemi = mix(vec3(0.32, 0.30, 0.33), vec3(0.58, 0.57, 0.55), 0.5 + 0.5 * n.y);
    float key = max(dot(n, normalize(uKeyDir)), 0.0);
    float fill = max(dot(n, normalize(uFillDir)), 0.0);
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
    vec3 hv = normalize(normalize(uKeyDir) + v);
    float spec = pow(max(dot(n, hv), 0.0), shininess) * specular;
    vec3 c = base * (hemi + 0.75 * key * vec3(1.0, 0.97, 0.92) + 0.25 * fill * vec3(0.85, 0.9, 1.0))
           + rim * 0.22 * vec3(0.9, 0.95, 1.0) + vec3(spec);
    c = mix(c, uHighlightColor, 0.45 * uHighlight);
    // Gentle tone mapping and gamma.
    c = c / (1.0 + 0.25 * c);
    c = pow(clamp(c, 0.0, 1.0), vec3(1.0 / 1.6));
    fragColor = vec4(c, uOpacity);
}
