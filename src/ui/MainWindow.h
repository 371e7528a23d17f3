#pragma once
// The main window: the 3D viewport in the centre, docks around it, every action in a menu
// with its shortcut shown.
#include <QMainWindow>
#include <memory>

namespace psoas::app {
class Document;
class Session;
}
namespace psoas::content {
class ContentStore;
class UserNotes;
} // namespace psoas::content

namespace psoas::ui {

class Viewport;
class ContentPanel;
class TeachingTools;
class ExploreTools;
class QuizPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a model (and its catalog when it is the built-in one). On failure the message
    // names the file; the current model stays open.
    bool openModel(const QString& path, QString* error = nullptr);
    bool openDefaultModel(QString* error = nullptr);
    Viewport* viewport() const { return m_viewport; }
    app::Document* document() const { return m_doc.get(); }
    ContentPanel* contentPanel() const { return m_contentPanel; }
    // Pose and length-plot docks, lessons, presentation mode (TeachingTools.h).
    TeachingTools* teaching() const { return m_teaching; }
    // Layers, picking, labels, attachments, undo/redo, export, saved session (ExploreTools.h).
    ExploreTools* explore() const { return m_explore; }
    app::Session& session() const { return *m_session; }
    // The quiz dock (Quiz menu; class mode in presentation).
    QuizPanel* quizPanel() const { return m_quiz; }
    bool openQuiz(const QString& path, QString* error = nullptr);
    // Applies a pose preset to the model (from the content panel's "Show on model" and the
    // pose panel); the panel then lists what belongs to that pose.
    bool applyPosePreset(const QString& name, QString* error = nullptr);

public slots:
    void saveScreenshot();
    void chooseModel();
    void showControls();
    void showAbout();

private:
    void buildMenus();
    void buildContentPanel();
    void buildQuizMenu();
    void updateTitle();

    Viewport* m_viewport = nullptr;
    std::unique_ptr<app::Document> m_doc;
    // The application state (layers, selection, history, pose): the docks observe it.
    std::unique_ptr<app::Session> m_session;
    std::unique_ptr<content::ContentStore> m_contentStore;
    std::unique_ptr<content::UserNotes> m_userNotes;
    ContentPanel* m_contentPanel = nullptr;
    TeachingTools* m_teaching = nullptr;
    ExploreTools* m_explore = nullptr;
    QuizPanel* m_quiz = nullptr;
};

} // namespace psoas::ui
