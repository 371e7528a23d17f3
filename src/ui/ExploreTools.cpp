#include "ui/ExploreTools.h"

#include "anatomy/Catalog.h"
#include "app/Attachments.h"
#include "app/Document.h"
#include "ui/ContentPanel.h"
#include "ui/LabelOverlay.h"
#include "ui/LayersPanel.h"
#include "ui/LessonPanel.h"
#include "ui/PosePanel.h"
#include "ui/PresentationMode.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPainter>
#include <QSettings>
#include <QStatusBar>
#include <QToolTip>

#include <memory>

namespace psoas::ui {

ExploreTools::ExploreTools(app::Session& session, QMainWindow* window, Viewport* viewport, ContentPanel* contentPanel)
    : QObject(window), m_window(window), m_viewport(viewport), m_content(contentPanel), m_session(session)
{
    m_panel = new LayersPanel(window);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_panel);
    m_overlay = new LabelOverlay(viewport);
    m_overlay->show();

    connect(m_panel, &LayersPanel::visibilityRequested, this, &ExploreTools::setVisible);
    connect(m_panel, &LayersPanel::opacityRequested, this, &ExploreTools::setOpacity);
    connect(m_panel, &LayersPanel::isolateRequested, this, [this](const QString& id) { isolate(id); });
    connect(m_panel, &LayersPanel::xrayRequested, this, [this](const QString& id) { xray(id); });
    connect(m_panel, &LayersPanel::showAllRequested, this, &ExploreTools::showAll);
    connect(m_panel, &LayersPanel::resetRequested, this, &ExploreTools::resetLayers);
    connect(m_panel, &LayersPanel::structureClicked, this, &ExploreTools::select);
    if (m_content) connect(m_content, &ContentPanel::structureChosen, this, &ExploreTools::select);

    m_hoverTimer.setSingleShot(true);
    m_hoverTimer.setInterval(90); // pick passes are slow on software GL: at most ~11 per second
    connect(&m_hoverTimer, &QTimer::timeout, this, &ExploreTools::doHoverPick);
    // A view key, an animation or a lesson step moves the model under a still pointer: the
    // hover name would be stale, so it goes at once and is picked again once the camera rests.
    connect(viewport, &Viewport::cameraChanged, this, [this] {
        if (m_session.selection().hovered().empty() && !QToolTip::isVisible()) return;
        QToolTip::hideText();
        if (m_pointerInside) m_hoverTimer.start(); // picked again at the pointer's place
        else setHovered(QString());
    });
    m_poseSettle.setSingleShot(true);
    m_poseSettle.setInterval(800); // a drag ends when the pose has been still this long
    connect(&m_poseSettle, &QTimer::timeout, this, [this] { m_session.endCoalescing(); });
    m_subscription = m_session.subscribe([this](const app::Change& c) { sessionChanged(c); });

    viewport->installEventFilter(this);
    window->installEventFilter(this);
}

ExploreTools::~ExploreTools() { m_session.unsubscribe(m_subscription); }

void ExploreTools::setTeachingTools(TeachingTools* teaching)
{
    m_teaching = teaching;
    if (!teaching) return;
    if (auto* lesson = teaching->lessonPanel()) {
        // structure:<id> links in a step's text select that structure.
        connect(lesson, &LessonPanel::structureLinkActivated, this, &ExploreTools::select);
    }
    if (auto* presentation = teaching->presentation())
        connect(presentation, &PresentationMode::activeChanged, this, [this](bool on) {
            m_overlay->setFontScale(on ? 1.5 : 1.0); // labels that read from the back of a room
        });
}

void ExploreTools::setDocument(app::Document* doc)
{
    m_doc = doc;
    m_overlay->setDocument(doc);
    m_session.setDocument(doc); // the Layers dock is rebuilt from the session's change
    if (doc && !m_restoredOnce) {
        m_restoredOnce = true;
        restoreDocumentSettings();
    }
}

QString ExploreTools::nameOf(const QString& id) const
{
    return QString::fromStdString(m_session.nameOf(id.toStdString()));
}

// Everything the session changed, shown where it is seen; the one place that does so, so
// that Esc, a click, undo, a lesson step or the content panel all look the same.
void ExploreTools::sessionChanged(const app::Change& c)
{
    // A new document: the tree's rows, named from its catalog (the session knows it by now).
    if (c.document) m_panel->setLayers(m_session.layers(), [this](const QString& id) { return nameOf(id); });
    else if (c.layers) m_panel->refresh(m_session.layers());
    if (c.shown || c.document) m_overlay->setShown(m_session.shown());
    if (c.names || c.document) m_overlay->setNamesHidden(m_session.namesHidden());
    if (c.selection || c.shown || c.names) showSelection();
    if (c.pose || c.layers || c.selection) m_overlay->sceneChanged();
    if (c.history) updateUndoActions();
    if (c.coalescing) m_poseSettle.start(); // a slider drag ends when the pose has been still a while
    if (c.label.rfind("Undone: ", 0) == 0 || c.label.rfind("Redone: ", 0) == 0)
        m_window->statusBar()->showMessage(QString::fromStdString(c.label));
    if (c.any()) m_viewport->sceneChanged();
}

