#pragma once
// Draws the landmark labels (with leader lines) and a selected muscle's attachment marks into
// any QPainter: the viewport's overlay, exported images and `psoas-atlas --render --labels`
// all use this, so the same labels appear everywhere. Needs only Qt GUI (a QGuiApplication,
// which may run on the offscreen platform), no widget and no GL.
//
// Labels stand in two columns beside the anatomy (LabelColumns): no overlaps, leaders side by
// side, never over their own marker; hidden when the landmark is behind bone or its bone is
// hidden; large type (at least 15 px, growing with the image and with `fontScale`). When the
// vertebra anchors are closer on screen than a label is tall (zoomed out, small images, the
// larger type of presentation mode), T12–L5 become one label over a bracket along the spine
// (app::SpineLabels).
#include "app/Attachments.h"
#include "scene/OrbitCamera.h"

#include <QColor>
#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QPainter;

namespace psoas::app { class Document; }

namespace psoas::ui {

class LabelPainter {
public:
    static const QColor kOriginColor;
    static const QColor kInsertionColor;

    struct Options {
        bool landmarks = true;   // the landmark labels (attachments are drawn whenever given)
        // When `landmarks` is false: only these landmarks' labels (a lesson step's "show").
        std::vector<std::string> landmarkIds;
        // Labels for deep-layer attachment areas too (a lesson step that names them); otherwise
        // they are marked without a label, beside the labelled superficial areas of each level.
        bool labelDeepAreas = false;
        // False: attachment areas are marked without their labels (a quiz question asks for them).
        bool labelAreas = true;
        double fontScale = 1.0;  // presentation mode: larger type for projectors
        // Pens, dots and markers grow with the image height relative to this (the window's
        // height for exports); 0 or less: no growth.
        int referenceHeight = 0;
    };

    struct DrawnLabel {
        QString text;
        QRectF box;
        QPointF anchor;    // the landmark or attachment point
        QPointF leaderEnd; // where the leader meets the box
        int fontPixels = 0;
        double markerRadius = 0.0; // radius of the mark drawn at the anchor
    };

    // Landmark id -> hidden behind bone, for a camera at `eye` (CPU ray test), and the same
    // for each attachment area's id (areas lie on their bone's surface, so only the bone within
    // kAreaOwnBoneTolerance of the area does not hide it: seen from behind the spine, an area on the
    // front of a vertebral body is hidden by that vertebra's own arch). Occluded
    // attachment areas are drawn as a faint dashed ring without a label.
    static constexpr float kAreaOwnBoneTolerance = 0.006f;
    static QHash<QString, bool> occlusion(const app::Document& doc, const Vec3& eye,
                                          const std::vector<app::AttachmentArea>& areas = {});

    // Draws into `painter` for an image of `size` pixels seen by `camera` (its viewport is set
    // to `size` here). Returns the labels drawn, in priority order.
    static std::vector<DrawnLabel> paint(QPainter& painter, const QSize& size, const scene::OrbitCamera& camera,
                                         const app::Document& doc, const std::vector<app::AttachmentArea>& areas,
                                         const QHash<QString, bool>& occluded, const Options& options);

    // Draws the landmark labels onto RGBA8 pixels (top row first, width*height*4 bytes), as
    // `psoas-atlas --render` does (with the marks of `areas`): occlusion computed for `camera`.
    // False when the buffer does not match the size.
    static bool paintOnPixels(std::vector<std::uint8_t>& rgba, int width, int height,
                              const scene::OrbitCamera& camera, const app::Document& doc,
                              const Options& options, const std::vector<app::AttachmentArea>& areas = {});
};

} // namespace psoas::ui
