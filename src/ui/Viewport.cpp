#include "ui/Viewport.h"

#include "app/Document.h"
#include "core/HugePages.h"
#include "scene/ViewPreset.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace psoas::ui {

Viewport::Viewport(QWidget* parent) : QOpenGLWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 240);
    // No MSAA in the widget's own framebuffer: frames are drawn off screen (with MSAA when
    // still) and copied in, see FramePresenter.
    QSurfaceFormat f = format();
    f.setSamples(0);
    f.setDepthBufferSize(24); // the widget's framebuffer: still frames without MSAA draw into it
    setFormat(f);
    render::FrameSettings frame;
    if (const char* env = std::getenv("PSOAS_DRAG_SCALE"); env && *env) {
        const float v = float(std::atof(env));
        if (std::isfinite(v) && v >= 0.1f && v <= 1.0f) frame.movingScale = v;
    }
    m_presenter.setSettings(frame);
    m_settleTimer.setSingleShot(true);
    m_settleTimer.setInterval(150);
    connect(&m_settleTimer, &QTimer::timeout, this, [this] {
        if (m_animation.active()) return; // the animation's last tick starts the timer again
        m_interacting = false;
        update(); // the full-quality frame
    });
    m_animationTimer.setInterval(16);
    connect(&m_animationTimer, &QTimer::timeout, this, &Viewport::tickAnimation);
    // Start looking at the front of the body.
    m_camera.lookAlong(Vec3(0, 0, -1), Vec3(0, 1, 0));
}

Viewport::~Viewport()
{
    // The base class destroys the context after our members are gone: drop the
    // aboutToBeDestroyed connection first so it cannot touch them.
    QObject::disconnect(m_contextConnection);
    if (context()) {
        makeCurrent();
        releaseGl();
        doneCurrent();
    }
}

void Viewport::releaseGl()
{
    m_pickTarget.release();
    m_presenter.release();
    m_renderer.release();
}

void Viewport::setDocument(app::Document* doc)
{
    m_doc = doc;
    m_framedOnce = false;
    m_prewarmed = false; // a new model: its reduced meshes are built at the next idle moment
    m_prewarmMs = m_prewarmLongestStepMs = 0.0;
    m_prewarmSteps = 0;
    if (m_doc && isValid()) {
        makeCurrent();
        m_renderer.setModel(&m_doc->model());
        doneCurrent();
    }
    frameAll(false);
    update();
}

void Viewport::initializeGL()
{
    QObject::disconnect(m_contextConnection);
    m_contextConnection = connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
        makeCurrent();
        releaseGl();
        doneCurrent();
    });
    auto status = m_renderer.initialize();
    if (!status) {
        m_glError = QString::fromStdString(status.message());
        emit glFailed(m_glError);
        return;
    }
    // MSAA of the still frames (the widget's own framebuffer has none).
    m_samples = std::min(m_presenter.settings().stillSamples, render::Renderer::glInfo().maxSamples);
    if (m_doc) m_renderer.setModel(&m_doc->model());
}

void Viewport::resizeGL(int w, int h)
{
    m_trimWhenStill = true;
    m_camera.setViewport(w, h);
    if (!m_framedOnce && m_doc) frameAll(false);
}

render::RenderParams Viewport::params(unsigned fbo, int w, int h) const
{
    render::RenderParams p;
    p.setCamera(m_camera);
    p.width = w;
    p.height = h;
    p.framebuffer = fbo;
    return p;
}

scene::DrawList Viewport::currentDrawList() const
{
    scene::DrawList list;
    if (m_doc) list = m_doc->drawList();
    if (m_decorate) m_decorate(list);
    return list;
}

void Viewport::paintGL()
{
    if (!m_renderer.initialized()) return;
    QElapsedTimer clock;
    clock.start();
    const qreal dpr = devicePixelRatioF();
    const int w = int(std::lround(width() * dpr)), h = int(std::lround(height() * dpr));
    m_camera.setViewport(width(), height()); // camera works in widget pixels
    const scene::DrawList list = currentDrawList();
    m_lastQuality = m_interacting || m_animation.active() ? render::FrameQuality::Moving : render::FrameQuality::Still;
    const unsigned fbo = defaultFramebufferObject();
    if (!m_presenter.present(m_renderer, list, params(fbo, w, h), fbo, m_lastQuality)) {
        // No off-screen buffer (out of memory?): draw straight into the widget instead.
        m_renderer.render(list, params(fbo, w, h));
    }
    m_lastFrameMs = double(clock.nsecsElapsed()) / 1e6;
    // A resize or a drag freed window-sized buffers: once the view is still again, hand the
    // heap's free pages back (they stay resident otherwise; see core::releaseFreeHeap).
    if (m_lastQuality == render::FrameQuality::Moving) m_trimWhenStill = true;
    else if (m_trimWhenStill) {
        m_trimWhenStill = false;
        QTimer::singleShot(0, this, [] { core::releaseFreeHeap(); });
    }
    if (!m_prewarmed && !m_prewarmQueued && m_doc && m_lastQuality == render::FrameQuality::Still) {
        // The first picture is on screen: pay the first drag's one-time costs now, while the
        // user looks at it, instead of as a stall when they start turning the model.
        m_prewarmQueued = true;
        QTimer::singleShot(0, this, &Viewport::prewarm);
    }
    emit frameRendered();
}

