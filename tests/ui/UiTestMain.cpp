// Test main for widget tests: a QApplication on the stack before Catch runs (a static one
// crashes at exit). These tests need a display with GL: the README's test command runs
// them under Xvfb. Test discovery at build time runs without one, on the offscreen platform.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QSurfaceFormat>
#include <cstdlib>

int main(int argc, char** argv)
{
    if (!std::getenv("DISPLAY") || !*std::getenv("DISPLAY")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setSamples(0); // as main.cpp: the window composes, the viewport does its own MSAA
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
