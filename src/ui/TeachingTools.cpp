#include "ui/TeachingTools.h"

#include "app/Document.h"
#include "core/AssetPaths.h"
#include "ui/ContentPanel.h"
#include "ui/DockBody.h"
#include "ui/FileDialogs.h"
#include "ui/LengthPlot.h"
#include "ui/HandoutDialog.h"
#include "ui/LessonPanel.h"
#include "ui/PoseClock.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/Viewport.h"

#include <QAction>
#include <algorithm>
#include <QDockWidget>
#include <QEvent>
#include <QFontMetrics>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLinearGradient>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QVBoxLayout>

namespace psoas::ui {

namespace {

QColor toQColor(const Vec3& c)
{
    return QColor::fromRgbF(std::clamp(c.r, 0.0f, 1.0f), std::clamp(c.g, 0.0f, 1.0f), std::clamp(c.b, 0.0f, 1.0f));
}

QPixmap legendPixmap(const QFont& font)
{
    const QFontMetrics fm(font);
    const int line = fm.height() + 2;
    const int w = std::max(300, fm.horizontalAdvance(QObject::tr("Muscle length, % of neutral")) + 24);
    const int h = 3 * line + 22;
    QPixmap pm(w, h);
    pm.fill(QColor(255, 255, 255, 225));
    QPainter p(&pm);
    p.setFont(font);
    QLinearGradient g(10, 0, w - 10, 0);
    const Vec3 grey(0.75f);
    g.setColorAt(0.0, toQColor(app::LengthColouring::tint(grey, 100.0 - app::LengthColouring::kFullScalePct)));
    g.setColorAt(0.5, toQColor(grey));
    g.setColorAt(1.0, toQColor(app::LengthColouring::tint(grey, 100.0 + app::LengthColouring::kFullScalePct)));
    p.fillRect(QRect(10, line + 4, w - 20, 14), g);
    p.setPen(Qt::black);
    p.drawText(QRect(0, 2, w, line), Qt::AlignCenter, QObject::tr("Muscle length, % of neutral"));
    const int pct = int(app::LengthColouring::kFullScalePct);
    // Two lines under the bar: the scale's values, then what they mean.
    const int y1 = line + 20, y2 = y1 + line;
    p.drawText(QRect(8, y1, w / 3, line), Qt::AlignLeft, QObject::tr("≤ %1 %").arg(100 - pct));
    p.drawText(QRect(w / 3, y1, w / 3, line), Qt::AlignCenter, QObject::tr("100 %"));
    p.drawText(QRect(w - 8 - w / 3, y1, w / 3, line), Qt::AlignRight, QObject::tr("≥ %1 %").arg(100 + pct));
    p.drawText(QRect(8, y2, w / 3, line), Qt::AlignLeft, QObject::tr("shorter"));
    p.drawText(QRect(w / 3, y2, w / 3, line), Qt::AlignCenter, QObject::tr("neutral"));
    p.drawText(QRect(w - 8 - w / 3, y2, w / 3, line), Qt::AlignRight, QObject::tr("longer"));
    return pm;
}

} // namespace

TeachingTools::TeachingTools(app::Session& session, QMainWindow* window, Viewport* viewport,
                             ContentPanel* contentPanel)
    : QObject(window), m_window(window), m_viewport(viewport), m_content(contentPanel), m_session(session)
{
    m_pose = new PosePanel(m_session, window);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_pose);
    m_poseClock = new PoseClock(m_session, this);
    m_subscription = m_session.subscribe([this](const app::Change& c) { sessionChanged(c); });

