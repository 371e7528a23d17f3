#pragma once
// Exploring the model: the Layers dock and menu (hide, isolate, x-ray, show all, reset), hover
// and click picking, landmark labels and the selected muscle's attachments (LabelOverlay),
// the Edit menu's undo/redo, image export and clipboard copy, and the last state restored from
// QSettings. It keeps no state of its own: layers, selection, history and pose belong to the
// app::Session; this object turns mouse, keys and menus into session commands and shows the
// session's changes in the Layers dock, the overlay, the content panel and the status bar.
#include "app/Session.h"

#include <QObject>
#include <QPoint>
#include <QSize>
#include <QString>
#include <QTimer>

#include <functional>

class QAction;
class QDialog;
class QMainWindow;
class QMenu;
class QMenuBar;
class QImage;

namespace psoas::app { class Document; }

namespace psoas::ui {

class ContentPanel;
class LabelOverlay;
class LayersPanel;
class TeachingTools;
class Viewport;

class ExploreTools : public QObject {
    Q_OBJECT
public:
    ExploreTools(app::Session& session, QMainWindow* window, Viewport* viewport, ContentPanel* contentPanel);
    ~ExploreTools() override;

    // Call after the window's other docks exist (so that their layout can be restored).
    void setTeachingTools(TeachingTools* teaching);
    void setDocument(app::Document* doc);
    // Menus: Edit (undo/redo), Layers, View additions (labels, layers dock), File additions.
    void addEditMenu(QMenuBar* bar);
    void addLayersMenu(QMenuBar* bar);
    void addViewActions(QMenu* view);
    void addFileActions(QMenu* file);

    // ---- the session's state, and commands that forward to it (one undo step each) ----
    app::Session& session() const { return m_session; }
    const app::LayerState& layers() const { return m_session.layers(); }
    const app::Selection& selection() const { return m_session.selection(); }
    const app::History& history() const { return m_session.history(); }
    void setVisible(const QString& id, bool visible);
    void setOpacity(const QString& id, float opacity, bool final = true);
    void isolate(const QString& id);
    void xray(const QString& id);
    void showAll();
    void resetLayers();
    void select(const QString& id); // empty clears
    void setHovered(const QString& id);
    // Records the current pose as an undo step (pose panel changes call this). Slider drags
    // coalesce into one step; a preset (coalesce = false) is always a step of its own.
    void poseChanged(const QString& label = {}, bool coalesce = true, const QString& preset = {});
    bool undo();
    bool redo();
    // Frames the camera on the selected muscle's origins and insertions.
    bool showAttachments();
    void setLabelsVisible(bool on);

    // ---- export ----
    // The current view rendered at `size` (empty: the viewport's device pixels) with full
    // quality, with or without labels and attachment marks. Null on failure (*error says why).
    // allLabels: the landmark labels too, even when they are off in the view (Export Image with
    // "Include labels"); otherwise the labels are those on screen.
    QImage viewImage(const QSize& size = {}, bool withLabels = true, QString* error = nullptr, bool allLabels = false) const;
    bool saveImage(const QString& path, const QSize& size, bool withLabels, QString* error = nullptr,
                   bool allLabels = false) const;
    void copyToClipboard() const;

    // ---- settings (window layout, camera, layers, pose, selection) ----
    // Tests point this at a temporary file; empty = the user's settings.
    static void setSettingsFile(const QString& path);
    void saveSettings() const;
    // Restores the window layout; the model state is restored when a document is set.
    void restoreWindowSettings();

    LayersPanel* layersPanel() const { return m_panel; }
    LabelOverlay* overlay() const { return m_overlay; }
    QAction* labelsAction() const { return m_labelsAction; }
    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }

    // Tests: called with the export dialog before it runs (set its widgets, accept it), and
    // asked for the file name instead of the file dialog.
    void setExportHooks(std::function<void(QDialog&)> dialog, std::function<QString()> path)
    {
        m_exportDialogHook = std::move(dialog);
        m_exportPathHook = std::move(path);
    }

public slots:
    void exportImage(); // dialog: file, size, labels

signals:
    void selectionChanged(const QString& id);

private:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void sessionChanged(const app::Change& c);
    void showSelection();
    void updateUndoActions();
    QString targetId() const; // selection, else the layers panel's current row
    QString nameOf(const QString& id) const;
    void restoreDocumentSettings();
    void doHoverPick();

    QMainWindow* m_window;
    Viewport* m_viewport;
    ContentPanel* m_content;
    TeachingTools* m_teaching = nullptr;
    app::Document* m_doc = nullptr;
    app::Session& m_session;
    int m_subscription = 0;
    LayersPanel* m_panel = nullptr;
    LabelOverlay* m_overlay = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_labelsAction = nullptr;
    QTimer m_hoverTimer;
    QTimer m_poseSettle;
    QPoint m_hoverPos;
    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_pointerInside = false; // the pointer is over the viewport (hover picks follow it)
    bool m_restoredOnce = false;
    std::function<void(QDialog&)> m_exportDialogHook;
    std::function<QString()> m_exportPathHook;
};

} // namespace psoas::ui
