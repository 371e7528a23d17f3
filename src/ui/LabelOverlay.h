#pragma once
// A transparent widget over the viewport that draws the landmark labels with leader lines
// and, for the selected muscle, its origin and insertion areas. Labels stand in two columns
// beside the anatomy (LabelColumns: no overlaps, leaders side by side), hide when their
// landmark is behind bone (CPU ray test, recomputed shortly after the camera or pose stops
// changing) or its bone is hidden, and use large type that grows with the image and again in
// presentation mode, so that they read on a projector. paintOn() draws the same thing into an
// exported image of any size.
#include "app/Attachments.h"
#include "scene/OrbitCamera.h"
#include "ui/LabelPainter.h"

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QStringList>
#include <QTimer>
#include <QWidget>

namespace psoas::app { class Document; }

namespace psoas::ui {

class Viewport;

class LabelOverlay : public QWidget {
    Q_OBJECT
public:
    explicit LabelOverlay(Viewport* viewport);

    void setDocument(app::Document* doc);
    void setLabelsVisible(bool on);
    bool labelsVisible() const { return m_labelsOn; }
    // Marks the attachment areas of this muscle (empty: none).
    void setAttachmentMuscle(const QString& muscle);
    // A lesson step's "show" list: its attachment areas are marked instead of the selected
    // muscle's, and its landmarks are labelled even when the labels are off. Empty: back to the
    // selected muscle's areas.
    void setShown(const std::vector<std::string>& ids);
    const std::vector<std::string>& shownLandmarks() const { return m_shownLandmarks; }
    // While a quiz asks to find or name something, no label gives the answer away: landmark
    // and attachment labels are left out (marks stay).
    void setNamesHidden(bool hidden);
    const std::vector<app::AttachmentArea>& attachments() const { return m_areas; }

    // Recomputes which anchors are behind bone for the current camera and pose (normally
    // done by a timer after changes settle).
    void updateOcclusionNow();
    // Landmark and attachment-area ids whose anchor is currently hidden behind bone.
    QStringList occludedLandmarks() const;
    // Texts of the labels drawn in the last paint (for tests and lessons).
    QStringList drawnLabels() const { return m_drawn; }
    using DrawnLabel = LabelPainter::DrawnLabel;
    // Geometry of the labels drawn in the last paint.
    const std::vector<DrawnLabel>& lastLayout() const { return m_layout; }

    // Larger type for projectors (presentation mode): 1 = normal.
    void setFontScale(double scale);
    double fontScale() const { return m_fontScale; }

    // Draws labels and attachment marks into `painter` for an image of `size` pixels seen by
    // `camera` (whose viewport is that size: Viewport::cameraFor). Without a camera: the
    // viewport's camera adapted to `size`.
    void paintOn(QPainter& painter, const QSize& size);
    // landmarks: draw the landmark labels even when they are off in the view (an export that
    // asks for labels); attachment marks and selection labels are drawn either way.
    void paintOn(QPainter& painter, const QSize& size, const scene::OrbitCamera& camera, bool landmarks = false);

public slots:
    void sceneChanged(); // pose, visibility or camera changed

protected:
    void paintEvent(QPaintEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scheduleOcclusion();
    void refreshAreas();

    Viewport* m_viewport;
    app::Document* m_doc = nullptr;
    bool m_labelsOn = true;
    QString m_muscle;
    std::vector<std::string> m_shown;
    std::vector<std::string> m_shownLandmarks;
    bool m_namesHidden = false;
    std::vector<app::AttachmentArea> m_areas;
    QHash<QString, bool> m_occluded;
    QTimer m_occlusionTimer;
    QStringList m_drawn;
    std::vector<DrawnLabel> m_layout;
    double m_fontScale = 1.0;
};

} // namespace psoas::ui
