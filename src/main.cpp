// Psoas Atlas entry point: the GUI, or a headless command (--render, --kinematics, --list-*).
#include "app/Quiz.h"
#include "app/RenderCommand.h"
#include "handout/HandoutCommand.h"
#include "app/LayerSpec.h"
#include "app/LessonCheck.h"
#include "core/AssetPaths.h"
#include "core/HugePages.h"
#include "CommandLineDocs.h"
#include "scene/ViewPreset.h"
#include "ui/AppIcon.h"
#include "ui/LabelPainter.h"
#include "ui/MainWindow.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"
#ifdef PSOAS_HAVE_SOLVER
#include "solver/KinematicsCommand.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QMessageBox>
#include <QSurfaceFormat>
#include <QTimer>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

// Headless runs print only our own messages: Qt's note that XDG_RUNTIME_DIR is unset (normal in
// CI and over ssh, and harmless for an off-screen render) is dropped; everything else goes on.
void headlessMessages(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    if (text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"))) return;
    std::cerr << qPrintable(qFormatLogMessage(type, context, text)) << "\n";
}

bool hasArg(int argc, char** argv, const char* name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0 || std::strncmp(argv[i], (std::string(name) + "=").c_str(),
                                                             std::strlen(name) + 1) == 0)
            return true;
    return false;
}

const char* const kDescription =
    "Psoas Atlas: a 3D teaching viewer of the lumbopelvic region (T12–L5, sacrum, pelvis, femurs, psoas, iliacus, "
    "diaphragm).";

// The one option list: --help, the man page and the bash completion are made from it.
QList<QCommandLineOption> commandLineOptions()
{
    QList<QCommandLineOption> o{
        {"model", "Open this model file (.glb, .gltf or .obj) instead of the built-in model.", "FILE"},
        {"render", "Render off screen (no display needed) to a PNG and exit.", "OUT.png"},
        {"view", "View for --render: " + QString::fromStdString(psoas::scene::viewPresetNames()) + ".", "NAME",
         "anterior"},
        {"size", "Image size for --render, e.g. 1920x1080.", "WxH", "1280x720"},
        {"samples", "Anti-aliasing samples per pixel for --render: 1, 2, 4 or 8.", "N", "4"},
        {"labels", "With --render: draw the landmark labels with leader lines, as in the viewer."},
        {"layers", psoas::app::layerSpecHelp(), "SPEC"},
        {"kinematics", "Print muscle lengths, moment arms and posture measures as CSV and exit."},
        {"pose", "Pose preset (with --kinematics or --render).", "NAME"},
        {"mode", "Solver mode: free or standing.", "MODE"},
        {"set", "Set a coordinate, e.g. --set hip_flexion_r=30 (repeatable).", "COORD=VALUE"},
        {"sweep", "Sweep a coordinate for --kinematics, e.g. hip_flexion_r=-20:120:10.", "COORD=FROM:TO:STEP"},
        {"assets", "Use this assets folder (model, catalog, poses, content).", "DIR"},
        {"list-coordinates", "List the joint coordinates with their limits and exit."},
        {"list-poses", "List the pose presets and exit."},
        {"list-structures", "List the structures of the built-in model and exit."},
        {"handout", "Write a printable PDF handout of the lesson given after it (each step's image and text, the "
                    "disclaimer and the sources) off screen, and exit: --handout OUT.pdf LESSON.json.",
         "OUT.pdf"},
        {"page", "Page size for --handout: a4 or letter.", "SIZE", "a4"},
        {"note", "With --handout: a note from the clinician, printed on the first page.", "TEXT"},
        {"check-lesson", "Check a lesson or quiz file with no display: print every problem as file: step N (or question N), field: what "
                         "to do, and exit 0 (no problems) or 1 (repeatable).",
         "FILE"},
        // Build-time generators (CMake runs them), not shown in --help.
        {"help-man", "Print the man page (roff) made from these options and exit."},
        {"help-bash-completion", "Print the bash completion script made from these options and exit."},
    };
    for (auto& option : o)
        if (option.names().first().startsWith("help-")) option.setFlags(QCommandLineOption::HiddenFromHelp);
    return o;
}

void addOptions(QCommandLineParser& p)
{
    p.setApplicationDescription(kDescription);
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument("file", "A lesson or quiz (.json) or model file to open.", "[file]");
    p.addOptions(commandLineOptions());
}

