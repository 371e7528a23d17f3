#include "ui/LabelPainter.h"

#include "app/BoneOcclusion.h"
#include "app/Document.h"
#include "app/LabelAnchors.h"
#include "app/SpineLabels.h"
#include "app/TwinLabels.h"
#include "ui/LabelColumns.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <cmath>

namespace psoas::ui {

const QColor LabelPainter::kOriginColor(232, 96, 44);     // warm orange-red
const QColor LabelPainter::kInsertionColor(44, 142, 232); // clear blue

QHash<QString, bool> LabelPainter::occlusion(const app::Document& doc, const Vec3& eye,
                                             const std::vector<app::AttachmentArea>& areas)
{
    QHash<QString, bool> out;
    const auto anchors = app::LabelAnchors::compute(doc);
    std::vector<app::OcclusionQuery> queries;
    std::vector<QString> ids;
    for (const auto& a : anchors) {
        queries.push_back({a.world, a.body, a.ownTolerance});
        ids.push_back(QString::fromStdString(a.landmark));
    }
    for (const auto& a : areas) {
        // Areas lie on their bone's surface: only the bone right under the mark does not count.
        queries.push_back({a.world, a.body, kAreaOwnBoneTolerance});
        ids.push_back(QString::fromStdString(a.id));
    }
    const auto hidden = app::BoneOcclusion::occluded(doc, eye, queries);
    for (std::size_t i = 0; i < ids.size() && i < hidden.size(); ++i) out.insert(ids[i], hidden[i]);
    return out;
}

std::vector<LabelPainter::DrawnLabel> LabelPainter::paint(QPainter& p, const QSize& size,
                                                          const scene::OrbitCamera& camera, const app::Document& doc,
                                                          const std::vector<app::AttachmentArea>& areas,
                                                          const QHash<QString, bool>& occluded, const Options& options)
{
    std::vector<DrawnLabel> drawn;
    if (size.isEmpty()) return drawn;
    scene::OrbitCamera cam = camera;
    cam.setViewport(size.width(), size.height());
    // Pens and dots grow with the image relative to the window (exports, projectors).
    const float scale =
        options.referenceHeight > 0 ? std::max(1.0f, float(size.height()) / float(options.referenceHeight)) : 1.0f;
    const double fontScale = std::isfinite(options.fontScale) ? std::clamp(options.fontScale, 0.5, 4.0) : 1.0;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    auto toScreen = [&](const Vec3& w, bool& ok) {
        Vec3 s = cam.project(w);
        ok = std::isfinite(s.x) && std::isfinite(s.y) && s.z > -1.0f && s.z < 1.0f;
        return QPointF(s.x, s.y);
    };
    const auto& scene = doc.scene();

    // Large, legible type: at least 15 px, growing with the image (exports) and in
    // presentation mode (projectors).
    QFont font = p.font();
    const int fontPixels = int(std::lround(std::max(15.0, double(size.height()) / 48.0) * fontScale));
    font.setPixelSize(fontPixels);
    font.setBold(true);
    p.setFont(font);
    QFontMetricsF fm(font);
    const float padX = 0.45f * float(fontPixels), padY = 0.2f * float(fontPixels);

    struct Pending {
        QString text;
        QPointF at;
        QColor color;
        double marker = 0.0;
        std::vector<QPointF> bracket; // merged vertebra labels: the levels, top to bottom
        int side = 0;                 // LabelRequest::side
    };
    std::vector<Pending> items;

    // Attachment areas of the selected muscle: filled discs (origin vs insertion colour). An
    // area behind bone is only a faint dashed ring, without a label.
    for (const auto& a : areas) {
        bool ok = false;
        QPointF c = toScreen(a.world, ok);
        if (!ok) continue;
        bool ok2 = false;
        QPointF edge = toScreen(a.world + cam.right() * a.radius, ok2);
        const double r = std::max(6.0 * scale, ok2 ? std::hypot(edge.x() - c.x(), edge.y() - c.y()) : 8.0 * scale);
        const QColor col = a.origin ? kOriginColor : kInsertionColor;
        if (occluded.value(QString::fromStdString(a.id), false)) {
            QColor faint = col;
            faint.setAlpha(110);
            p.setPen(QPen(faint, 1.5 * scale, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, r, r);
            continue;
        }
        QColor fill = col;
        fill.setAlpha(150);
        p.setPen(QPen(col.darker(140), 2.0 * scale));
        p.setBrush(fill);
        p.drawEllipse(c, r, r);
        if ((a.deep && !options.labelDeepAreas) || !options.labelAreas) continue;
        const QString text =
            (a.origin ? QCoreApplication::translate("LabelPainter", "Origin: %1")
                      : QCoreApplication::translate("LabelPainter", "Insertion: %1")).arg(QString::fromStdString(a.text));
        // The column on the screen side of the body's half the area lies in (the model's
        // midline is x = 0), so a muscle's labels stand beside it, not across the spine.
        bool okMid = false;
        const QPointF mid = toScreen(Vec3(0.0f, a.world.y, a.world.z), okMid);
        const double across = okMid ? c.x() - mid.x() : 0.0;
        const int side = std::abs(across) > 1.0 ? (across < 0.0 ? -1 : 1) : 0;
        items.push_back({text, c, col, r + 2.0 * scale, {}, side});
    }

    if (options.landmarks || !options.landmarkIds.empty()) {
        const QColor white(250, 250, 245);
        std::vector<app::ScreenLabel> shown;
        for (const auto& a : app::LabelAnchors::compute(doc)) {
            if (!options.landmarks &&
                std::find(options.landmarkIds.begin(), options.landmarkIds.end(), a.landmark) == options.landmarkIds.end())
                continue;
            if (occluded.value(QString::fromStdString(a.landmark), false)) continue;
            const int bodyNode = a.body.empty() ? -1 : scene.find(a.body);
            if (bodyNode >= 0 && !scene.effectivelyVisible(bodyNode)) continue; // its bone is hidden
            bool ok = false;
            QPointF at = toScreen(a.world, ok);
            if (!ok) continue;
            shown.push_back({a.landmark, a.text, float(at.x()), float(at.y()), glm::length(a.world - cam.position())});
        }
        const float boxHeight = float(fm.height() + 2.0 * padY);
        // Left and right twins seen edge-on: only the nearer keeps its label.
        app::TwinLabels::dropFarTwins(shown, 1.5f * boxHeight);
        // Vertebra anchors closer than a label is tall: one "T12–L5" label over a bracket.
        app::SpineRun run;
        const bool merged = app::SpineLabels::merge(shown, boxHeight, run);
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const auto& l = shown[i];
            if (merged && app::SpineLabels::isVertebra(l.landmark)) {
                if (int(i) != run.members.front()) continue;
                // The box stands beside the bracket: it keeps clear of the bracket's width.
                Pending spine{QString::fromStdString(run.text), QPointF(run.x, run.y), white, 5.0 * scale, {}};
                for (int m : run.members) {
                    const auto& q = shown[std::size_t(m)];
                    spine.bracket.emplace_back(q.x, q.y);
                    spine.marker = std::max(spine.marker, std::abs(double(q.x - run.x)) + 5.0 * scale);
                }
                items.push_back(spine);
                continue;
            }
            items.push_back({QString::fromStdString(l.text), QPointF(l.x, l.y), white, 5.0 * scale, {}});
        }
    }

    std::vector<app::LabelRequest> reqs;
    std::vector<float> radii;
    for (const auto& it : items) {
        const QRectF br = fm.boundingRect(it.text);
        reqs.push_back(
            {float(it.at.x()), float(it.at.y()), float(br.width() + 2 * padX), float(br.height() + 2 * padY), it.side});
        radii.push_back(float(it.marker));
    }
    const auto placed = LabelColumns::place(reqs, float(size.width()), float(size.height()), 0.3f * float(fontPixels),
                                            1.5f * float(fontPixels), radii);
    // Leaders first (dark halo, then colour), boxes on top.
    for (const auto& pl : placed) {
        const auto& it = items[std::size_t(pl.request)];
        const QPointF end(pl.leaderX, pl.leaderY);
        if (it.bracket.size() >= 2) {
            // The merged vertebra label's bracket: a line through the levels with a tick at each.
            const QPolygonF line(QVector<QPointF>(it.bracket.begin(), it.bracket.end()));
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(QColor(20, 20, 20, 200), 5.0 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPolyline(line);
            p.setPen(QPen(it.color, 2.5 * scale, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPolyline(line);
            p.setPen(QPen(QColor(20, 20, 20, 200), 1.0 * scale));
            p.setBrush(it.color);
            for (const auto& q : it.bracket) p.drawEllipse(q, 3.0 * scale, 3.0 * scale);
        }
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
        drawn.push_back({it.text, box, it.at, QPointF(pl.leaderX, pl.leaderY), fontPixels, it.marker});
    }
    p.restore();
    return drawn;
}

bool LabelPainter::paintOnPixels(std::vector<std::uint8_t>& rgba, int width, int height,
                                 const scene::OrbitCamera& camera, const app::Document& doc, const Options& options,
                                 const std::vector<app::AttachmentArea>& areas)
{
    if (width <= 0 || height <= 0 || rgba.size() != std::size_t(width) * std::size_t(height) * 4) return false;
    // Paints straight into the caller's buffer (RGBA8, top row first: QImage's own layout).
    QImage image(rgba.data(), width, height, width * 4, QImage::Format_RGBA8888);
    QPainter p(&image);
    paint(p, QSize(width, height), camera, doc, areas, occlusion(doc, camera.position(), areas), options);
    return true;
}

} // namespace psoas::ui
