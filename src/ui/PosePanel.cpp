#include "ui/PosePanel.h"
#include "ui/WheelGuard.h"

#include "anatomy/Catalog.h"
#include "app/Document.h"
#include "app/Session.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSlider>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

namespace psoas::ui {

namespace {
// A word-wrapped rich-text label asks for the width of its tables, not QLabel's guess (which
// grows with the amount of text and made the dock wider and the view narrower than needed).
class ReadoutLabel : public QLabel {
public:
    using QLabel::QLabel;
    void setIdealWidth(int width)
    {
        if (width == m_ideal) return;
        m_ideal = width;
        updateGeometry();
    }
    QSize sizeHint() const override
    {
        return m_ideal > 0 ? QSize(m_ideal, heightForWidth(m_ideal)) : QLabel::sizeHint();
    }
    QSize minimumSizeHint() const override
    {
        return m_ideal > 0 ? QSize(m_ideal, QLabel::minimumSizeHint().height()) : QLabel::minimumSizeHint();
    }

private:
    int m_ideal = 0;
};

// Asks for the width of its body plus the vertical scroll bar the tall body always needs
// (QScrollArea leaves the bar out and remembers the body's first size hint, so the body was
// squeezed under a horizontal scroll bar).
class BodyScroll : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    QSize sizeHint() const override
    {
        if (!widget()) return QScrollArea::sizeHint();
        const int h = fontMetrics().height();
        QSize s = widget()->sizeHint() + QSize(2 * frameWidth(), 2 * frameWidth());
        s.rwidth() += verticalScrollBar()->sizeHint().width();
        return s.boundedTo(QSize(36 * h, 24 * h));
    }
};
} // namespace

namespace {

QString unitSuffix(const std::string& unit) { return unit == "%" ? QStringLiteral(" %") : QStringLiteral("°"); }

} // namespace

PosePanel::PosePanel(app::Session& session, QWidget* parent) : QDockWidget(tr("Pose"), parent), m_session(session)
{
    setObjectName("PosePanel");
    m_scroll = new BodyScroll(this);
    m_scroll->setWidgetResizable(true);
    m_body = new QWidget(m_scroll);
    m_layout = new QVBoxLayout(m_body);
    m_scroll->setWidget(m_body);
    m_scroll->viewport()->installEventFilter(this);
    setWidget(m_scroll);
    m_doc = m_session.document();
    buildRows();
    m_subscription = m_session.subscribe([this](const app::Change& c) { sessionChanged(c); });
}

PosePanel::~PosePanel() { m_session.unsubscribe(m_subscription); }

void PosePanel::sessionChanged(const app::Change& c)
{
    if (c.document) {
        m_doc = m_session.document();
        buildRows();
        return;
    }
    if (!c.pose) return;
    refresh();
    if (!c.poseFrame) setNote(QString::fromStdString(m_session.poseNote()));
}

QGroupBox* PosePanel::buildModeBox()
{
    auto* modeBox = new QGroupBox(tr("Mode"), m_body);
    auto* modeLayout = new QHBoxLayout(modeBox);
    m_standing = new QRadioButton(tr("Standing (feet and trunk stay put)"), modeBox);
    m_standing->setObjectName("modeStanding");
    m_standing->setToolTip(tr("The pelvis moves; the hips and the lumbar spine follow so that the feet stay "
                              "planted and the trunk stays upright."));
    m_free = new QRadioButton(tr("Free"), modeBox);
    m_free->setObjectName("modeFree");
    m_free->setToolTip(tr("Every coordinate is set directly."));
    modeLayout->addWidget(m_standing);
    modeLayout->addWidget(m_free);
    connect(m_standing, &QRadioButton::toggled, this, [this](bool on) {
        if (on) m_session.setMode("standing");
    });
    connect(m_free, &QRadioButton::toggled, this, [this](bool on) {
        if (on) m_session.setMode("free");
    });
    return modeBox;
}

