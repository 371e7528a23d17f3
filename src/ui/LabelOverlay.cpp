#include "ui/LabelOverlay.h"

#include "app/Document.h"
#include "ui/Viewport.h"

#include <QEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace psoas::ui {

LabelOverlay::LabelOverlay(Viewport* viewport) : QWidget(viewport), m_viewport(viewport)
{
    setObjectName("LabelOverlay");
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setAttribute(Qt::WA_TranslucentBackground);
    setGeometry(viewport->rect());
    viewport->installEventFilter(this);
    m_occlusionTimer.setSingleShot(true);
    m_occlusionTimer.setInterval(150);
    connect(&m_occlusionTimer, &QTimer::timeout, this, [this] {
        updateOcclusionNow();
        update();
    });
    connect(viewport, &Viewport::cameraChanged, this, &LabelOverlay::sceneChanged);
    connect(viewport, &QOpenGLWidget::frameSwapped, this, [this] { update(); });
}

void LabelOverlay::setDocument(app::Document* doc)
{
    m_doc = doc;
    m_occluded.clear();
    m_areas.clear();
    m_muscle.clear();
    m_shown.clear();
    m_shownLandmarks.clear();
    sceneChanged();
}

void LabelOverlay::setLabelsVisible(bool on)
{
    if (m_labelsOn == on) return;
    m_labelsOn = on;
    sceneChanged();
}

void LabelOverlay::refreshAreas()
{
    m_shownLandmarks.clear();
    if (!m_doc) {
        m_areas.clear();
        return;
    }
    app::ShownMarks marks = app::shownMarks(*m_doc, m_shown, m_muscle.toStdString());
    m_areas = std::move(marks.areas);
    m_shownLandmarks = std::move(marks.landmarks);
}

void LabelOverlay::setNamesHidden(bool hidden)
{
    if (m_namesHidden == hidden) return;
    m_namesHidden = hidden;
    update();
}

void LabelOverlay::setShown(const std::vector<std::string>& ids)
{
    m_shown = ids;
    refreshAreas();
    if (!m_areas.empty() || !m_shownLandmarks.empty()) updateOcclusionNow();
    update();
}

void LabelOverlay::setAttachmentMuscle(const QString& muscle)
{
    m_muscle = muscle;
    refreshAreas();
    // Right away: an area behind bone must not flash up as visible until the timer runs.
    if (!m_areas.empty()) updateOcclusionNow();
    update();
}

void LabelOverlay::sceneChanged()
{
    if (m_doc && (!m_muscle.isEmpty() || !m_shown.empty())) refreshAreas();
    scheduleOcclusion();
    update();
}

void LabelOverlay::scheduleOcclusion()
{
    if (m_labelsOn || !m_areas.empty() || !m_shownLandmarks.empty()) m_occlusionTimer.start();
}

bool LabelOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_viewport && event->type() == QEvent::Resize) {
        setGeometry(m_viewport->rect());
        scheduleOcclusion();
    }
    return QWidget::eventFilter(watched, event);
}

void LabelOverlay::updateOcclusionNow()
{
    m_occlusionTimer.stop();
    m_occluded.clear();
    if (!m_doc) return;
    m_occluded = LabelPainter::occlusion(*m_doc, m_viewport->camera().position(), m_areas);
}

QStringList LabelOverlay::occludedLandmarks() const
{
    QStringList out;
    for (auto it = m_occluded.begin(); it != m_occluded.end(); ++it)
        if (it.value()) out << it.key();
    out.sort();
    return out;
}

void LabelOverlay::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintOn(p, size(), m_viewport->camera());
}

void LabelOverlay::setFontScale(double scale)
{
    m_fontScale = std::isfinite(scale) ? std::clamp(scale, 0.5, 4.0) : 1.0;
    update();
}

void LabelOverlay::paintOn(QPainter& p, const QSize& size) { paintOn(p, size, m_viewport->cameraFor(size)); }

void LabelOverlay::paintOn(QPainter& p, const QSize& size, const scene::OrbitCamera& camera, bool landmarks)
{
    m_drawn.clear();
    m_layout.clear();
    if (!m_doc || size.isEmpty()) return;
    LabelPainter::Options options;
    options.landmarks = (m_labelsOn || landmarks) && !m_namesHidden;
    if (!m_namesHidden) options.landmarkIds = m_shownLandmarks;
    options.labelDeepAreas = !m_shown.empty();
    options.labelAreas = !m_namesHidden;
    options.fontScale = m_fontScale;
    options.referenceHeight = m_viewport->height();
    m_layout = LabelPainter::paint(p, size, camera, *m_doc, m_areas, m_occluded, options);
    for (const auto& l : m_layout) m_drawn << l.text;
}

} // namespace psoas::ui
