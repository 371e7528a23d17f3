#pragma once
// The 3D view: a QOpenGLWidget that hands the document's draw list to the GL renderer and
// turns mouse and keys into camera moves. Controls: left-drag turntable (Shift: free
// rotation), right/middle-drag pan, wheel zoom towards the cursor, double-click centres on
// the point under the cursor, F frames everything, 1–7 view presets.
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/CameraAnimation.h"
#include "scene/OrbitCamera.h"

#include <QElapsedTimer>
#include <QOpenGLWidget>
#include <QPoint>
#include <QTimer>
#include <functional>

namespace psoas::app { class Document; }

namespace psoas::ui {

class Viewport : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit Viewport(QWidget* parent = nullptr);
    ~Viewport() override;

    void setDocument(app::Document* doc);
    app::Document* document() const { return m_doc; }
    scene::OrbitCamera& camera() { return m_camera; }
    const scene::OrbitCamera& camera() const { return m_camera; }
    bool animating() const { return m_animation.active(); }
    QString glError() const { return m_glError; }
    int glSamples() const { return m_samples; }

    // Node under a widget pixel (-1 for none). Renders a pick pass.
    int pickNode(const QPoint& pos);
    // Called on the draw list before each frame is drawn (e.g. to add the neutral-pose ghost).
    void setDrawListDecorator(std::function<void(scene::DrawList&)> decorate) { m_decorate = std::move(decorate); }

public slots:
    void showViewPreset(const QString& name, bool animate = true);
    void frameAll(bool animate = true);
    // Frames one structure (its visible meshes); does nothing for -1 or a hidden structure.
    void frameNode(int node, bool animate = true);
    void sceneChanged(); // the draw list changed (visibility, pose...)
    // Moves the camera to `state` (smoothly when `animate`), e.g. for lesson steps.
    void animateCameraTo(const psoas::scene::CameraState& state, bool animate = true);

signals:
    void glFailed(const QString& message);
    void cameraChanged();
    void hoveredNodeChanged(int node);

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void animateTo(const scene::CameraState& target);
    void tickAnimation();
    void releaseGl();
    render::RenderParams params(unsigned fbo, int w, int h) const;

    app::Document* m_doc = nullptr;
    std::function<void(scene::DrawList&)> m_decorate;
    render::Renderer m_renderer;
    render::RenderTarget m_pickTarget;
    scene::OrbitCamera m_camera;
    scene::CameraAnimation m_animation;
    QElapsedTimer m_animationClock;
    QTimer m_animationTimer;
    QPoint m_lastPos;
    Qt::MouseButton m_dragButton = Qt::NoButton;
    QString m_glError;
    QMetaObject::Connection m_contextConnection;
    int m_samples = 0;
    bool m_framedOnce = false;
};

} // namespace psoas::ui
