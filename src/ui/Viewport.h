#pragma once
// The 3D view: a QOpenGLWidget that hands the document's draw list to the GL renderer and
// turns mouse and keys into camera moves. Controls: left-drag turntable (Shift: free
// rotation), right/middle-drag pan, wheel zoom towards the cursor, double-click centres on
// the point under the cursor, F frames everything, 1–7 view presets.
//
// Frame quality: the widget's own framebuffer has no MSAA. Each frame is drawn off screen by a
// render::FramePresenter and copied in: full size with 4x MSAA when the view is still, a
// reduced size without MSAA while the camera is dragged or animated (software GL stays fluid),
// and full quality again shortly (150 ms) after the last movement. Screenshots and exports use
// renderImage(), which always renders at full quality at the requested size.
#include "render/FramePresenter.h"
#include "render/RenderTarget.h"
#include "render/Renderer.h"
#include "scene/CameraAnimation.h"
#include "scene/OrbitCamera.h"

#include <QElapsedTimer>
#include <QImage>
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

    // Node under a widget pixel (-1 for none). Renders a one-pixel pick pass.
    int pickNode(const QPoint& pos);
    // Same, and the surface point under the cursor (model frame) when a node was hit.
    int pickNode(const QPoint& pos, Vec3& point);

    // The current view rendered off screen at `size` device pixels (empty: the widget's size)
    // with `samples` MSAA. The vertical framing is kept; a narrower image moves the camera back
    // so that the sides stay in view. Null when GL is unavailable or the size is impossible
    // (then *error says why). cameraFor() is the camera used, for drawing labels at that size.
    QImage renderImage(const QSize& size = {}, int samples = 4, QString* error = nullptr);
    scene::OrbitCamera cameraFor(const QSize& size) const;

    // Marks the view as moving (drag, wheel, animation, pose animation): frames use the moving
    // quality until settleDelay() ms pass without another call.
    void beginInteraction();
    bool interacting() const { return m_interacting; }
    render::FrameQuality lastFrameQuality() const { return m_lastQuality; }
    double lastFrameMs() const { return m_lastFrameMs; }
    const render::FrameSettings& frameSettings() const { return m_presenter.settings(); }
    void setFrameSettings(const render::FrameSettings& settings);
    int settleDelay() const { return m_settleTimer.interval(); }
    void setSettleDelay(int ms) { m_settleTimer.setInterval(ms); }
    // True once the one-time costs of the first moving frame (reduced meshes, its off-screen
    // target, driver shader variants) have been paid ahead of the first drag: done at idle
    // right after the first (still) frame is shown, and again for a new model, in short slices
    // at idle moments (the slow part, reducing the meshes, runs on a worker thread, looked at
    // every kPrewarmPollMs), so that input is never held up long.
    static constexpr int kPrewarmPollMs = 20;
    bool prewarmed() const { return m_prewarmed; }
    double prewarmMs() const { return m_prewarmMs; }                   // all slices together
    double prewarmLongestStepMs() const { return m_prewarmLongestStepMs; } // the longest slice
    int prewarmSteps() const { return m_prewarmSteps; }
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
    void frameRendered(); // after each paintGL
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
    scene::DrawList currentDrawList() const;
    void ensurePickTarget();
    void prewarm();

    app::Document* m_doc = nullptr;
    std::function<void(scene::DrawList&)> m_decorate;
    render::Renderer m_renderer;
    render::RenderTarget m_pickTarget;
    render::FramePresenter m_presenter;
    QTimer m_settleTimer;
    bool m_interacting = false;
    render::FrameQuality m_lastQuality = render::FrameQuality::Still;
    double m_lastFrameMs = 0.0;
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
    bool m_prewarmed = false;
    bool m_prewarmQueued = false;
    bool m_trimWhenStill = false; // a resize or moving frames since the last still frame
    double m_prewarmMs = 0.0;
    double m_prewarmLongestStepMs = 0.0;
    int m_prewarmSteps = 0;
};

} // namespace psoas::ui