    m_plotDock = new QDockWidget(tr("Length plot"), window);
    m_plotDock->setObjectName("LengthPlotDock");
    auto* plotBody = new QWidget(m_plotDock);
    auto* pv = new QVBoxLayout(plotBody);
    m_plot = new LengthPlot(plotBody);
    pv->addWidget(m_plot, 1);
    auto* row = new QHBoxLayout;
    auto* csv = new QPushButton(tr("Export CSV…"), plotBody);
    csv->setObjectName("plotExportCsv");
    auto* png = new QPushButton(tr("Export PNG…"), plotBody);
    png->setObjectName("plotExportPng");
    connect(csv, &QPushButton::clicked, this, &TeachingTools::exportPlotCsv);
    connect(png, &QPushButton::clicked, this, &TeachingTools::exportPlotPng);
    row->addWidget(csv);
    row->addWidget(png);
    row->addStretch(1);
    pv->addLayout(row);
    setScrollableDockWidget(m_plotDock, plotBody);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_plotDock);
    m_plotDock->hide();

    m_lesson = new LessonPanel(m_session, viewport, window);
    window->addDockWidget(Qt::RightDockWidgetArea, m_lesson);
    m_lesson->hide();
    m_presentation = new PresentationMode(window, m_lesson, this);
    connect(m_lesson, &LessonPanel::handoutRequested, this, &TeachingTools::exportHandout);

    m_legend = new QLabel(viewport);
    m_legend->setObjectName("lengthLegend");
    m_legend->setPixmap(legendPixmap(m_legend->font()));
    m_legend->adjustSize();
    m_legend->hide();
    viewport->installEventFilter(this);
    viewport->setDrawListDecorator([this](scene::DrawList& list) {
        if (m_ghostOn && m_doc) m_ghost.appendTo(*m_doc, list);
    });

    if (m_content) {
        // content:<id> links in a step's text open the item in the side panel.
        connect(m_lesson, &LessonPanel::contentLinkActivated, this, [this](const QString& id) {
            m_content->show();
            m_content->raise();
            m_content->showItem(id);
        });
    }
}

void TeachingTools::exportHandout()
{
    if (m_lesson->stepCount() == 0) {
        QMessageBox::information(m_window, tr("Export Handout"),
                                 tr("The lesson has no steps yet. Open a lesson (Ctrl+L) or add steps in the Lesson "
                                    "panel, then export the handout."));
        return;
    }
    m_lesson->storeEdits();
    HandoutDialog dialog(m_lesson->lesson(), m_lesson->lessonPath(), m_window);
    if (dialog.exec() == QDialog::Accepted) m_window->statusBar()->showMessage(tr("Handout written."), 5000);
}

TeachingTools::~TeachingTools()
{
    m_session.unsubscribe(m_subscription);
    // The Pose dock is the window's child but observes the session, which goes before the
    // window's children do: it leaves with the tools.
    delete m_pose;
    m_pose = nullptr;
}

void TeachingTools::sessionChanged(const app::Change& c)
{
    if (c.selection) {
        const std::string id = m_session.selection().selected();
        if (m_session.isMuscle(id)) m_plot->setMuscle(QString::fromStdString(id));
    }
    if (c.poseFrame) {
        if (m_doc) m_colouring.update(*m_doc);
        m_viewport->beginInteraction(); // motion frames at the moving quality
        m_viewport->sceneChanged();
    } else if (c.pose && !c.document) {
        onPoseChanged(QString::fromStdString(c.preset));
    }
}

void TeachingTools::setDocument(app::Document* doc)
{
    m_colouring.reset();
    m_ghost.reset();
    m_doc = doc;
    if (m_ghostOn && (!doc || !m_ghost.prepare(*doc))) setGhost(false);
    m_plot->setDocument(doc);
    m_lesson->setDocument(doc);
    if (m_colourAction && m_colourAction->isChecked() && doc) m_colouring.setEnabled(*doc, true);
}

void TeachingTools::addFileActions(QMenu* file)
{
    QAction* open = file->addAction(tr("Open &Lesson…"), this, &TeachingTools::chooseLesson);
    open->setObjectName("actionOpenLesson");
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* fresh = file->addAction(tr("&New Lesson"), this, &TeachingTools::newLesson);
    fresh->setObjectName("actionNewLesson");
    QAction* save = file->addAction(tr("Save Lesson &As…"), this, &TeachingTools::saveLessonAs);
    save->setObjectName("actionSaveLesson");
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QAction* handout = file->addAction(tr("Export &Handout…"), this, &TeachingTools::exportHandout);
    handout->setObjectName("actionExportHandout");
    handout->setToolTip(tr("Write the lesson as a printable PDF for patients"));
    QAction* csv = file->addAction(tr("Export Length Plot as &CSV…"), this, &TeachingTools::exportPlotCsv);
    csv->setObjectName("actionExportPlotCsv");
    QAction* png = file->addAction(tr("Export Length Plot as P&NG…"), this, &TeachingTools::exportPlotPng);
    png->setObjectName("actionExportPlotPng");
}

