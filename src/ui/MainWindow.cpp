#include "ui/MainWindow.h"

#include "app/Document.h"
#include "app/Session.h"
#include "core/AssetPaths.h"
#include "ui/ContentPanel.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/QuizPanel.h"
#include "ui/LessonPanel.h"
#include "app/Quiz.h"
#include "core/JsonFile.h"
#include "core/AtomicFile.h"
#include "ui/TeachingTools.h"
#include "ui/ExploreTools.h"
#include "ui/FileDialogs.h"
#include "ui/ShortcutPriority.h"
#include "content/ContentStore.h"
#include "content/UserNotes.h"
#include "scene/ViewPreset.h"
#include "ui/Viewport.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QDir>
#include <QStandardPaths>
#include <QStatusBar>

#include <algorithm>

namespace psoas::ui {
namespace {
// Where the licence texts and the asset attribution are: the installed doc folder, else the
// source tree's files (a program run from its build folder).
QString docFolder()
{
    const QDir installed(QCoreApplication::applicationDirPath() + "/../share/doc/psoas-atlas");
    if (installed.exists()) return QDir::cleanPath(installed.absolutePath());
    return QObject::tr("LICENSE and assets/ATTRIBUTION.md of the source tree");
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName("MainWindow");
    m_viewport = new Viewport(this);
    m_viewport->setObjectName("Viewport");
    setCentralWidget(m_viewport);
    m_session = std::make_unique<app::Session>();
    buildContentPanel();
    m_teaching = new TeachingTools(*m_session, this, m_viewport, m_contentPanel);
    m_explore = new ExploreTools(*m_session, this, m_viewport, m_contentPanel);
    m_explore->setTeachingTools(m_teaching);
    m_quiz = new QuizPanel(*m_session, m_viewport, this);
    addDockWidget(Qt::RightDockWidgetArea, m_quiz);
    m_quiz->hide();
    // In presentation mode the quiz stays beside the lesson, as the class variant.
    m_teaching->presentation()->keepDock(m_quiz);
    connect(m_teaching->lessonPanel(), &LessonPanel::quizRequested, this, [this](const QString& path) {
        QString error;
        if (!openQuiz(path, &error)) QMessageBox::warning(this, tr("Cannot open the quiz"), error);
    });
    connect(m_teaching->presentation(), &PresentationMode::activeChanged, this, [this](bool on) {
        if (!on || m_quiz->isVisible()) m_quiz->setClassMode(on);
    });
    buildMenus();
    giveWindowShortcutsPriority(this);
    statusBar()->showMessage(tr("Left-drag to rotate, right-drag to pan, wheel to zoom, F to frame, 1–7 for views."));
    connect(m_viewport, &Viewport::glFailed, this, [this](const QString& message) {
        QMessageBox::critical(this, tr("OpenGL 3.3 is not available"), message);
        QApplication::exit(3);
    });
    resize(1280, 800);
    m_explore->restoreWindowSettings();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The tools observe the session: they leave before it does (children go after members).
    delete m_quiz; // its quiz observes the session too
    m_quiz = nullptr;
    delete m_explore;
    m_explore = nullptr;
    delete m_teaching;
    m_teaching = nullptr;
    // The panel saves a pending note on destruction: it must go before the notes store.
    delete m_contentPanel;
    m_contentPanel = nullptr;
}

void MainWindow::buildContentPanel()
{
    QString loadError;
    QString dbPath = QString::fromStdString(core::contentDatabasePath());
    auto store = content::ContentStore::open(QFileInfo(dbPath).absoluteFilePath().toStdString());
    if (store) m_contentStore = std::move(store).value();
    else loadError = QString::fromStdString(store.message());
    QString notesDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QString notesError;
    if (!notesDir.isEmpty()) {
        auto notes = content::UserNotes::open((notesDir + "/notes.db").toStdString());
        if (notes) m_userNotes = std::move(notes).value();
        else notesError = QString::fromStdString(notes.message());
    }
    m_contentPanel = new ContentPanel(m_contentStore.get(), loadError, m_userNotes.get(),
                                      [this](const QString& id) {
                                          if (!m_doc) return id;
                                          int n = m_doc->scene().find(id.toStdString());
                                          return n >= 0 ? QString::fromStdString(m_doc->displayName(n)) : id;
                                      },
                                      this);
    m_contentPanel->setObjectName("ContentPanel");
    if (!notesError.isEmpty()) m_contentPanel->setNotesError(notesError);
    addDockWidget(Qt::RightDockWidgetArea, m_contentPanel);
    connect(m_contentPanel, &ContentPanel::poseRequested, this, [this](const QString& name) {
        QString error;
        if (!applyPosePreset(name, &error)) statusBar()->showMessage(error);
    });
    connect(m_contentPanel, &ContentPanel::quizRequested, this, [this](const QString& id) {
        static const QRegularExpression plainId(QStringLiteral("^[a-z0-9_]+$"));
        if (!plainId.match(id).hasMatch()) return; // a quiz of assets/quizzes/ only
        QString error;
        if (!openQuiz(QString::fromStdString(core::assetsDir() + "/quizzes/") + id + ".json", &error))
            QMessageBox::warning(this, tr("Cannot open the quiz"), error);
    });
    connect(m_contentPanel, &ContentPanel::structureChosen, this, [this](const QString& id) {
        if (m_doc) m_viewport->frameNode(m_doc->scene().find(id.toStdString()));
    });
}

bool MainWindow::applyPosePreset(const QString& name, QString* error)
{
    if (!m_doc) return false;
    // One command: solve, pose, one undo step; the docks, plot and content panel follow it.
    auto s = m_session->applyPreset(name.toStdString());
    if (!s) {
        if (error) *error = QString::fromStdString(s.message());
        return false;
    }
    statusBar()->showMessage(tr("Pose: %1").arg(name));
    return true;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Model…"), this, &MainWindow::chooseModel);
    open->setShortcut(QKeySequence::Open);
    QAction* builtIn = file->addAction(tr("Open &Built-in Model"), this, [this] {
        QString error;
        if (!openDefaultModel(&error)) QMessageBox::warning(this, tr("Cannot open the model"), error);
    });
    builtIn->setObjectName("actionOpenBuiltIn");
    QAction* shot = file->addAction(tr("Save &Screenshot…"), this, &MainWindow::saveScreenshot);
    shot->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    file->addSeparator();
    m_teaching->addFileActions(file);
    m_explore->addFileActions(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_explore->addEditMenu(menuBar());
    QMenu* view = menuBar()->addMenu(tr("&View"));
    int key = Qt::Key_1;
    for (const auto& preset : scene::viewPresets()) {
        QString name = QString::fromStdString(preset.name);
        QAction* a = view->addAction(QString::fromStdString(preset.title), this,
                                     [this, name] { m_viewport->showViewPreset(name); });
        a->setObjectName("actionView_" + name);
        a->setShortcut(QKeySequence(key++));
    }
    view->addSeparator();
    QAction* frame = view->addAction(tr("&Frame All"), this, [this] { m_viewport->frameAll(true); });
    frame->setObjectName("actionFrameAll");
    frame->setShortcut(QKeySequence(Qt::Key_F));

    view->addSeparator();
    QAction* notes = m_contentPanel->toggleViewAction();
    notes->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    view->addAction(notes);
    m_teaching->addViewActions(view);
    m_explore->addViewActions(view);
    m_explore->addLayersMenu(menuBar());
    buildQuizMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* controls = help->addAction(tr("&Mouse and Keyboard"), this, &MainWindow::showControls);
    controls->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Psoas Atlas"), this, &MainWindow::showAbout);
}

void MainWindow::buildQuizMenu()
{
    QMenu* quiz = menuBar()->addMenu(tr("&Quiz"));
    QAction* open = quiz->addAction(tr("&Open Quiz…"), this, [this] {
        // The last folder a quiz came from, else the shipped quizzes.
        const QString path = chooseOpenFile(this, "quiz", tr("Open Quiz"), tr("Quizzes (*.json);;All files (*)"),
                                            hasRememberedFolder("quiz")
                                                ? QString()
                                                : QString::fromStdString(core::assetsDir() + "/quizzes"));
        if (path.isEmpty()) return;
        QString error;
        if (!openQuiz(path, &error)) QMessageBox::warning(this, tr("Cannot open the quiz"), error);
    });
    open->setObjectName("actionOpenQuiz");
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    quiz->addSeparator();
    for (const auto& file : app::Quiz::shipped()) {
        QString title = QFileInfo(QString::fromStdString(file)).baseName();
        if (auto text = core::readFile(file, 1u << 20))
            if (auto j = core::parseJson(*text, file); j && j->is_object() && j->contains("title") && (*j)["title"].is_string())
                title = QString::fromStdString((*j)["title"].get<std::string>());
        const QString path = QString::fromStdString(file);
        QAction* a = quiz->addAction(title, this, [this, path] {
            QString error;
            if (!openQuiz(path, &error)) QMessageBox::warning(this, tr("Cannot open the quiz"), error);
        });
        a->setObjectName("actionQuiz_" + QFileInfo(path).baseName());
    }
    quiz->addSeparator();
    QAction* random = quiz->addAction(tr("&Random Quiz on the Shown Structures"), this, [this] {
        if (!m_quiz->startRandomQuiz())
            statusBar()->showMessage(tr("Show some structures first: a random quiz asks only about what is shown."));
    });
    random->setObjectName("actionRandomQuiz");
    random->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    QAction* classMode = quiz->addAction(tr("&Class Mode (Answers Revealed by the Instructor)"));
    classMode->setObjectName("actionQuizClassMode");
    classMode->setCheckable(true);
    connect(classMode, &QAction::toggled, m_quiz, &QuizPanel::setClassMode);
    quiz->addSeparator();
    QAction* dock = m_quiz->toggleViewAction();
    dock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    quiz->addAction(dock);
}

bool MainWindow::openQuiz(const QString& path, QString* error)
{
    QStringList warnings;
    if (!m_quiz->openQuiz(path, error, &warnings)) return false;
    // Room for the question: half the height of the right-hand docks.
    if (dockWidgetArea(m_quiz) != Qt::NoDockWidgetArea && !m_quiz->isFloating())
        resizeDocks({m_quiz}, {std::max(260, height() / 2)}, Qt::Vertical);
    statusBar()->showMessage(warnings.isEmpty() ? tr("Quiz: %1").arg(QFileInfo(path).fileName())
                                                : tr("Quiz opened with %1 problem(s); see the Quiz panel.").arg(warnings.size()));
    return true;
}

bool MainWindow::openModel(const QString& path, QString* error)
{
    auto doc = app::Document::open(path.toStdString(), app::Document::catalogFor(path.toStdString()));
    if (!doc) {
        if (error) *error = QString::fromStdString(doc.message());
        statusBar()->showMessage(QString::fromStdString(doc.message()));
        return false;
    }
    m_doc = std::move(doc).value();
    m_viewport->setDocument(m_doc.get());
    m_teaching->setDocument(m_doc.get());
    m_explore->setDocument(m_doc.get());
    updateTitle();
    statusBar()->showMessage(tr("Opened %1 (%2 triangles)")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(qulonglong(m_doc->model().triangleCount())));
    return true;
}

bool MainWindow::openDefaultModel(QString* error)
{
    return openModel(QString::fromStdString(app::Document::defaultModelPath()), error);
}

void MainWindow::chooseModel()
{
    const QString path = chooseOpenFile(this, "model", tr("Open Model"),
                                        tr("3D models (*.glb *.gltf *.obj *.fbx *.dae *.stl *.ply);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openModel(path, &error)) QMessageBox::warning(this, tr("Cannot open the model"), error);
}

void MainWindow::saveScreenshot()
{
    const QString path = chooseSaveFile(this, "image", tr("Save Screenshot"), "psoas-atlas.png", tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    // The window's view at full quality, with the labels and marks that are on screen.
    QString error;
    if (!m_explore->saveImage(path, QSize(), true, &error))
        QMessageBox::warning(this, tr("Cannot save the screenshot"), error);
    else statusBar()->showMessage(tr("Saved %1").arg(path));
}

void MainWindow::showControls()
{
    static const char* rows[][2] = {
        {"Left-drag", "turn the body about its vertical axis"},
        {"Shift + left-drag", "free rotation"},
        {"Right- or middle-drag", "pan"},
        {"Wheel", "zoom towards the cursor"},
        {"Double-click", "centre on the point under the cursor"},
        {"F", "frame everything"},
        {"1 … 7", "anterior, posterior, left, right, superior, inferior, oblique views"},
        {"Click / Esc", "select the structure under the cursor / clear the selection"},
        {"H, I, X", "hide, isolate, x-ray the selected structure"},
        {"Shift+H, Shift+R", "show all layers, reset layers"},
        {"L", "landmark labels on or off"},
        {"A", "frame the selected muscle's origins and insertions"},
        {"G", "ghost of the neutral pose"},
        {"Ctrl+Shift+L", "colour muscles by length"},
        {"Ctrl+Z, Ctrl+Shift+Z", "undo, redo"},
        {"Ctrl+1 … Ctrl+5", "show or hide the Layers, Pose, Length plot, Lesson and Anatomy notes panels"},
        {"F5", "presentation mode (Page Down / Space / → next, Page Up / ← back, Esc leaves)"},
        {"Ctrl+L", "open a lesson"},
        {"Ctrl+K, Ctrl+Shift+K, Ctrl+6", "open a quiz, a random quiz on the shown structures, the Quiz panel"},
        {"Enter, N or →, R", "in a quiz: check the answer, next question, reveal (class mode)"},
        {"Ctrl+E, Ctrl+Shift+C", "export an image at any size, copy the view"},
        {"Ctrl+P, Ctrl+O, Ctrl+Q", "save a screenshot, open a model, quit"},
    };
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    for (const auto& r : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(tr(r[0]), tr(r[1]));
    html += QStringLiteral("</table><p>%1</p>").arg(tr("Every action is also in the menus, with its shortcut."));
    QMessageBox::information(this, tr("Mouse and Keyboard"), html);
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About Psoas Atlas"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<b>Psoas Atlas %1</b><p>A 3D teaching viewer of the lumbopelvic region: the psoas, "
                   "iliacus and diaphragm on a posable spine, pelvis and hips.</p>"
                   "<p><b>Licences</b><br>Code: MIT licence.<br>Model, catalog, content, poses and lessons: "
                   "Creative Commons Attribution 4.0 (CC BY 4.0, creativecommons.org/licenses/by/4.0)."
                   "</p><p><b>Sources</b><br>The model is generated from the project's anatomy data sheet "
                   "(tools/modelbuilder); every article names its sources at its end. The licence texts "
                   "and the asset attribution are in %2.</p><p>For education only, not medical advice.</p>")
                    .arg(QStringLiteral(PSOAS_VERSION), docFolder().toHtmlEscaped()));
    box.exec();
}

void MainWindow::updateTitle()
{
    QString name = m_doc ? QFileInfo(QString::fromStdString(m_doc->model().sourcePath)).fileName() : tr("no model");
    setWindowTitle(tr("Psoas Atlas — %1").arg(name));
}

} // namespace psoas::ui