void ExploreTools::showSelection()
{
    const std::string sel = m_session.selection().selected();
    const QString id = QString::fromStdString(sel);
    m_overlay->setAttachmentMuscle(m_session.isMuscle(sel) ? id : QString());
    if (m_session.namesHidden()) {
        // A quiz question asks for the name: the panels do not give it away.
        m_panel->setCurrentId(QString());
        m_window->statusBar()->showMessage(tr("Quiz: names are hidden until you answer."));
        emit selectionChanged(id);
        return;
    }
    // A landmark or attachment chosen from search is shown on its bone or muscle: the panel
    // keeps the landmark's own text and the status bar names both.
    const QString shown = m_session.shown().size() == 1 ? QString::fromStdString(m_session.shown().front()) : QString();
    if (m_content) m_content->setSelectedStructure(shown.isEmpty() ? id : shown);
    m_panel->setCurrentId(id);
    if (!shown.isEmpty())
        m_window->statusBar()->showMessage(id.isEmpty() ? tr("Shown: %1").arg(nameOf(shown))
                                                        : tr("Shown: %1, on %2").arg(nameOf(shown), nameOf(id)));
    else
        m_window->statusBar()->showMessage(id.isEmpty() ? tr("Selection cleared") : tr("Selected: %1").arg(nameOf(id)));
    emit selectionChanged(id);
}

void ExploreTools::setVisible(const QString& id, bool visible)
{
    if (!m_session.setVisible(id.toStdString(), visible)) m_panel->refresh(m_session.layers());
}

void ExploreTools::setOpacity(const QString& id, float opacity, bool final)
{
    m_session.setOpacity(id.toStdString(), opacity, final);
}

void ExploreTools::isolate(const QString& id) { m_session.isolate(id.toStdString()); }
void ExploreTools::xray(const QString& id) { m_session.xray(id.toStdString()); }
void ExploreTools::showAll() { m_session.showAll(); }
void ExploreTools::resetLayers() { m_session.resetLayers(); }
void ExploreTools::select(const QString& id) { m_session.focus(id.toStdString()); }
void ExploreTools::setHovered(const QString& id) { m_session.setHovered(id.toStdString()); }

void ExploreTools::poseChanged(const QString& label, bool coalesce, const QString& preset)
{
    m_session.poseChanged(label.isEmpty() ? tr("Change pose").toStdString() : label.toStdString(),
                          preset.toStdString(), coalesce);
}

bool ExploreTools::undo() { return m_session.undo(); } // a pose still moving goes back to where it started
bool ExploreTools::redo() { return m_session.redo(); }

void ExploreTools::updateUndoActions()
{
    const auto& h = m_session.history();
    if (m_undoAction) {
        m_undoAction->setEnabled(h.canUndo());
        m_undoAction->setText(h.canUndo() ? tr("&Undo %1").arg(QString::fromStdString(h.undoLabel())) : tr("&Undo"));
    }
    if (m_redoAction) {
        m_redoAction->setEnabled(h.canRedo());
        m_redoAction->setText(h.canRedo() ? tr("&Redo %1").arg(QString::fromStdString(h.redoLabel())) : tr("&Redo"));
    }
}

QString ExploreTools::targetId() const
{
    if (m_session.selection().hasSelection()) return QString::fromStdString(m_session.selection().selected());
    return m_panel->currentId();
}

bool ExploreTools::showAttachments()
{
    if (!m_doc) return false;
    Vec3 mn, mx;
    if (!app::showBounds(*m_doc, {}, {m_session.selection().selected()}, mn, mx)) {
        m_window->statusBar()->showMessage(tr("Select a muscle first (click it or pick it in the Layers panel)."));
        return false;
    }
    scene::OrbitCamera target = m_viewport->camera();
    target.frameBounds(mn, mx);
    m_viewport->animateCameraTo(target.state(), true);
    return true;
}

void ExploreTools::setLabelsVisible(bool on)
{
    m_overlay->setLabelsVisible(on);
    if (m_labelsAction && m_labelsAction->isChecked() != on) m_labelsAction->setChecked(on);
}

void ExploreTools::doHoverPick()
{
    if (!m_doc || !m_viewport->isVisible()) return;
    const int node = m_viewport->pickNode(m_hoverPos);
    const QString id = node >= 0 ? QString::fromStdString(m_doc->scene().node(node).name) : QString();
    setHovered(m_session.layers().contains(id.toStdString()) ? id : QString());
    if (!m_session.selection().hovered().empty() && !m_session.namesHidden()) {
        const QString name = nameOf(QString::fromStdString(m_session.selection().hovered()));
        QToolTip::showText(m_viewport->mapToGlobal(m_hoverPos + QPoint(16, 16)), name, m_viewport);
        m_window->statusBar()->showMessage(name);
    } else {
        QToolTip::hideText();
    }
}