void TeachingTools::addViewActions(QMenu* view)
{
    // The docks with shortcuts (Ctrl+1 is the Layers panel, Ctrl+5 the anatomy notes).
    QAction* pose = m_pose->toggleViewAction();
    pose->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addAction(pose);
    QAction* plot = m_plotDock->toggleViewAction();
    plot->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    view->addAction(plot);
    QAction* lesson = m_lesson->toggleViewAction();
    lesson->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    view->addAction(lesson);
    m_colourAction = view->addAction(tr("&Colour Muscles by Length"));
    m_colourAction->setObjectName("actionColourByLength");
    m_colourAction->setCheckable(true);
    m_colourAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_colourAction, &QAction::toggled, this, &TeachingTools::setColourByLength);
    m_ghostAction = view->addAction(tr("Compare with &Neutral (Ghost)"));
    m_ghostAction->setObjectName("actionGhost");
    m_ghostAction->setCheckable(true);
    m_ghostAction->setShortcut(QKeySequence(Qt::Key_G));
    m_ghostAction->setToolTip(tr("Draw the neutral standing pose as a translucent ghost over the current pose"));
    connect(m_ghostAction, &QAction::toggled, this, [this](bool on) { setGhost(on); });
    QAction* present = view->addAction(tr("&Presentation Mode"), m_presentation, &PresentationMode::toggle);
    present->setObjectName("actionPresentation");
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setCheckable(true);
    connect(m_presentation, &PresentationMode::activeChanged, present, &QAction::setChecked);
}

void TeachingTools::setColourByLength(bool on)
{
    if (m_colourAction && m_colourAction->isChecked() != on) {
        m_colourAction->setChecked(on); // comes back here through toggled()
        return;
    }
    if (m_doc) m_colouring.setEnabled(*m_doc, on);
    m_legend->setVisible(on);
    placeLegend();
    m_viewport->sceneChanged();
}

bool TeachingTools::setGhost(bool on)
{
    if (on && (!m_doc || !m_ghost.prepare(*m_doc))) {
        m_window->statusBar()->showMessage(
            tr("The neutral-pose ghost needs a posable model (the built-in model with its rig)."));
        on = false;
    }
    m_ghostOn = on;
    if (m_ghostAction && m_ghostAction->isChecked() != on) {
        QSignalBlocker block(m_ghostAction);
        m_ghostAction->setChecked(on);
    }
    m_viewport->sceneChanged();
    return on;
}

void TeachingTools::setPlotMuscle(const QString& id) { m_plot->setMuscle(id); }

void TeachingTools::onPoseChanged(const QString& preset)
{
    if (m_doc) m_colouring.update(*m_doc);
    m_viewport->beginInteraction(); // slider drags stay fluid; full quality once they stop
    m_viewport->sceneChanged();
    if (m_content) m_content->setCurrentPose(preset);
    if (!m_session.poseMoving()) m_plot->invalidate();
}

void TeachingTools::placeLegend()
{
    m_legend->move(12, m_viewport->height() - m_legend->height() - 12);
    m_legend->raise();
}

bool TeachingTools::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_viewport && event->type() == QEvent::Resize) placeLegend();
    return QObject::eventFilter(watched, event);
}

