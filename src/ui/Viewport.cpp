#include "ui/Viewport.h"

#include "app/Document.h"
#include "scene/ViewPreset.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QWheelEvent>
#include <cmath>
#include <limits>

namespace psoas::ui {

Viewport::Viewport(QWidget* parent) : QOpenGLWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 240);
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
    m_renderer.release();
}

void Viewport::setDocument(app::Document* doc)
{
    m_doc = doc;
    m_framedOnce = false;
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
    m_samples = render::Renderer::glInfo().samples;
    if (m_doc) m_renderer.setModel(&m_doc->model());
}

void Viewport::resizeGL(int w, int h)
{
    m_camera.setViewport(w, h);
    if (!m_framedOnce && m_doc) frameAll(false);
}

render::RenderParams Viewport::params(unsigned fbo, int w, int h) const
{
    render::RenderParams p;
    p.view = m_camera.view();
    p.projection = m_camera.projection();
    p.cameraPosition = m_camera.position();
    p.width = w;
    p.height = h;
    p.framebuffer = fbo;
    return p;
}

void Viewport::paintGL()
{
    if (!m_renderer.initialized()) return;
    const qreal dpr = devicePixelRatioF();
    const int w = int(std::lround(width() * dpr)), h = int(std::lround(height() * dpr));
    m_camera.setViewport(width(), height()); // camera works in widget pixels
    scene::DrawList list;
    if (m_doc) list = m_doc->drawList();
    if (m_decorate) m_decorate(list);
    m_renderer.render(list, params(defaultFramebufferObject(), w, h));
}

int Viewport::pickNode(const QPoint& pos)
{
    if (!m_doc || !m_renderer.initialized() || width() <= 0 || height() <= 0) return -1;
    makeCurrent();
    if (m_pickTarget.width() != width() || m_pickTarget.height() != height())
        m_pickTarget.create(width(), height(), 0);
    auto r = m_renderer.pick(m_doc->drawList(), params(m_pickTarget.resolveFramebuffer(), width(), height()), pos.x(),
                             pos.y());
    doneCurrent();
    return r.id == 0 ? -1 : int(r.id) - 1;
}

void Viewport::showViewPreset(const QString& name, bool animate)
{
    auto preset = scene::findViewPreset(name.toStdString());
    if (!preset) return;
    scene::OrbitCamera target = m_camera;
    target.lookAlong(preset->viewDir, preset->up);
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
    if (!m_doc || node < 0) return;
    const auto list = m_doc->drawList();
    Vec3 mn(std::numeric_limits<float>::max()), mx(std::numeric_limits<float>::lowest());
    bool any = false;
    for (const auto& item : list.items) {
        if (item.node != node) continue;
        m_doc->model().meshes[std::size_t(item.mesh)].expandWorldBounds(item.world, mn, mx);
        any = true;
    }
    if (!any) return;
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
    emit cameraChanged();
    update();
}

void Viewport::mouseReleaseEvent(QMouseEvent*) { m_dragButton = Qt::NoButton; }

void Viewport::mouseDoubleClickEvent(QMouseEvent* e)
{
    if (!m_doc || !m_renderer.initialized()) return;
    makeCurrent();
    if (m_pickTarget.width() != width() || m_pickTarget.height() != height())
        m_pickTarget.create(width(), height(), 0);
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
        if (m_pickTarget.width() != width() || m_pickTarget.height() != height())
            m_pickTarget.create(width(), height(), 0);
        auto r = m_renderer.pick(m_doc->drawList(), params(m_pickTarget.resolveFramebuffer(), width(), height()),
                                 int(p.x()), int(p.y()));
        doneCurrent();
        if (r.id != 0) pivot = m_camera.unproject(float(p.x()), float(p.y()), r.ndcDepth);
    }
    m_camera.zoomTowards(float(p.x()), float(p.y()), factor, pivot);
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