QGroupBox* PosePanel::buildPresetBox(const solver::Kinematics& k)
{
    auto* presetBox = new QGroupBox(tr("Poses"), m_body);
    m_presetGrid = new QGridLayout(presetBox);
    for (const auto& name : k.presetNames()) {
        const auto* p = k.preset(name);
        auto* b = new QPushButton(QString::fromStdString(p && !p->title.empty() ? p->title : name), presetBox);
        b->setObjectName("preset_" + QString::fromStdString(name));
        if (p) b->setToolTip(QString::fromStdString(p->description));
        const QString qname = QString::fromStdString(name);
        connect(b, &QPushButton::clicked, this, [this, qname] { animateToPreset(qname); });
        m_presetButtons.append(b);
    }
    return presetBox;
}

QGroupBox* PosePanel::buildCoordinateBox(const solver::Kinematics& k)
{
    auto* coordBox = new QGroupBox(tr("Joint angles"), m_body);
    auto* rows = new QGridLayout(coordBox);
    int r = 0;
    for (const auto& c : k.coordinates()) {
        const QString name = QString::fromStdString(c.name);
        Row row;
        row.scale = (c.max - c.min) > 200.0 ? 1.0 : 10.0;
        row.label = new QLabel(QString::fromStdString(c.title.empty() ? c.name : c.title), coordBox);
        row.label->setToolTip(QString::fromStdString(c.description));
        row.slider = new QSlider(Qt::Horizontal, coordBox);
        row.slider->setObjectName("slider_" + name);
        row.slider->setRange(int(std::lround(c.min * row.scale)), int(std::lround(c.max * row.scale)));
        row.slider->setToolTip(row.label->toolTip());
        row.box = new QDoubleSpinBox(coordBox);
        row.box->setObjectName("box_" + name);
        row.box->setRange(c.min, c.max);
        row.box->setDecimals(1);
        row.box->setSingleStep(1.0);
        row.box->setSuffix(unitSuffix(c.unit));
        row.box->setKeyboardTracking(false);
        guardWheel(row.slider, m_scroll);
        guardWheel(row.box, m_scroll);
        rows->addWidget(row.label, r, 0, 1, 2);
        rows->addWidget(row.slider, r + 1, 0);
        rows->addWidget(row.box, r + 1, 1);
        r += 2;
        connect(row.slider, &QSlider::valueChanged, this, [this, name](int v) { onSlider(name, v); });
        connect(row.box, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
                [this, name](double v) { onBox(name, v); });
        m_rows.insert(name, row);
    }
    return coordBox;
}

void PosePanel::buildRows()
{
    // Clear the old widgets.
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        if (QWidget* w = item->widget()) w->deleteLater();
        if (QLayout* l = item->layout()) delete l;
        delete item;
    }
    m_rows.clear();
    m_presetButtons.clear();
    m_presetGrid = nullptr;
    m_presetColumns = 0;
    m_standing = m_free = nullptr;
    m_readouts = m_note = nullptr;

    const solver::Kinematics* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k) {
        auto* label = new QLabel(m_doc ? QString::fromStdString(m_doc->poseError())
                                       : tr("Open the built-in model to pose the spine, pelvis and hips."),
                                 m_body);
        label->setWordWrap(true);
        m_layout->addWidget(label);
        m_layout->addStretch(1);
        return;
    }
    m_layout->addWidget(buildModeBox()); // mode switch

    QGroupBox* presetBox = buildPresetBox(*k);
    layoutPresets();

    // Readouts and notes.
    m_readouts = new ReadoutLabel(m_body);
    m_readouts->setObjectName("poseReadouts");
    m_readouts->setTextFormat(Qt::RichText);
    m_readouts->setWordWrap(true);
    m_readouts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layout->addWidget(m_readouts);
    m_readoutRows.clear();
    if (const auto* catalog = m_doc->catalog()) {
        for (const auto& st : catalog->structures()) {
            if (st.readout.empty()) continue;
            auto it = std::find_if(m_readoutRows.begin(), m_readoutRows.end(),
                                   [&](const ReadoutRow& r) { return r.label == st.readout; });
            if (it == m_readoutRows.end()) it = m_readoutRows.insert(m_readoutRows.end(), ReadoutRow{st.readout, {}, {}});
            (st.side == "left" ? it->left : it->right) = st.id;
        }
    }
    {
        // As wide as the tables need with their widest numbers (numbers do not wrap; the note
        // below them does), measured once, so the dock does not change width as values change.
        QTextDocument measure;
        measure.setDefaultFont(m_readouts->font());
        measure.setDocumentMargin(0);
        measure.setHtml(readoutTables([](const std::string&) { return QStringLiteral("000 mm (000.0 %)"); },
                                      [](const std::string&) { return QStringLiteral("-00.0 mm"); },
                                      QStringList(4, QStringLiteral("-00.0°"))));
        static_cast<ReadoutLabel*>(m_readouts)->setIdealWidth(int(std::ceil(measure.idealWidth())));
    }
    m_note = new QLabel(m_body);
    m_note->setObjectName("poseNote");
    m_note->setWordWrap(true);
    m_note->setStyleSheet("QLabel { color: #a04000; }");
    m_note->hide();
    m_layout->addWidget(m_note);
    // The live numbers come first (what a clinician points at), then the presets.
    m_layout->addWidget(presetBox);

    m_layout->addWidget(buildCoordinateBox(*k)); // one row per coordinate
    m_layout->addStretch(1);
    refresh();
}

