#include "ui/LayersPanel.h"
#include "ui/DockBody.h"
#include "ui/WheelGuard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace psoas::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
// A group and a structure may share an id ("diaphragm"): groups get their own keys.
QString groupKey(const QString& id) { return "group:" + id; }
} // namespace

LayersPanel::LayersPanel(QWidget* parent) : QDockWidget(tr("Layers"), parent)
{
    setObjectName("LayersPanel");
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tree = new QTreeWidget(body);
    m_tree->setObjectName("LayersTree");
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Structure"), tr("Opacity")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Fixed);
    m_tree->header()->resizeSection(1, 90);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setToolTip(tr("Tick to show, untick to hide. Click a structure to select it."));
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemChanged, this, &LayersPanel::onItemChanged);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item, int) {
        if (item && item->parent()) emit structureClicked(item->data(0, kIdRole).toString());
    });

    auto* buttons = new QHBoxLayout();
    auto add = [&](const QString& text, const QString& tip, auto signal) {
        auto* b = new QPushButton(text, body);
        b->setToolTip(tip);
        buttons->addWidget(b);
        connect(b, &QPushButton::clicked, this, signal);
        return b;
    };
    add(tr("Isolate"), tr("Show only the structure or group of the current row (I)"),
        [this] { emit isolateRequested(currentId()); })->setObjectName("LayersIsolate");
    add(tr("X-ray"), tr("Make everything except the current row translucent (X)"),
        [this] { emit xrayRequested(currentId()); })->setObjectName("LayersXray");
    add(tr("Show all"), tr("Show every structure, fully opaque (Shift+H)"), [this] { emit showAllRequested(); })
        ->setObjectName("LayersShowAll");
    add(tr("Reset"), tr("Back to the default layers"), [this] { emit resetRequested(); })
        ->setObjectName("LayersReset");
    layout->addLayout(buttons);
    setScrollableDockWidget(this, body);
}

void LayersPanel::setLayers(const app::LayerState& layers, const std::function<QString(const QString&)>& displayName)
{
    m_updating = true;
    m_tree->clear();
    m_items.clear();
    m_sliders.clear();
    auto makeSlider = [this](const QString& id, const QString& key) {
        auto* s = new QSlider(Qt::Horizontal);
        s->setRange(5, 100);
        s->setToolTip(tr("Opacity"));
        s->setObjectName("opacity_" + id);
        guardWheel(s, m_tree);
        connect(s, &QSlider::valueChanged, this, [this, id](int v) {
            if (!m_updating) emit opacityRequested(id, float(v) / 100.0f, false);
        });
        connect(s, &QSlider::sliderReleased, this, [this, id, s] {
            emit opacityRequested(id, float(s->value()) / 100.0f, true);
        });
        m_sliders.insert(key, s);
        return s;
    };
    for (const auto& g : layers.groups()) {
        const QString gid = QString::fromStdString(g.id);
        auto* gi = new QTreeWidgetItem(m_tree, {QString::fromStdString(g.name)});
        gi->setData(0, kIdRole, gid);
        gi->setFlags(gi->flags() | Qt::ItemIsUserCheckable);
        m_items.insert(groupKey(gid), gi);
        for (const auto& e : layers.entries()) {
            if (e.group != g.id) continue;
            // Attachment areas are shown with their muscle, not as layers of their own.
            if (e.id.find('.') != std::string::npos) continue;
            const QString id = QString::fromStdString(e.id);
            auto* it = new QTreeWidgetItem(gi, {displayName(id)});
            it->setData(0, kIdRole, id);
            it->setToolTip(0, id);
            it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
            it->setCheckState(0, e.visible ? Qt::Checked : Qt::Unchecked);
            m_items.insert(id, it);
            m_tree->setItemWidget(it, 1, makeSlider(id, id));
        }
        m_tree->setItemWidget(gi, 1, makeSlider(gid, groupKey(gid)));
        gi->setExpanded(g.id == "deep_muscles" || g.id == "diaphragm");
    }
    m_updating = false;
    refresh(layers);
}

void LayersPanel::refresh(const app::LayerState& layers)
{
    m_updating = true;
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        const std::string id = it.value()->data(0, kIdRole).toString().toStdString();
        if (!it.value()->parent()) {
            static const Qt::CheckState states[] = {Qt::Unchecked, Qt::PartiallyChecked, Qt::Checked};
            it.value()->setCheckState(0, states[layers.groupVisibility(id)]);
            continue;
        }
        it.value()->setCheckState(0, layers.isVisible(id) ? Qt::Checked : Qt::Unchecked);
        if (auto* s = m_sliders.value(it.key())) {
            QSignalBlocker block(s);
            s->setValue(int(layers.opacity(id) * 100.0f + 0.5f));
        }
    }
    for (const auto& g : layers.groups()) {
        // A group slider shows the first structure's opacity.
        const QString gid = QString::fromStdString(g.id);
        auto ids = layers.structuresInGroup(g.id);
        if (auto* s = m_sliders.value(groupKey(gid)); s && !ids.empty()) {
            QSignalBlocker block(s);
            s->setValue(int(layers.opacity(ids.front()) * 100.0f + 0.5f));
        }
    }
    m_updating = false;
}

void LayersPanel::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_updating || column != 0 || !item) return;
    const QString id = item->data(0, kIdRole).toString();
    if (item->parent()) {
        emit visibilityRequested(id, item->checkState(0) == Qt::Checked);
    } else if (item->checkState(0) != Qt::PartiallyChecked) {
        emit visibilityRequested(id, item->checkState(0) == Qt::Checked);
    }
}

QString LayersPanel::currentId() const
{
    auto* item = m_tree->currentItem();
    return item ? item->data(0, kIdRole).toString() : QString();
}

void LayersPanel::setCurrentId(const QString& id)
{
    if (id.isEmpty()) { // nothing selected: no row stays marked as if it were
        m_updating = true;
        m_tree->setCurrentItem(nullptr);
        m_tree->clearSelection();
        m_updating = false;
        return;
    }
    if (auto* item = m_items.value(id, m_items.value(groupKey(id)))) {
        m_updating = true;
        m_tree->setCurrentItem(item);
        m_updating = false;
    }
}

} // namespace psoas::ui
