#pragma once
// The pose dock: a slider and a number box for every solver coordinate (limits and units
// from assets/models/coordinates.json), the standing/free switch, the pose presets as
// buttons (animated over about a second), and live readouts (iliopsoas lengths, moment arm,
// lumbar lordosis, sacral slope, radiographic pelvic tilt, pelvic incidence).
//
// After every change it emits poseChanged(preset or ""); the main window repaints the
// viewport and tells the content panel.
#include "app/PoseAnimation.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QString>
#include <QTimer>

#include <map>
#include <string>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QRadioButton;
class QSlider;
class QVBoxLayout;
class QWidget;

namespace psoas::app { class Document; }

namespace psoas::ui {

class PosePanel : public QDockWidget {
    Q_OBJECT
public:
    explicit PosePanel(QWidget* parent = nullptr);

    // Rebuilds the rows for this document (null or no solver: a short explanation instead).
    void setDocument(app::Document* doc);
    app::Document* document() const { return m_doc; }

    // Sets a coordinate as if the user moved its slider: solve, pose, refresh, poseChanged("").
    bool setCoordinateValue(const QString& name, double value);
    // "standing" or "free".
    void setMode(const QString& mode);
    // Animates from the current pose to a preset over `durationMs`, then applies it exactly.
    bool animateToPreset(const QString& name, int durationMs = 1000);
    // Animates to an arbitrary pose (lesson steps): optional mode, preset, extra coordinates.
    bool animateToPose(const QString& mode, const QString& preset, const std::map<std::string, double>& coords,
                       int durationMs = 1000);
    bool animating() const { return m_animation.active(); }
    QString currentPreset() const { return m_currentPreset; }
    // The mode in force, "standing" or "free" (empty without a solver): while a preset
    // animates, the mode it ends in (the solver interpolates freely in between, but the
    // switch, the enabled rows, lessons and settings see the destination's mode).
    QString mode() const;
    // Stops a running animation where it is; the solver returns to the mode in force (undo,
    // a slider moved mid-animation, a pose applied from elsewhere).
    void cancelAnimation();
    // Ends a running animation at once on its destination (poseChanged as usual).
    void finishAnimation();

    // Reads the solver's values into the widgets and readouts (emits nothing).
    void refresh();

    // For tests and the main window.
    QSlider* slider(const QString& coordinate) const { return m_rows.value(coordinate).slider; }
    QDoubleSpinBox* spinBox(const QString& coordinate) const { return m_rows.value(coordinate).box; }
    QString readoutText() const;
    QString noteText() const;

signals:
    // A change is complete (slider, box, mode, or the end of an animation): one undo step.
    void poseChanged(const QString& presetOrEmpty);
    // An in-between frame of an animation (repaint only; poseChanged follows at the end).
    void poseFrame();

private:
    struct Row {
        QSlider* slider = nullptr;
        QDoubleSpinBox* box = nullptr;
        QLabel* label = nullptr;
        double scale = 10.0; // slider steps per unit
    };
    void buildRows();
    // Two columns of preset buttons when they fit beside each other, else one (a narrow dock
    // then never needs sideways scrolling, and no text is cut off).
    void layoutPresets();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void onSlider(const QString& name, int position);
    void onBox(const QString& name, double value);
    void applyCoordinate(const QString& name, double value);
    void tick();
    void completeAnimation();
    void finishChange(const QString& preset, const QString& note);
    void updateReadouts();
    void setNote(const QString& note);
    // Every coordinate's current (solved) value.
    std::map<std::string, double> currentValues() const;

    app::Document* m_doc = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_body = nullptr;
    QGridLayout* m_presetGrid = nullptr;
    QList<QPushButton*> m_presetButtons;
    int m_presetColumns = 0;
    QVBoxLayout* m_layout = nullptr;
    QRadioButton* m_standing = nullptr;
    QRadioButton* m_free = nullptr;
    QLabel* m_readouts = nullptr;
    QLabel* m_note = nullptr;
    QMap<QString, Row> m_rows;
    QString m_currentPreset;

    app::PoseAnimation m_animation;
    QString m_animationPreset; // applied exactly when the animation ends
    QString m_animationMode;
    QString m_animationTargetMode; // the mode in force while animating ("standing"/"free")
    std::map<std::string, double> m_animationExtra;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace psoas::ui