// Every argument is used or refused, never dropped. Returns the refusal, or an empty string.
// `command` names the headless command being run ("--render", "--kinematics", ...), or is
// empty for the GUI.
std::string checkArgumentUse(const QCommandLineParser& p, const std::string& command)
{
    // Options that take one value: a second one would silently replace the first.
    for (const char* name : {"model", "render", "view", "size", "samples", "layers", "pose", "mode", "sweep", "assets",
                             "handout", "page", "note"}) {
        const QStringList values = p.values(name);
        if (values.size() > 1)
            return std::string("--") + name + " is given " + std::to_string(values.size()) + " times; give it once" +
                   (std::string(name) == "render"  ? " (for several images, run psoas-atlas once per image)."
                    : std::string(name) == "handout" ? " (for several handouts, run psoas-atlas once per lesson)."
                    : std::string(name) == "sweep" ? " (one coordinate is swept per run; fix the others with --set)."
                                                   : ".");
    }
    // Options whose value may not be empty (an empty --render has its own message).
    static const char* const emptyHints[][2] = {
        {"model", "give a .glb, .gltf or .obj file"},
        {"view", "give a view name such as anterior"},
        {"size", "give WIDTHxHEIGHT such as 1280x720"},
        {"samples", "give 1, 2, 4 or 8"},
        {"layers", "give a layer spec such as muscles,bones (see --help)"},
        {"pose", "give a preset name (psoas-atlas --list-poses)"},
        {"mode", "give free or standing"},
        {"set", "give COORD=VALUE, e.g. hip_flexion_r=30 (psoas-atlas --list-coordinates)"},
        {"sweep", "give COORD=FROM:TO:STEP, e.g. hip_flexion_r=-20:120:10"},
        {"assets", "give the assets folder"},
        {"check-lesson", "give a lesson file"},
        {"handout", "give the PDF to write, e.g. --handout lesson.pdf LESSON.json"},
        {"page", "give a4 or letter"},
        {"note", "give the note's text, or leave --note out"},
    };
    for (const auto& hint : emptyHints)
        for (const QString& v : p.values(hint[0]))
            if (v.trimmed().isEmpty()) return std::string("--") + hint[0] + " is empty; " + hint[1] + ".";
    const QStringList positional = p.positionalArguments();
    for (const char* name : {"page", "note"})
        if (p.isSet(name) && command != "--handout")
            return std::string("--") + name + " is used with --handout only; add --handout OUT.pdf LESSON.json or leave it out.";
    if (command == "--handout") {
        for (const char* name : {"view", "size", "samples", "labels", "layers", "pose", "mode", "set", "sweep"})
            if (p.isSet(name))
                return std::string("--") + name + " is not used by --handout: the lesson's steps set the view, pose and "
                       "layers. Leave it out (change the steps in the viewer's Lesson panel).";
        if (positional.isEmpty())
            return "--handout needs the lesson file after it: psoas-atlas --handout OUT.pdf LESSON.json.";
        if (positional.size() > 1)
            return "--handout makes one handout from one lesson, but " + std::to_string(positional.size()) +
                   " files were given ('" + positional[0].toStdString() + "', '" + positional[1].toStdString() +
                   "', ...); run psoas-atlas once per lesson.";
        return {};
    }
    if (!command.empty() && !positional.isEmpty())
        return "'" + positional.first().toStdString() + "' is not used by " + command +
               "; give a model with --model FILE, or open a lesson in the viewer (psoas-atlas LESSON.json) "
               "or check it with --check-lesson FILE.";
    if (positional.size() > 1)
        return "only one file can be opened at a time, but " + std::to_string(positional.size()) +
               " were given ('" + positional[0].toStdString() + "', '" + positional[1].toStdString() + "', ...).";
    return {};
}

// The headless command being run, for messages.
std::string commandName(const QCommandLineParser& p)
{
    for (const char* name : {"check-lesson", "handout", "render", "kinematics", "list-coordinates", "list-poses", "list-structures"})
        if (p.isSet(name)) return std::string("--") + name;
    return {};
}

// The values of `--name VALUE` / `--name=VALUE` exactly as the bytes the user passed: file names
// need not be UTF-8 (a Latin-1 name decoded by Qt would come back with U+FFFD in it).
std::vector<std::string> rawValues(int argc, char** argv, const char* name)
{
    const std::string flag = std::string("--") + name, prefix = flag + "=";
    std::vector<std::string> out;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") break;
        if (a == flag && i + 1 < argc) out.emplace_back(argv[++i]);
        else if (a.rfind(prefix, 0) == 0) out.push_back(a.substr(prefix.size()));
    }
    return out;
}

