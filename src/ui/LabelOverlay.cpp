#include "ui/LabelOverlay.h"

#include "app/BoneOcclusion.h"
#include "app/Document.h"
#include "ui/LabelColumns.h"
#include "ui/Viewport.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace psoas::ui {

const QColor LabelOverlay::kOriginColor(232, 96, 44);     // warm orange-red
const QColor LabelOverlay::kInsertionColor(44, 142, 232); // clear blue

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
    sceneChanged();
}

void LabelOverlay::setLabelsVisible(bool on)
{
    if (m_labelsOn == on) return;
    m_labelsOn = on;
    sceneChanged();
}

void LabelOverlay::setAttachmentMuscle(const QString& muscle)
{
    m_muscle = muscle;
    m_areas = m_doc ? app::Attachments::of(*m_doc, muscle.toStdString()) : std::vector<app::AttachmentArea>{};
    update();
}

void LabelOverlay::sceneChanged()
{
    if (m_doc && !m_muscle.isEmpty()) m_areas = app::Attachments::of(*m_doc, m_muscle.toStdString());
    scheduleOcclusion();
    update();
}

void LabelOverlay::scheduleOcclusion()
{
    if (m_labelsOn) m_occlusionTimer.start();
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
    auto anchors = app::LabelAnchors::compute(*m_doc);
    std::vector<app::OcclusionQuery> queries;
    for (const auto& a : anchors) queries.push_back({a.world, a.body});
    auto hidden = app::BoneOcclusion::occluded(*m_doc, m_viewport->camera().position(), queries);
    for (std::size_t i = 0; i < anchors.size(); ++i)
        m_occluded.insert(QString::fromStdString(anchors[i].landmark), hidden[i]);
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

void LabelOverlay::paintOn(QPainter& p, const QSize& size, const scene::OrbitCamera& camera)
{
    m_drawn.clear();
    m_layout.clear();
    if (!m_doc || size.isEmpty()) return;
    scene::OrbitCamera cam = camera;
    cam.setViewport(size.width(), size.height());
    // Pens and dots grow with the image relative to the window (exports, projectors).
    const float scale = std::max(1.0f, float(size.height()) / float(std::max(1, m_viewport->height())));
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    auto toScreen = [&](const Vec3& w, bool& ok) {
        Vec3 s = cam.project(w);
        ok = std::isfinite(s.x) && std::isfinite(s.y) && s.z > -1.0f && s.z < 1.0f;
        return QPointF(s.x, s.y);
    };
    const auto& scene = m_doc->scene();

    // Large, legible type: at least 15 px, growing with the image (exports) and in
    // presentation mode (projectors).
    QFont font = p.font();
    const int fontPixels = int(std::lround(std::max(15.0, double(size.height()) / 48.0) * m_fontScale));
    font.setPixelSize(fontPixels);
    font.setBold(true);
    p.setFont(font);
    QFontMetricsF fm(font);
    const float padX = 0.45f * float(fontPixels), padY = 0.2f * float(fontPixels);

    struct Pending {
        QString text;
        QPointF at;
        QColor color;
    };
    std::vector<Pending> items;

    // Attachment areas of the selected muscle: filled discs (origin vs insertion colour).
    for (const auto& a : m_areas) {
        bool ok = false;
        QPointF c = toScreen(a.world, ok);
        if (!ok) continue;
        bool ok2 = false;
        QPointF edge = toScreen(a.world + cam.right() * a.radius, ok2);
        const double r = std::max(6.0 * scale, ok2 ? std::hypot(edge.x() - c.x(), edge.y() - c.y()) : 8.0 * scale);
        const QColor col = a.origin ? kOriginColor : kInsertionColor;
        QColor fill = col;
        fill.setAlpha(150);
        p.setPen(QPen(col.darker(140), 2.0 * scale));
        p.setBrush(fill);
        p.drawEllipse(c, r, r);
        const QString text = (a.origin ? tr("Origin: %1") : tr("Insertion: %1")).arg(QString::fromStdString(a.text));
        items.push_back({text, c, col});
    }

    if (m_labelsOn) {
        for (const auto& a : app::LabelAnchors::compute(*m_doc)) {
            if (m_occluded.value(QString::fromStdString(a.landmark), false)) continue;
            const int bodyNode = a.body.empty() ? -1 : scene.find(a.body);
            if (bodyNode >= 0 && !scene.effectivelyVisible(bodyNode)) continue; // its bone is hidden
            bool ok = false;
            QPointF at = toScreen(a.world, ok);
            if (!ok) continue;
            items.push_back({QString::fromStdString(a.text), at, QColor(250, 250, 245)});
        }
    }

    std::vector<app::LabelRequest> reqs;
    for (const auto& it : items) {
        const QRectF br = fm.boundingRect(it.text);
        reqs.push_back({float(it.at.x()), float(it.at.y()), float(br.width() + 2 * padX), float(br.height() + 2 * padY)});
    }
    const auto placed = LabelColumns::place(reqs, float(size.width()), float(size.height()), 0.3f * float(fontPixels),
                                            1.5f * float(fontPixels));
    // Leaders first (dark halo, then colour), boxes on top.
    for (const auto& pl : placed) {
        const auto& it = items[std::size_t(pl.request)];
        const QPointF end(pl.leaderX, pl.leaderY);
        p.setPen(QPen(QColor(20, 20, 20, 200), 4.0 * scale));
        p.drawLine(it.at, end);
        p.setPen(QPen(it.color, 1.8 * scale));
        p.drawLine(it.at, end);
        p.setBrush(it.color);
        p.drawEllipse(it.at, 3.5 * scale, 3.5 * scale);
    }
    for (const auto& pl : placed) {
        const auto& it = items[std::size_t(pl.request)];
        const QRectF box(pl.box.x, pl.box.y, pl.box.w, pl.box.h);
        p.setPen(QPen(it.color, 1.5 * scale));
        p.setBrush(QColor(16, 18, 24, 215));
        p.drawRoundedRect(box, 5 * scale, 5 * scale);
        p.setPen(QColor(250, 250, 245));
        p.drawText(box, Qt::AlignCenter, it.text);
        m_drawn << it.text;
        m_layout.push_back({it.text, box, it.at, QPointF(pl.leaderX, pl.leaderY), fontPixels});
    }
}

} // namespace psoas::ui