bool TeachingTools::openLesson(const QString& path, QString* error)
{
    QString err;
    QStringList warnings;
    if (!m_lesson->openLesson(path, &err, &warnings)) {
        if (error) *error = err;
        m_window->statusBar()->showMessage(err);
        return false;
    }
    m_lesson->show();
    m_lesson->raise();
    m_window->statusBar()->showMessage(
        warnings.isEmpty() ? tr("Lesson: %1").arg(QString::fromStdString(m_lesson->lesson().title))
                           : tr("Lesson opened; %1 problem(s) were skipped (see the lesson panel).").arg(warnings.size()));
    return true;
}

void TeachingTools::chooseLesson()
{
    // Starts in the folder of the last lesson opened or saved, else in the shipped lessons
    // (<prefix>/share/psoas-atlas/lessons once installed).
    const QString path =
        chooseOpenFile(m_window, "lesson", tr("Open Lesson"), tr("Lessons (*.json);;All files (*)"),
                       hasRememberedFolder("lesson") ? QString() : QString::fromStdString(core::assetPath("lessons")));
    if (path.isEmpty()) return;
    QString error;
    if (!openLesson(path, &error)) QMessageBox::warning(m_window, tr("Cannot open the lesson"), error);
}

void TeachingTools::newLesson()
{
    if (m_lesson->modified() && m_lesson->stepCount() > 0 &&
        QMessageBox::question(m_window, tr("New Lesson"),
                              tr("Discard the changes to \"%1\"?").arg(QString::fromStdString(m_lesson->lesson().title)),
                              QMessageBox::Discard | QMessageBox::Cancel) != QMessageBox::Discard)
        return;
    m_lesson->newLesson();
    m_lesson->show();
    m_lesson->raise();
    m_window->statusBar()->showMessage(tr("New lesson: set up the view and press Add Step for each step."));
}

QString TeachingTools::saveLessonProposal() const
{
    const QString current = m_lesson->lessonPath();
    if (!current.isEmpty() && !isShippedPath(current)) return current;
    QString name = QFileInfo(current).fileName();
    if (name.isEmpty()) {
        // From the title: "Hip flexors, part 2" -> hip_flexors_part_2.json
        QString slug;
        for (const QChar ch : QString::fromStdString(m_lesson->lesson().title).toLower()) {
            if (ch.isLetterOrNumber()) slug += ch;
            else if (!slug.isEmpty() && !slug.endsWith('_')) slug += '_';
        }
        while (slug.endsWith('_')) slug.chop(1);
        name = (slug.isEmpty() ? QString("lesson") : slug.left(60)) + ".json";
    }
    return proposedPath("lesson", name);
}

void TeachingTools::saveLessonAs()
{
    const QString path = m_saveLessonPathHook ? m_saveLessonPathHook(saveLessonProposal())
                                              : QFileDialog::getSaveFileName(m_window, tr("Save Lesson"),
                                                                             saveLessonProposal(), tr("Lessons (*.json)"));
    if (path.isEmpty()) return;
    if (isShippedPath(path)) {
        QMessageBox::warning(m_window, tr("Cannot save the lesson"),
                             tr("%1 is in the lessons that come with Psoas Atlas and would be replaced by the next "
                                "update. Save your lesson in a folder of your own, for example %2.")
                                 .arg(path, startFolder("lesson")));
        return;
    }
    rememberFolder("lesson", path);
    QString error;
    if (!m_lesson->saveLesson(path, &error)) QMessageBox::warning(m_window, tr("Cannot save the lesson"), error);
    else m_window->statusBar()->showMessage(tr("Lesson saved to %1").arg(path));
}

void TeachingTools::exportPlotCsv()
{
    const QString path = chooseSaveFile(m_window, "plot", tr("Export Length Plot"), m_plot->muscle() + "_length.csv",
                                        tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!m_plot->exportCsv(path, &error)) QMessageBox::warning(m_window, tr("Cannot export the plot"), error);
}

void TeachingTools::exportPlotPng()
{
    const QString path = chooseSaveFile(m_window, "plot", tr("Export Length Plot"), m_plot->muscle() + "_length.png",
                                        tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!m_plot->exportPng(path, &error)) QMessageBox::warning(m_window, tr("Cannot export the plot"), error);
}

} // namespace psoas::ui
