// ExploreTools, part two: image export, clipboard, and the session saved in QSettings.
#include "ui/ExploreTools.h"
#include "ui/FileDialogs.h"
#include "ui/SettingsStore.h"

#include "app/Document.h"
#include "ui/LabelOverlay.h"
#include "ui/LayersPanel.h"
#include "ui/PosePanel.h"
#include "ui/TeachingTools.h"
#include "ui/Viewport.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QImage>
#include <QMainWindow>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>

#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>

namespace psoas::ui {

void ExploreTools::setSettingsFile(const QString& path) { ui::setSettingsFile(path); }

QImage ExploreTools::viewImage(const QSize& size, bool withLabels, QString* error, bool allLabels) const
{
    // Rendered afresh at the requested size with full quality (MSAA), not scaled from the
    // window: edges stay sharp at any size. Labels are drawn at that size too (type, pens and
    // leaders grow with the image).
    const QSize target = size.isValid() && !size.isEmpty() ? size : m_viewport->size() * m_viewport->devicePixelRatioF();
    QImage image = m_viewport->renderImage(target, 4, error);
    if (image.isNull() || !withLabels) return image;
    QPainter p(&image);
    m_overlay->paintOn(p, image.size(), m_viewport->cameraFor(image.size()), allLabels);
    return image;
}

bool ExploreTools::saveImage(const QString& path, const QSize& size, bool withLabels, QString* error,
                             bool allLabels) const
{
    QString renderError;
    QImage image = viewImage(size, withLabels, &renderError, allLabels);
    if (image.isNull()) {
        if (error)
            *error = tr("Could not render %1 at %2 × %3: %4 Choose a smaller size.")
                         .arg(path)
                         .arg(size.width())
                         .arg(size.height())
                         .arg(renderError);
        return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit()) {
        if (error) *error = tr("Could not write %1: %2. Choose a folder you can write to.").arg(path, out.errorString());
        return false;
    }
    return true;
}

void ExploreTools::copyToClipboard() const
{
    const QImage image = viewImage({}, true);
    if (image.isNull()) {
        m_window->statusBar()->showMessage(tr("The view could not be copied (no OpenGL image)."));
        return;
    }
    QApplication::clipboard()->setImage(image);
    m_window->statusBar()->showMessage(tr("View copied to the clipboard."));
}

void ExploreTools::exportImage()
{
    // The dialog comes back as it was left: size choice, custom size and labels are kept in
    // the settings ([export]), so a class's handout images come out the same size each time.
    auto store = settingsStore();
    QDialog dialog(m_window);
    dialog.setWindowTitle(tr("Export Image"));
    auto* form = new QFormLayout(&dialog);
    auto* preset = new QComboBox(&dialog);
    const QSize win = m_viewport->size() * m_viewport->devicePixelRatioF();
    preset->addItem(tr("Window size (%1 × %2)").arg(win.width()).arg(win.height()), win);
    preset->addItem(tr("HD 1280 × 720"), QSize(1280, 720));
    preset->addItem(tr("Full HD 1920 × 1080"), QSize(1920, 1080));
    preset->addItem(tr("4K 3840 × 2160"), QSize(3840, 2160));
    preset->addItem(tr("Custom"), QSize());
    preset->setObjectName("exportSizePreset");
    auto* w = new QSpinBox(&dialog);
    auto* h = new QSpinBox(&dialog);
    w->setObjectName("exportWidth");
    h->setObjectName("exportHeight");
    w->setRange(16, 8192);
    h->setRange(16, 8192);
    auto* labels = new QCheckBox(tr("Include labels and attachment marks"), &dialog);
    labels->setObjectName("exportLabels");
    labels->setChecked(store->value("export/labels", m_overlay->labelsVisible()).toBool());
    form->addRow(tr("Size:"), preset);
    form->addRow(tr("Width:"), w);
    form->addRow(tr("Height:"), h);
    form->addRow(labels);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(preset, &QComboBox::currentIndexChanged, &dialog, [=](int i) {
        const QSize s = preset->itemData(i).toSize();
        w->setEnabled(!s.isValid());
        h->setEnabled(!s.isValid());
        if (s.isValid()) {
            w->setValue(s.width());
            h->setValue(s.height());
        }
    });
    const int last = std::clamp(store->value("export/preset", 0).toInt(), 0, preset->count() - 1);
    const QSize custom = store->value("export/customSize", win).toSize();
    w->setValue(custom.isValid() ? custom.width() : win.width());
    h->setValue(custom.isValid() ? custom.height() : win.height());
    preset->setCurrentIndex(last);
    const bool isCustom = !preset->itemData(last).toSize().isValid();
    w->setEnabled(isCustom);
    h->setEnabled(isCustom);
    if (!isCustom) {
        w->setValue(preset->itemData(last).toSize().width());
        h->setValue(preset->itemData(last).toSize().height());
    }
    if (m_exportDialogHook) m_exportDialogHook(dialog);
    if (dialog.exec() != QDialog::Accepted) return;
    store->setValue("export/preset", preset->currentIndex());
    if (isCustom || !preset->currentData().toSize().isValid()) store->setValue("export/customSize", QSize(w->value(), h->value()));
    store->setValue("export/labels", labels->isChecked());
    store.reset();
    const QString path = m_exportPathHook ? m_exportPathHook()
                                          : chooseSaveFile(m_window, "image", tr("Export Image"), "psoas-atlas.png",
                                                           tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveImage(path, QSize(w->value(), h->value()), labels->isChecked(), &error, labels->isChecked()))
        QMessageBox::warning(m_window, tr("Cannot export the image"), error);
    else m_window->statusBar()->showMessage(tr("Saved %1").arg(path));
}

// ---- settings ----

void ExploreTools::saveSettings() const
{
    // A pose still animating is saved as it will end, in its mode.
    m_session.finishPose();
    auto s = settingsStore();
    s->setValue("window/geometry", m_window->saveGeometry());
    s->setValue("window/state", m_window->saveState());
    s->setValue("view/labels", m_overlay->labelsVisible());
    if (!m_doc) return;
    const auto& cam = m_viewport->camera().state();
    s->setValue("view/camera", QList<QVariant>{cam.target.x, cam.target.y, cam.target.z, cam.distance,
                                               cam.orientation.w, cam.orientation.x, cam.orientation.y,
                                               cam.orientation.z});
    const auto snap = m_session.snapshot();
    nlohmann::json pose = {{"mode", snap.mode}, {"body", snap.body}, {"coordinates", snap.coordinates}};
    s->setValue("state/model", QString::fromStdString(m_doc->model().sourcePath));
    s->setValue("state/layers", QString::fromStdString(snap.layers.toJson().dump()));
    s->setValue("state/pose", QString::fromStdString(pose.dump()));
    s->setValue("state/selection", QString::fromStdString(snap.selected));
    s->sync();
}

void ExploreTools::restoreWindowSettings()
{
    auto s = settingsStore();
    if (s->contains("window/geometry")) {
        m_window->restoreGeometry(s->value("window/geometry").toByteArray());
    } else if (const QScreen* screen = m_window->screen()) {
        // First start: most of the screen, so that the 3D view is not squeezed between the docks.
        const QRect avail = screen->availableGeometry();
        const QSize size(std::max(m_window->width(), avail.width() * 9 / 10),
                         std::max(m_window->height(), avail.height() * 9 / 10));
        m_window->resize(size.boundedTo(avail.size()));
        m_window->move(avail.center() - QPoint(m_window->width() / 2, m_window->height() / 2));
    }
    if (s->contains("window/state")) m_window->restoreState(s->value("window/state").toByteArray());
    setLabelsVisible(s->value("view/labels", true).toBool());
}

void ExploreTools::restoreDocumentSettings()
{
    auto s = settingsStore();
    // Only the same model's state makes sense (ids and poses belong to it).
    if (!m_doc || s->value("state/model").toString() != QString::fromStdString(m_doc->model().sourcePath)) return;
    app::Snapshot snap;
    snap.layers = m_session.layers();
    const auto layersJson = nlohmann::json::parse(s->value("state/layers").toString().toStdString(), nullptr, false);
    if (!layersJson.is_discarded()) snap.layers.fromJson(layersJson, "settings"); // unknown ids are dropped
    const auto pose = nlohmann::json::parse(s->value("state/pose").toString().toStdString(), nullptr, false);
    if (pose.is_object()) {
        if (auto m = pose.find("mode"); m != pose.end() && m->is_string()) snap.mode = m->get<std::string>();
        if (auto b = pose.find("body"); b != pose.end() && b->is_string()) snap.body = b->get<std::string>();
        if (auto c = pose.find("coordinates"); c != pose.end() && c->is_object())
            for (auto it = c->begin(); it != c->end(); ++it)
                if (it.value().is_number()) snap.coordinates[it.key()] = it.value().get<double>();
    }
    snap.selected = s->value("state/selection").toString().toStdString();
    m_session.restore(snap, "Open"); // the panels follow through the session's change
    const auto cam = s->value("view/camera").toList();
    if (cam.size() == 8) {
        scene::CameraState st;
        st.target = Vec3(cam[0].toFloat(), cam[1].toFloat(), cam[2].toFloat());
        st.distance = cam[3].toFloat();
        st.orientation = glm::normalize(Quat(cam[4].toFloat(), cam[5].toFloat(), cam[6].toFloat(), cam[7].toFloat()));
        if (std::isfinite(st.distance) && st.distance > 0.0f && std::isfinite(st.target.x))
            m_viewport->animateCameraTo(st, false);
    }
}

} // namespace psoas::ui