std::string rawValue(int argc, char** argv, const char* name)
{
    const auto v = rawValues(argc, argv, name);
    return v.empty() ? std::string() : v.back();
}

[[maybe_unused]] std::vector<std::string> argsVector(int argc, char** argv)
{
    std::vector<std::string> v;
    for (int i = 1; i < argc; ++i) v.emplace_back(argv[i]);
    return v;
}

} // namespace

int main(int argc, char** argv)
{
    const bool kinematics = hasArg(argc, argv, "--kinematics") || hasArg(argc, argv, "--list-coordinates") ||
                            hasArg(argc, argv, "--list-poses") || hasArg(argc, argv, "--list-structures");
    const bool render = hasArg(argc, argv, "--render");
    const bool checkLesson = hasArg(argc, argv, "--check-lesson");
    const bool handout = hasArg(argc, argv, "--handout");
    const bool headless = checkLesson || handout || kinematics || render || hasArg(argc, argv, "--help") || hasArg(argc, argv, "-h") ||
                          hasArg(argc, argv, "--version") || hasArg(argc, argv, "-v") ||
                          hasArg(argc, argv, "--help-man") || hasArg(argc, argv, "--help-bash-completion");
    // A --render is a short run that allocates a lot at once: start it again with huge pages
    // (one exec, about 10 ms, saves about 200 ms on a 1280x720 render here; see README).
    if (render) psoas::core::restartWithHugePages(argv);
    // The viewer: a heap that gives back what window-sized buffers free (see HugePages.h).
    if (!headless) psoas::core::restartWithCompactHeap(argv);
    QCoreApplication::setApplicationName("Psoas Atlas");
    QCoreApplication::setOrganizationName("PsoasAtlas");
    QCoreApplication::setApplicationVersion(PSOAS_VERSION);

    if (headless) {
        // Drawing label text needs Qt GUI (fonts): on the offscreen platform, so that --render
        // still needs no display server.
        // So does laying out a handout (QPdfWriter).
        const bool labels = (hasArg(argc, argv, "--labels") && render) || handout;
        if (labels) qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(headlessMessages);
        std::unique_ptr<QCoreApplication> appHolder =
            labels ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
        psoas::core::setExecutableDir(QCoreApplication::applicationDirPath().toStdString());
        QCommandLineParser parser;
        addOptions(parser);
        if (!parser.parse(QCoreApplication::arguments())) {
            std::cerr << "psoas-atlas: " << parser.errorText().toStdString() << "\nRun psoas-atlas --help for the options.\n";
            return 2;
        }
        if (parser.isSet("help")) {
            std::cout << parser.helpText().toStdString();
            return 0;
        }
        if (parser.isSet("help-man")) {
            std::cout << psoas::cli::manPage(kDescription, commandLineOptions(), PSOAS_VERSION);
            return 0;
        }
        if (parser.isSet("help-bash-completion")) {
            std::vector<std::string> views;
            for (const auto& v : psoas::scene::viewPresets()) views.push_back(v.name);
            std::cout << psoas::cli::bashCompletion(commandLineOptions(), views);
            return 0;
        }
        if (parser.isSet("version")) {
            std::cout << "psoas-atlas " << PSOAS_VERSION << "\n";
            return 0;
        }
        if (const std::string refusal = checkArgumentUse(parser, commandName(parser)); !refusal.empty()) {
            std::cerr << "psoas-atlas: " << refusal << "\nRun psoas-atlas --help for the options.\n";
            return 2;
        }
        if (parser.isSet("assets")) setenv("PSOAS_ASSETS", rawValue(argc, argv, "assets").c_str(), 1);
        if (checkLesson) {
            if (handout) {
                std::cerr << "psoas-atlas: --check-lesson cannot be combined with --handout; run them one at a time.\n";
                return 2;
            }
            if (render || kinematics) {
                std::cerr << "psoas-atlas: --check-lesson cannot be combined with --render or --kinematics; run them "
                             "one at a time.\n";
                return 2;
            }
            return psoas::app::runLessonCheck(rawValues(argc, argv, "check-lesson"), std::cout, std::cerr);
        }
        if (handout) {
            if (render || kinematics) {
                std::cerr << "psoas-atlas: --handout cannot be combined with --render, --kinematics or a --list-*; run "
                             "them one at a time.\n";
                return 2;
            }
            psoas::handout::HandoutRequest request;
            request.output = rawValue(argc, argv, "handout");
            request.lesson = QFile::encodeName(parser.positionalArguments().first()).toStdString();
            request.page = parser.value("page").toStdString();
            request.note = parser.value("note").toStdString();
            request.modelPath = rawValue(argc, argv, "model");
            return psoas::handout::runHandoutCommand(request, std::cerr);
        }
        if (kinematics) {
#ifdef PSOAS_HAVE_SOLVER
            return psoas::solver::runKinematicsCommand(argsVector(argc, argv), std::cout, std::cerr);
#else
            std::cerr << "psoas-atlas: this build has no joint-angle solver.\n";
            return 2;
#endif
        }
        psoas::app::RenderRequest request;
        request.output = rawValue(argc, argv, "render");
        request.view = parser.value("view").toStdString();
        request.modelPath = rawValue(argc, argv, "model");
        request.pose = parser.value("pose").toStdString();
        request.mode = parser.value("mode").toStdString();
        request.layers = parser.value("layers").toStdString();
        for (const auto& s : parser.values("set")) request.sets.push_back(s.toStdString());
        if (parser.isSet("labels"))
            request.decorate = [](std::vector<std::uint8_t>& rgba, int w, int h, const psoas::scene::OrbitCamera& camera,
                                  const psoas::app::Document& doc, std::string& error) {
                psoas::ui::LabelPainter::Options options;
                options.referenceHeight = 720; // pens and dots as in a 720-pixel-high window
                if (psoas::ui::LabelPainter::paintOnPixels(rgba, w, h, camera, doc, options)) return true;
                error = "could not draw the labels on the image.";
                return false;
            };
        if (auto s = psoas::app::parseSize(parser.value("size").toStdString(), request.width, request.height); !s) {
            std::cerr << "psoas-atlas: " << s.message() << "\n";
            return 2;
        }
        if (auto s = psoas::app::parseSamples(parser.value("samples").toStdString(), request.samples); !s) {
            std::cerr << "psoas-atlas: " << s.message() << "\n";
            return 2;
        }
        request.exitWhenWritten = true;
        return psoas::app::runRenderCommand(request, std::cerr);
    }

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
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    if (const std::string refusal = checkArgumentUse(parser, {}); !refusal.empty()) {
        std::cerr << "psoas-atlas: " << refusal << "\nRun psoas-atlas --help for the options.\n";
        return 2;
    }
    for (const char* headlessOnly : {"view", "size", "samples", "labels", "layers", "pose", "mode", "set", "sweep"})
        if (parser.isSet(headlessOnly)) {
            std::cerr << "psoas-atlas: --" << headlessOnly << " is used with --render or --kinematics only; the "
                      << "viewer sets it in its panels. Add --render OUT.png or --kinematics, or leave it out.\n";
            return 2;
        }
    for (const char* handoutOnly : {"page", "note"})
        if (parser.isSet(handoutOnly)) {
            std::cerr << "psoas-atlas: --" << handoutOnly << " is used with --handout only; in the viewer, choose "
                      << "File > Export Handout. Add --handout OUT.pdf LESSON.json, or leave it out.\n";
            return 2;
        }
    // The viewer reads the same assets folder as the headless commands.
    if (parser.isSet("assets")) setenv("PSOAS_ASSETS", rawValue(argc, argv, "assets").c_str(), 1);

    psoas::ui::MainWindow window;
    QString modelPath = parser.value("model");
    const QStringList positional = parser.positionalArguments();
    if (modelPath.isEmpty() && !positional.isEmpty() && !positional.first().endsWith(".json", Qt::CaseInsensitive))
        modelPath = positional.first();
    QString error;
    bool ok = modelPath.isEmpty() ? window.openDefaultModel(&error) : window.openModel(modelPath, &error);
    window.show();
    if (!ok) {
        QTimer::singleShot(0, &window, [&window, error] {
            QMessageBox::warning(&window, QObject::tr("Cannot open the model"), error);
        });
    }
    if (!positional.isEmpty() && positional.first().endsWith(".json", Qt::CaseInsensitive)) {
        const QString lesson = positional.first();
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
