#pragma once
// The teaching tools of the main window, kept together so that the window only creates this
// object and forwards the document: the pose dock, the muscle-length plot dock, the lesson
// dock, presentation mode, colouring muscles by length (with a legend on the viewport), and
// their menu actions (File: open/save lesson; View: pose, plot, lesson, colour by length,
// presentation F5).
#include "app/GhostPose.h"
#include "app/LengthColouring.h"

#include "app/Session.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;

namespace psoas::app { class Document; }

namespace psoas::ui {

class ContentPanel;
class LengthPlot;
class LessonPanel;
class PoseClock;
class PosePanel;
class PresentationMode;
class Viewport;

class TeachingTools : public QObject {
    Q_OBJECT
public:
    TeachingTools(app::Session& session, QMainWindow* window, Viewport* viewport, ContentPanel* contentPanel);
    ~TeachingTools() override;

    void setDocument(app::Document* doc);
    void addFileActions(QMenu* file);
    void addViewActions(QMenu* view);

    // Opens a lesson; problems in it are shown (status bar and a message) but the rest opens.
    bool openLesson(const QString& path, QString* error = nullptr);
    void setColourByLength(bool on);
    // Compare: the neutral pose as a translucent ghost over the current pose (View > G).
    bool setGhost(bool on);
    bool ghost() const { return m_ghostOn; }
    bool colourByLength() const { return m_colouring.enabled(); }
    // The muscle shown in the length plot (e.g. from the selection).
    void setPlotMuscle(const QString& id);

    // Where Save Lesson As proposes to write: the lesson's own file, unless it is one of the
    // shipped lessons (or new): then its file name in the last lesson folder or Documents.
    QString saveLessonProposal() const;
    // Tests: answers the save dialog (given the proposal) instead of the user.
    void setSaveLessonPathHook(std::function<QString(const QString&)> hook) { m_saveLessonPathHook = std::move(hook); }

    PosePanel* posePanel() const { return m_pose; }
    LessonPanel* lessonPanel() const { return m_lesson; }
    LengthPlot* lengthPlot() const { return m_plot; }
    PresentationMode* presentation() const { return m_presentation; }
    QAction* colourAction() const { return m_colourAction; }

public slots:
    void chooseLesson();
    void newLesson();
    void saveLessonAs();
    // File > Export Handout…: the current lesson as a PDF (HandoutDialog).
    void exportHandout();
    void exportPlotCsv();
    void exportPlotPng();

private:
    void onPoseChanged(const QString& preset);
    // The session's changes: the plot follows the selected muscle and every pose change
    // (undo, presets from the content panel, lesson steps), the pose rows show the pose.
    void sessionChanged(const app::Change& c);
    void placeLegend();
    bool eventFilter(QObject* watched, QEvent* event) override;

    QMainWindow* m_window;
    Viewport* m_viewport;
    ContentPanel* m_content;
    app::Document* m_doc = nullptr;
    app::Session& m_session;
    int m_subscription = 0;
    PosePanel* m_pose = nullptr;
    PoseClock* m_poseClock = nullptr;
    LessonPanel* m_lesson = nullptr;
    LengthPlot* m_plot = nullptr;
    QDockWidget* m_plotDock = nullptr;
    PresentationMode* m_presentation = nullptr;
    QLabel* m_legend = nullptr;
    QAction* m_colourAction = nullptr;
    QAction* m_ghostAction = nullptr;
    app::LengthColouring m_colouring;
    app::GhostPose m_ghost;
    bool m_ghostOn = false;
    std::function<QString(const QString&)> m_saveLessonPathHook;
};

} // namespace psoas::ui
