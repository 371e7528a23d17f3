#pragma once
// A transparent widget over the viewport that draws the landmark labels with leader lines
// and, for the selected muscle, its origin and insertion areas. Labels do not overlap
// (greedy layout), hide when their landmark is behind bone (CPU ray test, recomputed shortly
// after the camera or pose stops changing) or its bone is hidden, and use large type so that
// they read on a projector. paintOn() draws the same thing into an exported image.
#include "app/Attachments.h"
#include "app/LabelAnchors.h"

#include <QHash>
#include <QStringList>
#include <QTimer>
#include <QWidget>

namespace psoas::app { class Document; }

namespace psoas::ui {

class Viewport;

class LabelOverlay : public QWidget {
    Q_OBJECT
public:
    static const QColor kOriginColor;
    static const QColor kInsertionColor;

    explicit LabelOverlay(Viewport* viewport);

    void setDocument(app::Document* doc);
    void setLabelsVisible(bool on);
    bool labelsVisible() const { return m_labelsOn; }
    // Marks the attachment areas of this muscle (empty: none).
    void setAttachmentMuscle(const QString& muscle);
    const std::vector<app::AttachmentArea>& attachments() const { return m_areas; }

    // Recomputes which anchors are behind bone for the current camera and pose (normally
    // done by a timer after changes settle).
    void updateOcclusionNow();
    // Landmark ids whose anchor is currently hidden behind bone.
    QStringList occludedLandmarks() const;
    // Texts of the labels drawn in the last paint (for tests and lessons).
    QStringList drawnLabels() const { return m_drawn; }

    // Draws labels and attachment marks into `painter` for an image of `size` pixels that
    // shows the viewport's camera (scaled from the widget size).
    void paintOn(QPainter& painter, const QSize& size);

public slots:
    void sceneChanged(); // pose, visibility or camera changed

protected:
    void paintEvent(QPaintEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void scheduleOcclusion();

    Viewport* m_viewport;
    app::Document* m_doc = nullptr;
    bool m_labelsOn = true;
    QString m_muscle;
    std::vector<app::AttachmentArea> m_areas;
    QHash<QString, bool> m_occluded;
    QTimer m_occlusionTimer;
    QStringList m_drawn;
};

} // namespace psoas::ui
