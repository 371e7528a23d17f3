// File > Export Handout… and the Lesson dock's button: the dialog writes the PDF through
// `psoas-atlas --handout` (the same off-screen code as the command line) and reports failures.
#include "app/Lesson.h"
#include "ui/HandoutDialog.h"
#include "ui/LessonPanel.h"
#include "ui/MainWindow.h"
#include "ui/TeachingTools.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace psoas;

TEST_CASE("Export Handout writes the lesson as a PDF and names a bad target", "[ui][lesson][handout]")
{
    QStandardPaths::setTestModeEnabled(true); // the last folder goes to a test settings file
    ui::MainWindow w;
    REQUIRE(w.findChild<QAction*>("actionExportHandout"));
    REQUIRE(w.teaching()->lessonPanel()->findChild<QPushButton*>("lessonExportHandout"));

    const std::string assets = PSOAS_ASSETS_DIR;
    const QString lessonPath = QString::fromStdString(assets + "/lessons/anterior_pelvic_tilt_for_patients.json");
    auto loaded = app::Lesson::load(lessonPath.toStdString());
    REQUIRE(loaded);
    ui::HandoutDialog::setProgram(PSOAS_ATLAS_EXE);
    QTemporaryDir dir;
    ui::HandoutDialog dialog(loaded->lesson, lessonPath, &w);
    const QString pdf = dir.filePath("tilt.pdf");
    dialog.setOutput(pdf);
    dialog.setPage("letter");
    dialog.setNote("Twice a day.");
    QString error;
    CHECK(dialog.exportHandout(&error));
    CHECK(error.isEmpty());
    QFile file(pdf);
    REQUIRE(file.open(QIODevice::ReadOnly));
    CHECK(file.read(5) == "%PDF-");
    // The chooser starts where the last handout went, never in the shipped assets.
    CHECK(QDir(ui::HandoutDialog::startFolder()) == QDir(dir.path()));
    QSettings().setValue("handout/lastFolder", QString::fromStdString(assets + "/lessons"));
    CHECK_FALSE(ui::HandoutDialog::startFolder().startsWith(QString::fromStdString(assets)));

    dialog.setOutput(dir.path());
    CHECK_FALSE(dialog.exportHandout(&error));
    CHECK(error.contains("cannot write the handout to '" + dir.path() + "': it is a folder"));
    QSettings().remove("handout/lastFolder");
}
