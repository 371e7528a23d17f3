#pragma once
// The Layers dock: the catalog's layer groups and their structures as a tree, each with a
// visibility checkbox and an opacity slider, plus Isolate, X-ray, Show all and Reset buttons.
// It shows a LayerState and reports what the user asked for; the owner (ExploreTools) changes
// the state, records undo steps and calls refresh().
#include "app/LayerState.h"

#include <QDockWidget>
#include <QHash>
#include <functional>

class QTreeWidget;
class QTreeWidgetItem;
class QSlider;

namespace psoas::ui {

class LayersPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit LayersPanel(QWidget* parent = nullptr);

    // Rebuilds the tree. `displayName` turns an id into the catalog name.
    void setLayers(const app::LayerState& layers, const std::function<QString(const QString&)>& displayName);
    // Updates checkboxes and sliders to `layers` without emitting anything.
    void refresh(const app::LayerState& layers);
    // The structure or group id of the current tree row (empty when none).
    QString currentId() const;
    void setCurrentId(const QString& id);
    QTreeWidget* tree() const { return m_tree; }

signals:
    void visibilityRequested(const QString& id, bool visible);
    // final = false while the slider is being dragged.
    void opacityRequested(const QString& id, float opacity, bool final);
    void isolateRequested(const QString& id);
    void xrayRequested(const QString& id);
    void showAllRequested();
    void resetRequested();
    void structureClicked(const QString& id);

private:
    void onItemChanged(QTreeWidgetItem* item, int column);

    QTreeWidget* m_tree = nullptr;
    QHash<QString, QTreeWidgetItem*> m_items;
    QHash<QString, QSlider*> m_sliders;
    bool m_updating = false;
};

} // namespace psoas::ui
