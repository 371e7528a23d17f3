#include "muscles/IliacusSheet.h"
#include "muscles/Easing.h"

#include <algorithm>
#include <cmath>

namespace psoas::modelbuilder {

double iliacusHalfThickness(double s)
{
    // Thin where the fibres leave the crest, fleshy in the fossa, thickest where the muscle
    // gathers above the brim, a flat tendon (about 9 mm thick) at the lesser trochanter.
    const double belly = 0.0020 + 0.0065 * smooth01(s / 0.22) + 0.0035 * smooth01((s - 0.25) / 0.40);
    const double t = smooth01((s - 0.72) / 0.25);
    return belly * (1.0 - t) + 0.0045 * t;
}

BuiltPart buildIliacusSheet(const std::string& id, const std::vector<std::vector<glm::dvec3>>& lines,
                            double (*halfThickness)(double), const SheetOptions& o)
{
    BuiltPart part;
    part.id = id;
    const std::size_t n = lines.size();
    if (n < 2 || lines[0].size() < 2)
        return part;
    const std::size_t m = lines[0].size();
    const int R = std::max(2, o.rings);
    const int S = std::max(4, o.segments / 2 * 2);

    auto lineAt = [&](std::size_t k, double s) {
        const double x = std::clamp(s, 0.0, 1.0) * double(m - 1);
        const std::size_t j = std::min(std::size_t(x), m - 2);
        return glm::mix(lines[k][j], lines[k][j + 1], x - double(j));
    };
    // Across the lines (u = 0 medial .. 1 lateral) at the same s: the quadratic through the
    // first, middle and last lines (smooth, no crease at the middle path).
    auto across = [&](double u, double s) {
        u = std::clamp(u, 0.0, 1.0);
        const glm::dvec3 a = lineAt(0, s), c = lineAt(n - 1, s);
        const glm::dvec3 b = n % 2 == 1 ? lineAt(n / 2, s) : 0.5 * (lineAt(n / 2 - 1, s) + lineAt(n / 2, s));
        const glm::dvec3 curved = a * ((1.0 - u) * (1.0 - 2.0 * u)) + b * (4.0 * u * (1.0 - u)) + c * (u * (2.0 * u - 1.0));
        // Where the paths gather towards the tendon the inner ones may cross: the section
        // becomes the straight band between the outermost paths.
        const glm::dvec3 straight = glm::mix(lineAt(0, s), lineAt(n - 1, s), std::clamp(u, 0.0, 1.0));
        return glm::mix(curved, straight, smooth01((s - 0.40) / 0.25));
    };
    // Where the paths converge (the insertion) the fan keeps a least width along the last
    // direction in which it was wide: widen by a soft max so the surface stays smooth.
    const int fine = 400;
    std::vector<glm::dvec3> widthAxis(std::size_t(fine) + 1);
    std::vector<double> extra(std::size_t(fine) + 1);
    glm::dvec3 axis(1.0, 0.0, 0.0);
    for (int j = 0; j <= fine; ++j) {
        const double s = double(j) / fine;
        const glm::dvec3 d = across(1.0, s) - across(0.0, s);
        const double w = glm::length(d);
        if (w > 0.03)
            axis = d / w;
        const double deficit = 2.0 * o.minHalfWidth - w, eps = 0.004;
        widthAxis[std::size_t(j)] = axis;
        extra[std::size_t(j)] = 0.5 * (deficit + std::sqrt(deficit * deficit + eps * eps));
    }
    auto mid = [&](double u, double s) {
        const std::size_t j = std::size_t(std::lround(std::clamp(s, 0.0, 1.0) * fine));
        return across(u, s) + widthAxis[j] * ((u - 0.5) * extra[j]);
    };
    // Thickness direction: the way the fossa faces (`front`) made perpendicular to the fibres
    // (d mid / ds). Not the surface normal: across the fan, sections of equal s run partly
    // along the fibres (the lateral fibres start low, at the ASIS), where that would flip.
    auto normalAt = [&](double u, double s) {
        const double h = 1e-3;
        const double s0 = std::max(0.0, s - h), s1 = std::min(1.0, s + h);
        const glm::dvec3 t = glm::normalize(mid(u, s1) - mid(u, s0));
        const glm::dvec3 facing = glm::normalize(o.front - glm::dot(o.front, t) * t);
        // Towards the tendon, where the band is straight: perpendicular to its width too.
        glm::dvec3 band = glm::cross(t, widthAxis[std::size_t(std::lround(std::clamp(s, 0.0, 1.0) * fine))]);
        const double len = glm::length(band);
        if (len < 1e-6)
            return facing;
        band /= len;
        if (glm::dot(band, facing) < 0.0)
            band = -band;
        return glm::normalize(glm::mix(facing, band, smooth01((s - 0.40) / 0.25)));
    };
    // Mid-surface point, normal and half thickness per ring j and column c (u = 0.5 - 0.5 cos
    // theta, c = 0 .. S / 2: ring vertices k = c on the front and S - c on the back).
    const int C = S / 2 + 1;
    std::vector<glm::dvec3> base(std::size_t(R * C)), normal(std::size_t(R * C));
    std::vector<double> half(std::size_t(R * C)), lift(std::size_t(R * C), 0.0);
    for (int j = 0; j < R; ++j) {
        const double s = double(j) / double(R - 1);
        for (int c = 0; c < C; ++c) {
            const double theta = 2.0 * kPi * double(c) / double(S);
            const double u = 0.5 - 0.5 * std::cos(theta);
            const std::size_t i = std::size_t(j * C + c);
            base[i] = mid(u, s);
            normal[i] = normalAt(u, s);
            half[i] = halfThickness(s) * (0.45 + 0.55 * std::sin(kPi * u)) * std::sin(theta);
        }
    }
    if (o.bones && !o.bones->empty()) {
        // Lift the sheet off the bone along its normal: per column, as far as its back (or
        // front) is short of the margin, spread widely over the neighbours so the lifted
        // sheet stays smooth.
        for (int iter = 0; iter < 4; ++iter) {
            std::vector<double> need(lift.size(), 0.0);
            for (std::size_t i = 0; i < lift.size(); ++i)
                for (const double side : {-1.0, 1.0}) {
                    const glm::dvec3 p = base[i] + normal[i] * (lift[i] + side * half[i]);
                    need[i] = std::max(need[i], o.boneMargin - o.bones->signedDistance(p));
                }
            for (std::size_t i = 0; i < lift.size(); ++i)
                lift[i] = std::min(lift[i] + std::max(0.0, need[i]), o.maxLift);
            for (int pass = 0; pass < 4; ++pass) {
                std::vector<double> sm = lift;
                for (int j = 0; j < R; ++j)
                    for (int c = 0; c < C; ++c) {
                        double sum = 0.0, w = 0.0;
                        for (int dj = -3; dj <= 3; ++dj)
                            for (int dc = -3; dc <= 3; ++dc) {
                                const int jj = j + dj, cc = c + dc;
                                if (jj < 0 || jj >= R || cc < 0 || cc >= C)
                                    continue;
                                const double k = 4.0 - 0.5 * (std::abs(dj) + std::abs(dc));
                                sum += k * lift[std::size_t(jj * C + cc)];
                                w += k;
                            }
                        const std::size_t i = std::size_t(j * C + c);
                        sm[i] = std::min(std::max(lift[i], sum / w), o.maxLift);
                    }
                lift.swap(sm);
            }
        }
    }
    for (int j = 0; j < R; ++j) {
        const double s = double(j) / double(R - 1);
        for (int k = 0; k < S; ++k) {
            const int c = k <= S / 2 ? k : S - k;
            const std::size_t i = std::size_t(j * C + c);
            const double side = k <= S / 2 ? 1.0 : -1.0;
            part.positions.emplace_back(base[i] + normal[i] * (lift[i] + side * half[i]));
            part.uv1.emplace_back(float(n / 2), float(s)); // s re-measured on the middle path below
        }
    }
    auto at = [&](int j, int k) { return std::uint32_t(j * S + ((k % S) + S) % S); };
    // Relax the surface a little (inner rings, neighbours along and across): removes the
    // creases left where sections of equal s run slanted to the fibres.
    for (int iter = 0; iter < 4; ++iter) {
        std::vector<glm::vec3> relaxed = part.positions;
        for (int j = 1; j + 1 < R; ++j)
            for (int k = 0; k < S; ++k) {
                const glm::vec3 avg = 0.25f * (part.positions[at(j - 1, k)] + part.positions[at(j + 1, k)] +
                                               part.positions[at(j, k - 1)] + part.positions[at(j, k + 1)]);
                relaxed[at(j, k)] = glm::mix(part.positions[at(j, k)], avg, 0.5f);
            }
        part.positions.swap(relaxed);
    }
    auto tri = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
        if (a == b || b == c || a == c)
            return;
        part.indices.insert(part.indices.end(), {a, b, c});
    };
    for (int j = 0; j + 1 < R; ++j)
        for (int k = 0; k < S; ++k) {
            // Split each quad along its shorter diagonal: where the sections run slanted to
            // the fibres the quads are sheared, and the long diagonal would make slivers.
            const std::uint32_t p00 = at(j, k), p01 = at(j, k + 1), p11 = at(j + 1, k + 1), p10 = at(j + 1, k);
            if (glm::length(part.positions[p00] - part.positions[p11]) <= glm::length(part.positions[p01] - part.positions[p10])) {
                tri(p00, p01, p11);
                tri(p00, p11, p10);
            } else {
                tri(p00, p01, p10);
                tri(p01, p11, p10);
            }
        }
    // Ends: zip the front of each end section to its back (vertex k faces vertex S - k).
    for (const int j : {0, R - 1})
        for (int k = 0; k < S / 2; ++k) {
            const std::uint32_t a = at(j, k), b = at(j, k + 1), c = at(j, S - k - 1), d = at(j, S - k);
            if (j == 0) {
                tri(a, c, b);
                tri(a, d, c);
            } else {
                tri(a, b, c);
                tri(a, c, d);
            }
        }
    // Counter-clockwise from outside: flip everything if the enclosed volume came out negative.
    double volume = 0.0;
    for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3) {
        const glm::dvec3 a(part.positions[part.indices[i]]), b(part.positions[part.indices[i + 1]]),
            c(part.positions[part.indices[i + 2]]);
        volume += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    if (volume < 0.0)
        for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3)
            std::swap(part.indices[i + 1], part.indices[i + 2]);
    // The whole sheet follows its middle path (one orthonormal frame across the fan, so it
    // cannot shear apart); each vertex takes the arc fraction of its nearest point on that
    // path, so its offset is at right angles to the path and stretching along the path moves
    // it only with the fibres.
    {
        const std::vector<glm::dvec3>& line = lines[n / 2];
        std::vector<double> arc(line.size(), 0.0);
        for (std::size_t i = 1; i < line.size(); ++i)
            arc[i] = arc[i - 1] + glm::length(line[i] - line[i - 1]);
        for (std::size_t v = 0; v < part.positions.size(); ++v) {
            const glm::dvec3 x(part.positions[v]);
            double best = 1e18, along = 0.0;
            for (std::size_t i = 1; i < line.size(); ++i) {
                const glm::dvec3 d = line[i] - line[i - 1];
                const double t = std::clamp(glm::dot(x - line[i - 1], d) / std::max(glm::dot(d, d), 1e-18), 0.0, 1.0);
                const glm::dvec3 q = line[i - 1] + d * t;
                const double dd = glm::dot(x - q, x - q);
                if (dd < best) {
                    best = dd;
                    along = arc[i - 1] + t * (arc[i] - arc[i - 1]);
                }
            }
            part.uv1[v].y = float(along / std::max(arc.back(), 1e-12));
        }
    }
    // Smooth normals from the sides; on the two end rings tilted half-way out along the
    // fibres (a bevel), so the thin end caps, which pair front and back vertices, face the
    // way their corners' normals do.
    BuiltPart sides = part;
    sides.indices.resize(std::size_t(R - 1) * std::size_t(S) * 6);
    computeSmoothNormals(sides);
    part.normals = sides.normals;
    for (const int j : {0, R - 1})
        for (int k = 0; k < S; ++k) {
            const std::size_t v = std::size_t(j * S + k), w = std::size_t((j == 0 ? 1 : R - 2) * S + k);
            const glm::vec3 out = glm::normalize(part.positions[v] - part.positions[w]);
            part.normals[v] = glm::normalize(part.normals[v] + out);
        }
    return part;
}

} // namespace psoas::modelbuilder
