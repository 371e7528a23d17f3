#pragma once
// The pose dock: a slider and a number box for every solver coordinate (limits and units
// from assets/models/coordinates.json), the standing/free switch, the pose presets as
// buttons (the session moves the pose there over about a second), and live readouts
// (iliopsoas lengths, moment arm, lumbar lordosis, sacral slope, radiographic pelvic tilt,
// pelvic incidence). It keeps no pose of its own: it shows the session's and calls its commands.
#include <QDockWidget>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <map>
#include <string>
#include <vector>

class QDoubleSpinBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QRadioButton;
class QSlider;
class QVBoxLayout;
class QWidget;

namespace psoas::app { class Document; class Session; struct Change; }
namespace psoas::solver { class Kinematics; }

namespace psoas::ui {

class PosePanel : public QDockWidget {
    Q_OBJECT
public:
    explicit PosePanel(app::Session& session, QWidget* parent = nullptr);
    ~PosePanel() override;

    // As if the user moved the coordinate's slider (session.setCoordinate); false for a name
    // without a row.
    bool setCoordinateValue(const QString& name, double value);
    // As the preset's button does: the session moves the pose there over `durationMs`.
    bool animateToPreset(const QString& name, int durationMs = 1000);

    // For tests and the main window.
    QSlider* slider(const QString& coordinate) const { return m_rows.value(coordinate).slider; }
    QDoubleSpinBox* spinBox(const QString& coordinate) const { return m_rows.value(coordinate).box; }
    QString readoutText() const;
    QString noteText() const;

private:
    struct Row {
        QSlider* slider = nullptr;
        QDoubleSpinBox* box = nullptr;
        QLabel* label = nullptr;
        double scale = 10.0; // slider steps per unit
    };
    void sessionChanged(const app::Change& c);
    void buildRows();
    QGroupBox* buildModeBox();                                  // standing / free
    QGroupBox* buildPresetBox(const solver::Kinematics& k);     // a button per preset (laid out by layoutPresets)
    QGroupBox* buildCoordinateBox(const solver::Kinematics& k); // a slider and a box per coordinate
    // Two columns of preset buttons when they fit beside each other, else one (a narrow dock
    // then never needs sideways scrolling, and no text is cut off).
    void layoutPresets();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void onSlider(const QString& name, int position);
    void onBox(const QString& name, double value);
    // Reads the session's pose into the widgets and readouts (calls no command).
    void refresh();
    void updateReadouts();
    // The readout tables' HTML: muscle rows (length and moment-arm cells by structure id) and
    // the posture measures (lordosis, sacral slope, pelvic tilt, pelvic incidence, as text).
    QString readoutTables(const std::function<QString(const std::string&)>& length,
                          const std::function<QString(const std::string&)>& arm, const QStringList& measures) const;
    void setNote(const QString& note);

    app::Session& m_session;
    int m_subscription = 0;
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
    // The muscle rows of the readouts: the catalog's structures with a "readout" name, left and
    // right side by side, in catalog order (collected when the document changes).
    struct ReadoutRow {
        std::string label, left, right;
    };
    std::vector<ReadoutRow> m_readoutRows;
    QLabel* m_note = nullptr;
    QMap<QString, Row> m_rows;
};

} // namespace psoas::ui
