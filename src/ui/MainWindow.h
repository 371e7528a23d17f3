#pragma once
// The main window: the 3D viewport in the centre, docks around it, every action in a menu
// with its shortcut shown.
#include <QMainWindow>
#include <memory>

namespace psoas::app { class Document; }

namespace psoas::ui {

class Viewport;

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

public slots:
    void saveScreenshot();
    void chooseModel();
    void showControls();
    void showAbout();

private:
    void buildMenus();
    void updateTitle();

    Viewport* m_viewport = nullptr;
    std::unique_ptr<app::Document> m_doc;
};

} // namespace psoas::ui
