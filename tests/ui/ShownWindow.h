#pragma once
// The starting point of the widget tests: the main window with the built-in model, shown at
// 1200x800 and turned to the anterior view. Needs a display with GL (run under xvfb-run -a).
#include "ui/ExploreTools.h"
#include "ui/MainWindow.h"
#include "ui/Viewport.h"

#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

namespace psoas::uitest {

inline void showDefaultModel(ui::MainWindow& w)
{
    QString error;
    REQUIRE(w.openDefaultModel(&error));
    w.resize(1200, 800);
    w.show();
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    REQUIRE(w.viewport()->glError().isEmpty());
    w.viewport()->showViewPreset("anterior", false);
    QTest::qWait(50);
}

// A shown window whose settings live in a temporary file (nothing restored from earlier runs).
struct ShownWindow {
    QTemporaryDir dir;
    ui::MainWindow w;
    ShownWindow()
    {
        ui::ExploreTools::setSettingsFile(dir.filePath("settings.ini"));
        showDefaultModel(w);
    }
};

} // namespace psoas::uitest
