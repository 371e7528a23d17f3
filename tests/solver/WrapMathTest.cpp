#include "solver/WrapMath.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace psoas;
using namespace psoas::solver;

TEST_CASE("Cylinder wrap: straight when clear, geodesic when wrapped, symmetric when reversed", "[solver][wrap]")
{
    const DVec3 c(0, 0, 0), axis(0, 0, 1);
    const double r = 1.0;
    WrapSide none;
    // Clear of the cylinder: straight.
    CHECK(wrapCylinder({-3, 2, 0}, {3, 2, 0}, c, axis, r, none, nullptr) == Approx(6.0));
    // Symmetric wrap over the top: two tangents plus the arc between the tangent points.
    double d = 2.0, alpha = std::acos(r / d);
    double expected = 2.0 * std::sqrt(d * d - r * r) + r * (kPi - 2.0 * alpha);
    CHECK(wrapCylinder({-2, 0.0001, 0}, {2, 0.0001, 0}, c, axis, r, none, nullptr) == Approx(expected).epsilon(1e-3));
    // Axial travel: the helix is a straight line on the unrolled cylinder.
    double L = wrapCylinder({-2, 0.0001, -1}, {2, 0.0001, 1}, c, axis, r, none, nullptr);
    CHECK(L == Approx(std::sqrt(expected * expected + 4.0)).epsilon(1e-3));
    // Reversed path, same length.
    WrapSide up{DVec3(0, 1, 0), true};
    for (double y : {-1.5, -0.5, 0.0, 0.5, 1.5}) {
        DVec3 p(-2.5, y, -0.3), s(1.8, y * 0.7, 0.4);
        CHECK(wrapCylinder(p, s, c, axis, r, up, nullptr) == Approx(wrapCylinder(s, p, c, axis, r, up, nullptr)));
    }
}

TEST_CASE("A wrap side forces the path over that side and engages smoothly", "[solver][wrap]")
{
    const DVec3 c(0, 0, 0), axis(0, 0, 1);
    WrapSide up{DVec3(0, 1, 0), true};
    // Segment below the cylinder: must go round the top.
    double below = wrapCylinder({-3, -2, 0}, {3, -2, 0}, c, axis, 1.0, up, nullptr);
    CHECK(below > 6.0 + 1.0);
    // Sweep the segment height through tangency: length continuous, slope continuous.
    double prevL = 0, prevSlope = 0;
    const double h = 1e-4;
    for (int i = 0; i <= 400; ++i) {
        double y = 0.8 + 0.4 * i / 400.0; // crosses y = 1 (tangent)
        double L = wrapCylinder({-3, y, 0}, {3, y, 0}, c, axis, 1.0, up, nullptr);
        double slope = (wrapCylinder({-3, y + h, 0}, {3, y + h, 0}, c, axis, 1.0, up, nullptr) - L) / h;
        if (i > 0) {
            CHECK(std::abs(L - prevL) < 0.002);
            CHECK(std::abs(slope - prevSlope) < 0.1);
        }
        prevL = L;
        prevSlope = slope;
    }
}

TEST_CASE("Ellipsoid wrap: a sphere gives the circle answer, reversed and continuous", "[solver][wrap]")
{
    const DVec3 c(0, 0, 0);
    WrapSide none;
    double d = 2.0, alpha = std::acos(1.0 / d);
    double expected = 2.0 * std::sqrt(d * d - 1.0) + (kPi - 2.0 * alpha);
    double L = wrapEllipsoid({-2, 0.0001, 0}, {2, 0.0001, 0}, c, DMat3(1.0), DVec3(1.0), none, nullptr);
    CHECK(L == Approx(expected).epsilon(0.01)); // arc sampled by chords
    WrapSide front{DVec3(0, 0, 1), true};
    const DVec3 radii(0.05, 0.052, 0.044);
    double prev = -1;
    for (int i = 0; i <= 200; ++i) {
        double a = degToRad(-30.0 + 150.0 * i / 200.0);
        DVec3 p(0.0, 0.09, 0.01), s(-0.02, -0.065 * std::cos(a) - 0.012 * std::sin(a), 0.065 * std::sin(a) - 0.012 * std::cos(a));
        double l = wrapEllipsoid(p, s, c, DMat3(1.0), radii, front, nullptr);
        CHECK(l == Approx(wrapEllipsoid(s, p, c, DMat3(1.0), radii, front, nullptr)).epsilon(1e-9));
        if (prev > 0) CHECK(std::abs(l - prev) < 0.0015);
        prev = l;
    }
}