void PosePanel::layoutPresets()
{
    if (!m_presetGrid || m_presetButtons.isEmpty()) return;
    int widest = 0;
    for (auto* b : m_presetButtons) widest = std::max(widest, b->sizeHint().width());
    // Room for the buttons: the scroll area's width less the margins of the body and the box.
    const int room = m_scroll->viewport()->width() - 2 * m_layout->contentsMargins().left() - 40;
    const int columns = 2 * widest + m_presetGrid->horizontalSpacing() <= room ? 2 : 1;
    if (columns == m_presetColumns) return;
    m_presetColumns = columns;
    for (auto* b : m_presetButtons) m_presetGrid->removeWidget(b);
    for (int i = 0; i < m_presetButtons.size(); ++i)
        m_presetGrid->addWidget(m_presetButtons[i], i / columns, i % columns);
}

bool PosePanel::eventFilter(QObject* watched, QEvent* event)
{
    if (m_scroll && watched == m_scroll->viewport() && event->type() == QEvent::Resize) layoutPresets();
    return QDockWidget::eventFilter(watched, event);
}

void PosePanel::refresh()
{
    const auto* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k) return;
    const bool standing = m_session.mode() == "standing";
    if (m_standing) {
        QSignalBlocker a(m_standing), b(m_free);
        m_standing->setChecked(standing);
        m_free->setChecked(!standing);
    }
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const double v = k->coordinate(it.key().toStdString());
        if (!std::isfinite(v)) continue;
        Row& row = it.value();
        QSignalBlocker a(row.slider), b(row.box);
        row.slider->setValue(int(std::lround(v * row.scale)));
        row.box->setValue(v);
        const bool solved = standing && solver::Kinematics::solvedWhenStanding(it.key().toStdString());
        row.slider->setEnabled(!solved);
        row.box->setEnabled(!solved);
        row.label->setEnabled(!solved);
    }
    updateReadouts();
}

void PosePanel::onSlider(const QString& name, int position)
{
    const Row row = m_rows.value(name);
    if (!row.slider) return;
    const double value = position / row.scale;
    if (std::abs(value - row.box->value()) < 0.5 / row.scale) return; // same value: no loop
    (void)m_session.setCoordinate(name.toStdString(), value);
}

void PosePanel::onBox(const QString& name, double value)
{
    const Row row = m_rows.value(name);
    if (!row.box) return;
    if (std::abs(value - row.slider->value() / row.scale) < 1e-9) return;
    (void)m_session.setCoordinate(name.toStdString(), value);
}

