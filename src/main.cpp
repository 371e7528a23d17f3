// Psoas Atlas entry point: the viewer, or a headless command (--render, --kinematics, --list-*,
// --handout, --check-lesson). The command line itself is app::parseCommandLine (CommandLine.h).
#include "app/CommandLine.h"
#include "app/LessonCheck.h"
#include "app/Quiz.h"
#include "app/RenderCommand.h"
#include "core/AssetPaths.h"
#include "core/HugePages.h"
#include "CommandLineDocs.h"
#include "handout/HandoutCommand.h"
#include "scene/ViewPreset.h"
#include "ui/AppIcon.h"
#include "ui/GlAvailability.h"
#include "ui/LabelPainter.h"
#include "ui/MainWindow.h"
#include "ui/TeachingTools.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSurfaceFormat>
#include <QTimer>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using psoas::app::CliCommand;

// Headless runs print only our own messages: Qt's note that XDG_RUNTIME_DIR is unset (normal in
// CI and over ssh, and harmless for an off-screen render) is dropped; everything else goes on.
void headlessMessages(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    if (text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"))) return;
    std::cerr << qPrintable(qFormatLogMessage(type, context, text)) << "\n";
}

std::vector<std::string> arguments(int argc, char** argv)
{
    return std::vector<std::string>(argv + 1, argv + argc);
}

int refuse(const std::string& message)
{
    std::cerr << "psoas-atlas: " << message << "\nRun psoas-atlas --help for the options.\n";
    return 2;
}

// The marks and labels of --render, drawn with Qt (LabelPainter) as the viewer's overlay does.
bool drawMarks(std::vector<std::uint8_t>& rgba, int w, int h, const psoas::scene::OrbitCamera& camera,
               const psoas::app::Document& doc, const psoas::app::ShownMarks& marks, bool labels, std::string& error)
{
    psoas::ui::LabelPainter::Options options;
    options.landmarks = labels;
    options.landmarkIds = marks.landmarks;
    options.labelDeepAreas = marks.labelDeepAreas;
    options.referenceHeight = 720; // pens and dots as in a 720-pixel-high window
    if (psoas::ui::LabelPainter::paintOnPixels(rgba, w, h, camera, doc, options, marks.areas)) return true;
    error = "could not draw the labels on the image.";
    return false;
}

int runHeadless(CliCommand command, int argc, char** argv)
{
    const auto args = arguments(argc, argv);
    // Drawing marks and label text needs Qt GUI (fonts): on the offscreen platform, so that
    // --render still needs no display server. So does laying out a handout (QPdfWriter).
    const bool gui = command == CliCommand::Handout ||
                     (command == CliCommand::Render && (psoas::app::hasOption(args, "labels") ||
                                                        psoas::app::hasOption(args, "lesson") ||
                                                        psoas::app::hasOption(args, "select")));
    if (gui) qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(headlessMessages);
    std::unique_ptr<QCoreApplication> appHolder =
        gui ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    psoas::core::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
    switch (command) {
    case CliCommand::Help: std::cout << psoas::app::commandLineHelp(); return 0;
    case CliCommand::Version: std::cout << "psoas-atlas " << PSOAS_VERSION << "\n"; return 0;
    case CliCommand::HelpMan: std::cout << psoas::cli::manPage(PSOAS_VERSION); return 0;
    case CliCommand::HelpBashCompletion: {
        std::vector<std::string> views;
        for (const auto& v : psoas::scene::viewPresets()) views.push_back(v.name);
        std::cout << psoas::cli::bashCompletion(views);
        return 0;
    }
    default: break;
    }
    auto line = psoas::app::parseCommandLine(args);
    if (!line) return refuse(line.message());
    if (!line->assets.empty()) setenv("PSOAS_ASSETS", line->assets.c_str(), 1);
    switch (line->command) {
    case CliCommand::CheckLesson: return psoas::app::runLessonCheck(line->lessonChecks, std::cout, std::cerr);
    case CliCommand::Handout: {
        const auto& h = line->handout;
        return psoas::handout::runHandoutCommand({h.output, h.lesson, h.page, h.note, h.modelPath}, std::cerr);
    }
    case CliCommand::Kinematics:
        return psoas::solver::runKinematicsCommand(line->kinematics, std::cout, std::cerr);
    default: break;
    }
    psoas::app::RenderRequest& request = line->render;
    if (gui) request.decorate = drawMarks; // else: nothing to draw (no --labels, --lesson or --select)
    request.exitWhenWritten = true;
    return psoas::app::runRenderCommand(request, std::cerr);
}

} // namespace