void Viewport::prewarm()
{
    m_prewarmQueued = false;
    if (m_prewarmed || !m_doc || !m_renderer.initialized() || !isValid()) return;
    if (m_interacting || m_animation.active()) {
        // Already moving: the frames pay as they go; try again once the view is still.
        m_prewarmQueued = true;
        QTimer::singleShot(m_settleTimer.interval() + 50, this, &Viewport::prewarm);
        return;
    }
    // Short slices at idle moments, so that input and paints get in between (the user's first
    // click or drag never waits for the pre-warm).
    QElapsedTimer clock;
    clock.start();
    makeCurrent();
    const qreal dpr = devicePixelRatioF();
    const int w = int(std::lround(width() * dpr)), h = int(std::lround(height() * dpr));
    m_camera.setViewport(width(), height());
    bool done = false;
    if (!m_presenter.prewarmStep(m_renderer, currentDrawList(), params(defaultFramebufferObject(), w, h), done))
        done = true; // no off-screen buffer: nothing to warm, the frames fall back as they can
    doneCurrent();
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    m_prewarmMs += ms;
    m_prewarmLongestStepMs = std::max(m_prewarmLongestStepMs, ms);
    ++m_prewarmSteps;
    if (done) {
        m_prewarmed = true;
        return;
    }
    m_prewarmQueued = true; // the reductions are still running on their thread: look again soon
    QTimer::singleShot(kPrewarmPollMs, this, &Viewport::prewarm);
}

void Viewport::beginInteraction()
{
    m_interacting = true;
    m_settleTimer.start();
}

void Viewport::setFrameSettings(const render::FrameSettings& settings)
{
    m_presenter.setSettings(settings);
    update();
}

void Viewport::ensurePickTarget()
{
    if (m_pickTarget.width() != 1) m_pickTarget.create(1, 1, 0); // Renderer::pick draws one pixel
}

int Viewport::pickNode(const QPoint& pos)
{
    Vec3 point;
    return pickNode(pos, point);
}

int Viewport::pickNode(const QPoint& pos, Vec3& point)
{
    if (!m_doc || !m_renderer.initialized() || width() <= 0 || height() <= 0) return -1;
    makeCurrent();
    ensurePickTarget();
    auto r = m_renderer.pick(m_doc->drawList(), params(m_pickTarget.resolveFramebuffer(), width(), height()), pos.x(),
                             pos.y());
    doneCurrent();
    if (r.id == 0) return -1;
    point = m_camera.unproject(float(pos.x()), float(pos.y()), r.ndcDepth);
    return int(r.id) - 1;
}

scene::OrbitCamera Viewport::cameraFor(const QSize& size) const
{
    scene::OrbitCamera cam = m_camera;
    if (size.isEmpty()) return cam;
    const float windowAspect = m_camera.aspect();
    cam.setViewport(size.width(), size.height());
    // Same vertical framing; a narrower image steps back so that the sides stay in view.
    if (cam.aspect() < windowAspect) {
        auto st = cam.state();
        st.distance *= windowAspect / cam.aspect();
        cam.setState(st);
    }
    return cam;
}

QImage Viewport::renderImage(const QSize& requested, int samples, QString* error)
{
    const QSize size = requested.isEmpty() ? this->size() * devicePixelRatioF() : requested;
    if (!m_renderer.initialized() || !context()) {
        if (error) *error = m_glError.isEmpty() ? tr("The 3D view is not ready (no OpenGL).") : m_glError;
        return {};
    }
    makeCurrent();
    render::RenderTarget target;
    auto status = target.create(size.width(), size.height(), samples);
    QImage image;
    if (status) {
        const scene::OrbitCamera cam = cameraFor(size);
        render::RenderParams p = params(target.drawFramebuffer(), size.width(), size.height());
        p.setCamera(cam);
        m_renderer.render(currentDrawList(), p);
        const auto pixels = target.readPixels();
        image = QImage(pixels.data(), size.width(), size.height(), size.width() * 4, QImage::Format_RGBA8888)
                    .convertToFormat(QImage::Format_ARGB32);
    } else if (error) {
        *error = QString::fromStdString(status.message());
    }
    target.release();
    doneCurrent();
    return image;
}

void Viewport::showViewPreset(const QString& name, bool animate)
{
    auto preset = scene::findViewPreset(name.toStdString());
    if (!preset) return;
    scene::OrbitCamera target = m_camera;
    const scene::ViewPreset onBody = m_doc ? m_doc->orientedView(*preset) : *preset;
    target.lookAlong(onBody.viewDir, onBody.up);
    if (m_doc) m_doc->frameAll(target);
    if (animate) animateTo(target.state());
    else {
        m_camera.setState(target.state());
        emit cameraChanged();
        update();
    }
}