bool PosePanel::setCoordinateValue(const QString& name, double value)
{
    if (!m_doc || !m_doc->hasSolver() || !m_rows.contains(name)) return false;
    if (!m_session.setCoordinate(name.toStdString(), value)) setNote(QString::fromStdString(m_session.poseNote()));
    return true;
}

bool PosePanel::animateToPreset(const QString& name, int durationMs)
{
    const bool ok = m_session.animatePose(app::LessonPose{{}, name.toStdString(), {}}, std::max(0, durationMs) / 1000.0).ok();
    if (!ok) setNote(QString::fromStdString(m_session.poseNote())); // a refused command tells no listener
    return ok;
}

void PosePanel::setNote(const QString& note)
{
    if (!m_note) return;
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString PosePanel::noteText() const { return m_note ? m_note->text() : QString(); }
QString PosePanel::readoutText() const { return m_readouts ? m_readouts->text() : QString(); }

void PosePanel::updateReadouts()
{
    const auto* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k || !m_readouts) return;
    const auto readings = k->readings();
    auto find = [&](const std::string& id) -> const solver::MuscleReading* {
        for (const auto& r : readings)
            if (r.id == id) return &r;
        return nullptr;
    };
    auto lengthCell = [&](const std::string& id) {
        const auto* r = find(id);
        return r ? QString("%1 mm (%2 %)").arg(r->lengthMm, 0, 'f', 0).arg(r->lengthPct, 0, 'f', 1) : QString("–");
    };
    auto armCell = [&](const std::string& id) {
        const auto* r = find(id);
        return r ? QString("%1 mm").arg(r->momentArmMm, 0, 'f', 1) : QString("–");
    };
    const auto m = k->measures();
    auto deg = [](double v) { return QString("%1°").arg(v, 0, 'f', 1); };
    m_readouts->setText(readoutTables(lengthCell, armCell,
                                      {deg(m.lumbarLordosisDeg), deg(m.sacralSlopeDeg), deg(m.pelvicTiltDeg),
                                       deg(m.pelvicIncidenceDeg)}) +
                        "<small>" +
                        tr("Radiographic PT is the angle between the vertical and the line from the hip axis to the "
                           "middle of the S1 endplate. It gets <b>larger when the pelvis tips backward</b>, the "
                           "opposite of the “anterior pelvic tilt” slider. PI = PT + sacral slope.") +
                        "</small>");
}

QString PosePanel::readoutTables(const std::function<QString(const std::string&)>& length,
                                 const std::function<QString(const std::string&)>& arm,
                                 const QStringList& measures) const
{
    // The first section's title heads the Left/Right columns; later titles span the row (so a
    // long title does not widen the dock and narrow the view).
    auto section = [&](const QString& title, const std::function<QString(const std::string&)>& cell, bool first) {
        QString part = first ? "<tr><th align='left'>" + title + "</th><th>" + tr("Left") + "</th><th>" + tr("Right") +
                                   "</th></tr>"
                             : "<tr><th align='left' colspan='3'>" + title + "</th></tr>";
        for (const auto& r : m_readoutRows)
            part += "<tr><td>" + QString::fromStdString(r.label).toHtmlEscaped() + "</td><td>" + cell(r.left) +
                    "</td><td>" + cell(r.right) + "</td></tr>";
        return part;
    };
    QString html = "<table cellspacing='4'>" + section(tr("Length (% of neutral)"), length, true) +
                   section(tr("Hip-flexion moment arm"), arm, false) + "</table><table cellspacing='4'>";
    const QStringList names{tr("Lumbar lordosis (L1–S1)"), tr("Sacral slope"), tr("Pelvic tilt, radiographic PT"),
                            tr("Pelvic incidence (fixed by bone shape)")};
    for (int i = 0; i < names.size() && i < measures.size(); ++i)
        html += "<tr><td>" + names[i] + "</td><td>" + measures[i] + "</td></tr>";
    return html + "</table>";
}

} // namespace psoas::ui