bool ExploreTools::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Close) {
        saveSettings();
        return false;
    }
    if (watched != m_viewport) return false;
    switch (event->type()) {
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->buttons() == Qt::NoButton) {
            m_hoverPos = e->position().toPoint();
            m_pointerInside = true;
            if (!m_hoverTimer.isActive()) m_hoverTimer.start();
        }
        break;
    }
    case QEvent::KeyPress:
        // Esc clears the selection also when the window manager has not made the window active
        // (the Edit menu's shortcut needs an active window).
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape && m_session.selection().hasSelection()) {
            select({});
            return true;
        }
        break;
    case QEvent::Leave:
        m_pointerInside = false;
        m_hoverTimer.stop();
        setHovered({});
        break;
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        m_pressed = e->button() == Qt::LeftButton;
        m_pressPos = e->position().toPoint();
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        const QPoint pos = e->position().toPoint();
        if (m_pressed && e->button() == Qt::LeftButton && (pos - m_pressPos).manhattanLength() <= 4 && m_doc) {
            // A click, not a drag: select what is under the cursor, or clear on empty space.
            Vec3 point(0.0f);
            const int node = m_viewport->pickNode(pos, point);
            const std::string id = node >= 0 ? m_doc->scene().node(node).name : std::string();
            // The point goes with the click: a quiz asks for places (an attachment area) too.
            m_session.pick(m_session.layers().contains(id) ? id : std::string(), point);
        }
        m_pressed = false;
        break;
    }
    default:
        break;
    }
    return false;
}

void ExploreTools::addEditMenu(QMenuBar* bar)
{
    QMenu* edit = bar->addMenu(tr("&Edit"));
    m_undoAction = edit->addAction(tr("&Undo"), this, [this] { undo(); });
    m_undoAction->setObjectName("actionUndo");
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction = edit->addAction(tr("&Redo"), this, [this] { redo(); });
    m_redoAction->setObjectName("actionRedo");
    m_redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addSeparator();
    QAction* clear = edit->addAction(tr("&Clear Selection"), this, [this] { select({}); });
    clear->setObjectName("actionClearSelection");
    clear->setShortcut(QKeySequence(Qt::Key_Escape));
    clear->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_viewport->addAction(clear); // Esc in the 3D view; presentation mode keeps Esc elsewhere
    updateUndoActions();
}

void ExploreTools::addLayersMenu(QMenuBar* bar)
{
    QMenu* menu = bar->addMenu(tr("&Layers"));
    auto add = [&](const QString& text, const QKeySequence& key, const char* name, auto fn) {
        QAction* a = menu->addAction(text, this, fn);
        a->setShortcut(key);
        a->setObjectName(name);
        return a;
    };
    add(tr("&Hide Selected"), QKeySequence(Qt::Key_H), "actionHideSelected", [this] {
        const QString id = targetId();
        if (!id.isEmpty()) setVisible(id, false);
    });
    add(tr("&Isolate Selected"), QKeySequence(Qt::Key_I), "actionIsolate", [this] {
        const QString id = targetId();
        if (!id.isEmpty()) isolate(id);
    });
    add(tr("&X-ray Others"), QKeySequence(Qt::Key_X), "actionXray", [this] {
        const QString id = targetId();
        if (!id.isEmpty()) xray(id);
    });
    add(tr("&Show All"), QKeySequence(Qt::SHIFT | Qt::Key_H), "actionShowAll", [this] { showAll(); });
    add(tr("&Reset Layers"), QKeySequence(Qt::SHIFT | Qt::Key_R), "actionResetLayers", [this] { resetLayers(); });
    menu->addSeparator();
    add(tr("Show &Attachments of Selected Muscle"), QKeySequence(Qt::Key_A), "actionShowAttachments",
        [this] { showAttachments(); });
    menu->addSeparator();
    QAction* dock = m_panel->toggleViewAction();
    dock->setText(tr("Layers &Panel"));
    dock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    menu->addAction(dock);
}

void ExploreTools::addViewActions(QMenu* view)
{
    m_labelsAction = view->addAction(tr("Landmark &Labels"));
    m_labelsAction->setObjectName("actionLabels");
    m_labelsAction->setCheckable(true);
    m_labelsAction->setChecked(m_overlay->labelsVisible());
    m_labelsAction->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_labelsAction, &QAction::toggled, this, [this](bool on) { setLabelsVisible(on); });
}

void ExploreTools::addFileActions(QMenu* file)
{
    QAction* exp = file->addAction(tr("&Export Image…"), this, &ExploreTools::exportImage);
    exp->setObjectName("actionExportImage");
    exp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* copy = file->addAction(tr("&Copy View to Clipboard"), this, [this] { copyToClipboard(); });
    copy->setObjectName("actionCopyView");
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
}

} // namespace psoas::ui
