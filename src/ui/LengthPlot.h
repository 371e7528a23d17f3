#pragma once
// A plot of the selected muscle's length (mm, and % of neutral on the right axis) against hip
// flexion from -20 to 120 degrees, with the current pose marked. Drawn with QPainter;
// exportable as CSV (the --kinematics columns) and PNG.
#include "app/LengthSweep.h"

#include <QString>
#include <QWidget>

namespace psoas::app { class Document; }

namespace psoas::ui {

class LengthPlot : public QWidget {
    Q_OBJECT
public:
    explicit LengthPlot(QWidget* parent = nullptr);

    void setDocument(app::Document* doc);
    // The muscle to plot ("psoas_major_r"); a non-muscle id keeps the current one.
    void setMuscle(const QString& id);
    QString muscle() const { return m_muscle; }
    // How the plot's title names the muscle (the catalog's name, e.g. "right psoas major").
    QString muscleName() const;
    // The pose changed: the sweep is computed again when next read or painted (a hidden plot
    // costs nothing while sliders move, and shows the pose of now when it is opened).
    void invalidate();
    // Recomputes the sweep at once.
    void recompute();
    const app::LengthSweep& sweep() const { return current().m_sweep; }
    // Current pose: value of the swept coordinate and the muscle's length now.
    double currentValue() const { return current().m_currentValue; }
    double currentLengthMm() const { return current().m_currentLength; }

    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportPng(const QString& path, QString* error = nullptr);
    QSize sizeHint() const override { return {360, 240}; }

protected:
    void paintEvent(QPaintEvent* e) override;

private:
    const LengthPlot& current() const; // recomputes first when invalidated

    app::Document* m_doc = nullptr;
    bool m_stale = true;
    QString m_muscle = "psoas_major_r";
    QString m_message;
    app::LengthSweep m_sweep;
    double m_currentValue = 0.0;
    double m_currentLength = 0.0;
};

} // namespace psoas::ui
