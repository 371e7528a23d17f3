#include "ui/LabelOverlay.h"

#include "app/BoneOcclusion.h"
#include "app/Document.h"
#include "app/LabelLayout.h"
#include "ui/Viewport.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
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
    paintOn(p, size());
}

void LabelOverlay::paintOn(QPainter& p, const QSize& size)
{
    m_drawn.clear();
    if (!m_doc || size.isEmpty()) return;
    const auto& cam = m_viewport->camera();
    const float sx = float(size.width()) / float(std::max(1, cam.viewportWidth()));
    const float sy = float(size.height()) / float(std::max(1, cam.viewportHeight()));
    const float scale = std::min(sx, sy);
    p.setRenderHint(QPainter::Antialiasing);
    auto toScreen = [&](const Vec3& w, bool& ok) {
        Vec3 s = cam.project(w);
        ok = std::isfinite(s.x) && std::isfinite(s.y) && s.z > -1.0f && s.z < 1.0f;
        return QPointF(s.x * sx, s.y * sy);
    };
    const auto& scene = m_doc->scene();

    // Large, legible type: at least 15 px, growing with the image (projectors, exports).
    QFont font = p.font();
    font.setPixelSize(int(std::max(15.0f, float(size.height()) / 48.0f)));
    font.setBold(true);
    p.setFont(font);
    QFontMetricsF fm(font);
    const float padX = 7.0f * std::max(1.0f, scale), padY = 3.0f * std::max(1.0f, scale);

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
        const double r = std::max(6.0, ok2 ? std::hypot(edge.x() - c.x(), edge.y() - c.y()) : 8.0);
        const QColor col = a.origin ? kOriginColor : kInsertionColor;
        QColor fill = col;
        fill.setAlpha(150);
        p.setPen(QPen(col.darker(140), 2.0 * std::max(1.0f, scale)));
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
    auto placed = app::LabelLayout::place(reqs, float(size.width()), float(size.height()), 6.0f * scale);
    for (const auto& pl : placed) {
        const auto& it = items[std::size_t(pl.request)];
        const QRectF box(pl.box.x, pl.box.y, pl.box.w, pl.box.h);
        p.setPen(QPen(QColor(20, 20, 20, 200), 4.0 * std::max(1.0f, scale)));
        p.drawLine(it.at, QPointF(pl.leaderX, pl.leaderY));
        p.setPen(QPen(it.color, 1.8 * std::max(1.0f, scale)));
        p.drawLine(it.at, QPointF(pl.leaderX, pl.leaderY));
        p.setBrush(it.color);
        p.drawEllipse(it.at, 3.5 * std::max(1.0f, scale), 3.5 * std::max(1.0f, scale));
        p.setPen(QPen(it.color, 1.5));
        p.setBrush(QColor(16, 18, 24, 215));
        p.drawRoundedRect(box, 5, 5);
        p.setPen(QColor(250, 250, 245));
        p.drawText(box, Qt::AlignCenter, it.text);
        m_drawn << it.text;
    }
}

} // namespace psoas::ui