int main(int argc, char** argv)
{
    const CliCommand command = psoas::app::commandOf(arguments(argc, argv));
    // A --render is a short run that allocates a lot at once: start it again with huge pages
    // (one exec, about 10 ms, saves about 200 ms on a 1280x720 render here; see README).
    if (command == CliCommand::Render) psoas::core::restartWithHugePages(argv);
    // The viewer: a heap that gives back what window-sized buffers free (see HugePages.h).
    if (command == CliCommand::Viewer) psoas::core::restartWithCompactHeap(argv);
    QCoreApplication::setApplicationName("Psoas Atlas");
    QCoreApplication::setOrganizationName("PsoasAtlas");
    QCoreApplication::setApplicationVersion(PSOAS_VERSION);
    if (command != CliCommand::Viewer) return runHeadless(command, argc, argv);

    // The default surface format must be set before any widget exists.
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    // No depth and no multisampling in the window itself: the window only composes widgets (the
    // viewport draws into its own framebuffer, which has depth, or off screen with MSAA, see
    // FramePresenter). A 4x window buffer cost ~45 MB; an unused depth buffer is 33 MB at 3840x2160.
    format.setDepthBufferSize(0);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication app(argc, argv);
    QApplication::setWindowIcon(psoas::ui::applicationIcon());
    // Ties the windows to the installed menu entry (Wayland app id, taskbar grouping).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.psoasatlas.PsoasAtlas"));
    psoas::core::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
    // Qt has taken its own options (-platform, -style, ...) out of argv by now.
    auto line = psoas::app::parseCommandLine(arguments(argc, argv));
    if (!line) return refuse(line.message());
    // The viewer reads the same assets folder as the headless commands.
    if (!line->assets.empty()) setenv("PSOAS_ASSETS", line->assets.c_str(), 1);

    // Before any window: Qt's OpenGL widget would crash where OpenGL cannot draw into a window.
    if (const QString problem = psoas::ui::openGlProblem(); !problem.isEmpty()) {
        std::cerr << "psoas-atlas: " << problem.toStdString() << "\n";
        return 1;
    }

    psoas::ui::MainWindow window;
    const QString modelPath = QString::fromLocal8Bit(line->modelPath.c_str());
    QString error;
    bool ok = modelPath.isEmpty() ? window.openDefaultModel(&error) : window.openModel(modelPath, &error);
    window.show();
    if (!ok) {
        QTimer::singleShot(0, &window, [&window, error] {
            QMessageBox::warning(&window, QObject::tr("Cannot open the model"), error);
        });
    }
    if (!line->openFile.empty()) {
        const QString lesson = QString::fromLocal8Bit(line->openFile.c_str());
        QTimer::singleShot(0, &window, [&window, lesson] {
            QString lessonError;
            if (psoas::app::Quiz::isQuizFile(lesson.toStdString())) { // a quiz file opens in the Quiz panel
                if (!window.openQuiz(lesson, &lessonError))
                    QMessageBox::warning(&window, QObject::tr("Cannot open the quiz"), lessonError);
            } else if (!window.teaching()->openLesson(lesson, &lessonError)) {
                QMessageBox::warning(&window, QObject::tr("Cannot open the lesson"), lessonError);
            }
        });
    }
    return app.exec();
}