void Viewport::frameAll(bool animate)
{
    if (!m_doc) return;
    scene::OrbitCamera target = m_camera;
    m_doc->frameAll(target);
    m_framedOnce = true;
    if (animate) animateTo(target.state());
    else {
        m_camera.setState(target.state());
        emit cameraChanged();
        update();
    }
}

void Viewport::frameNode(int node, bool animate)
{
    Vec3 mn, mx;
    if (!m_doc || node < 0 || !m_doc->visibleBounds({node}, mn, mx)) return;
    scene::OrbitCamera target = m_camera;
    target.frameBounds(mn, mx);
    if (animate) animateTo(target.state());
    else {
        m_camera.setState(target.state());
        emit cameraChanged();
        update();
    }
}

void Viewport::sceneChanged() { update(); }

void Viewport::animateCameraTo(const scene::CameraState& state, bool animate)
{
    if (animate) {
        animateTo(state);
        return;
    }
    m_animation = scene::CameraAnimation();
    m_animationTimer.stop();
    m_camera.setState(state);
    emit cameraChanged();
    update();
}

void Viewport::animateTo(const scene::CameraState& target)
{
    m_animation.start(m_camera.state(), target, 0.3);
    m_animationClock.restart();
    m_animationTimer.start();
}

void Viewport::tickAnimation()
{
    beginInteraction(); // moving quality until shortly after the last tick
    m_camera.setState(m_animation.at(m_animationClock.elapsed() / 1000.0));
    if (!m_animation.active()) m_animationTimer.stop();
    emit cameraChanged();
    update();
}

void Viewport::mousePressEvent(QMouseEvent* e)
{
    m_lastPos = e->position().toPoint();
    m_dragButton = e->button();
    if (m_animation.active()) {
        m_animation = scene::CameraAnimation();
        m_animationTimer.stop();
    }
}

void Viewport::mouseMoveEvent(QMouseEvent* e)
{
    const QPoint pos = e->position().toPoint();
    const QPoint d = pos - m_lastPos;
    m_lastPos = pos;
    if (e->buttons() & Qt::LeftButton) {
        const float k = 0.01f; // radians per pixel
        if (e->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) m_camera.rotateFree(d.x() * k, d.y() * k);
        else m_camera.rotateTurntable(d.x() * k, d.y() * k);
    } else if (e->buttons() & (Qt::RightButton | Qt::MiddleButton)) {
        m_camera.panPixels(float(d.x()), float(d.y()));
    } else {
        return;
    }
    beginInteraction();
    emit cameraChanged();
    update();
}

void Viewport::mouseReleaseEvent(QMouseEvent*) { m_dragButton = Qt::NoButton; }

void Viewport::mouseDoubleClickEvent(QMouseEvent* e)
{
    if (!m_doc || !m_renderer.initialized()) return;
    makeCurrent();
    ensurePickTarget();
    const QPoint pos = e->position().toPoint();
    auto r = m_renderer.pick(m_doc->drawList(), params(m_pickTarget.resolveFramebuffer(), width(), height()), pos.x(),
                             pos.y());
    doneCurrent();
    if (r.id == 0) return;
    scene::OrbitCamera target = m_camera;
    target.centreOn(m_camera.unproject(float(pos.x()), float(pos.y()), r.ndcDepth));
    animateTo(target.state());
}

void Viewport::wheelEvent(QWheelEvent* e)
{
    const float steps = float(e->angleDelta().y()) / 120.0f;
    if (steps == 0.0f) return;
    const float factor = std::pow(0.85f, steps);
    const QPointF p = e->position();
    // Zoom towards the surface under the cursor when there is one, else the target plane.
    Vec3 pivot = m_camera.target();
    if (m_doc && m_renderer.initialized()) {
        makeCurrent();
        ensurePickTarget();
        auto r = m_renderer.pick(m_doc->drawList(), params(m_pickTarget.resolveFramebuffer(), width(), height()),
                                 int(p.x()), int(p.y()));
        doneCurrent();
        if (r.id != 0) pivot = m_camera.unproject(float(p.x()), float(p.y()), r.ndcDepth);
    }
    m_camera.zoomTowards(float(p.x()), float(p.y()), factor, pivot);
    beginInteraction();
    emit cameraChanged();
    update();
}

void Viewport::keyPressEvent(QKeyEvent* e)
{
    static const char* names[] = {"anterior", "posterior", "left", "right", "superior", "inferior", "oblique"};
    if (e->key() >= Qt::Key_1 && e->key() <= Qt::Key_7) {
        showViewPreset(names[e->key() - Qt::Key_1]);
        return;
    }
    if (e->key() == Qt::Key_F) {
        frameAll(true);
        return;
    }
    QOpenGLWidget::keyPressEvent(e);
}

} // namespace psoas::ui
