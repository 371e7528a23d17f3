#include "ui/LengthPlot.h"

#include "app/Document.h"
#include "core/AtomicFile.h"

#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace psoas::ui {

LengthPlot::LengthPlot(QWidget* parent) : QWidget(parent)
{
    setObjectName("LengthPlot");
    setMinimumSize(260, 180);
}

void LengthPlot::setDocument(app::Document* doc)
{
    m_doc = doc;
    invalidate();
}

void LengthPlot::invalidate()
{
    m_stale = true;
    update();
}

const LengthPlot& LengthPlot::current() const
{
    // A cache of what the document says now; filling it does not change what the plot shows.
    if (m_stale) const_cast<LengthPlot*>(this)->recompute();
    return *this;
}

QString LengthPlot::muscleName() const
{
    // The catalog's name ("right psoas major"), not the id.
    const int node = m_doc ? m_doc->scene().find(m_muscle.toStdString()) : -1;
    const QString name = node >= 0 ? QString::fromStdString(m_doc->displayName(node)) : m_muscle;
    return name.isEmpty() ? m_muscle : name.left(1).toLower() + name.mid(1);
}

void LengthPlot::setMuscle(const QString& id)
{
    const auto* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k || !std::isfinite(k->lengthOf(id.toStdString()))) return;
    if (id == m_muscle) return;
    m_muscle = id;
    invalidate();
}

void LengthPlot::recompute()
{
    m_stale = false;
    m_sweep = {};
    m_message.clear();
    const auto* k = m_doc ? m_doc->kinematics() : nullptr;
    if (!k) {
        m_message = tr("Open the built-in model to plot muscle lengths.");
    } else {
        const std::string muscle = m_muscle.toStdString();
        const std::string coord = app::LengthSweep::hipFlexionFor(muscle);
        auto s = app::LengthSweep::compute(*k, muscle, coord);
        if (s) {
            m_sweep = std::move(s).value();
            m_currentValue = k->coordinate(coord);
            m_currentLength = k->lengthOf(muscle) * 1000.0;
        } else {
            m_message = QString::fromStdString(s.message());
        }
    }
    update();
}

bool LengthPlot::exportCsv(const QString& path, QString* error) const
{
    if (current().m_sweep.samples.empty()) {
        if (error) *error = tr("Nothing to export: select a muscle of the built-in model first.");
        return false;
    }
    auto s = core::writeFileAtomically(path.toStdString(), m_sweep.toCsv());
    if (!s && error) *error = QString::fromStdString(s.message());
    return s.ok();
}

bool LengthPlot::exportPng(const QString& path, QString* error)
{
    QImage image(QSize(std::max(width(), 720), std::max(height(), 480)), QImage::Format_ARGB32);
    const QSize old = size();
    resize(image.size());
    image.fill(Qt::white);
    render(&image);
    resize(old);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit()) {
        if (error) *error = tr("Could not write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

void LengthPlot::paintEvent(QPaintEvent*)
{
    current();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), Qt::white);
    p.setPen(Qt::black);
    if (m_sweep.samples.size() < 2) {
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QFontMetrics fm(font());
    const int left = fm.horizontalAdvance("0000 mm") + 12, right = fm.horizontalAdvance("000 %") + 12;
    const int top = fm.height() + 10, bottom = 2 * fm.height() + 10;
    const QRectF plot(left, top, width() - left - right, height() - top - bottom);
    const double x0 = m_sweep.samples.front().value, x1 = m_sweep.samples.back().value;
    double y0 = 1e9, y1 = -1e9;
    for (const auto& s : m_sweep.samples) {
        y0 = std::min(y0, s.lengthMm);
        y1 = std::max(y1, s.lengthMm);
    }
    const double pad = std::max(2.0, (y1 - y0) * 0.08);
    y0 -= pad;
    y1 += pad;
    auto X = [&](double v) { return plot.left() + (v - x0) / (x1 - x0) * plot.width(); };
    auto Y = [&](double v) { return plot.bottom() - (v - y0) / (y1 - y0) * plot.height(); };
    // Neutral length, for the % axis.
    const auto& first = m_sweep.samples.front();
    const double neutral = first.lengthPct > 0.0 ? first.lengthMm * 100.0 / first.lengthPct : 0.0;

    p.setPen(QColor(220, 220, 220));
    for (int a = int(std::ceil(x0 / 20.0)) * 20; a <= x1; a += 20) p.drawLine(QPointF(X(a), plot.top()), QPointF(X(a), plot.bottom()));
    p.setPen(Qt::black);
    p.drawRect(plot);
    for (int a = int(std::ceil(x0 / 20.0)) * 20; a <= x1; a += 20)
        p.drawText(QRectF(X(a) - 30, plot.bottom() + 2, 60, fm.height()), Qt::AlignCenter, QString("%1°").arg(a));
    const double stepMm = (y1 - y0) > 60 ? 20.0 : (y1 - y0) > 25 ? 10.0 : 5.0;
    for (double v = std::ceil(y0 / stepMm) * stepMm; v <= y1; v += stepMm) {
        p.drawText(QRectF(0, Y(v) - fm.height() / 2.0, left - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QString("%1 mm").arg(v, 0, 'f', 0));
        if (neutral > 0.0)
            p.drawText(QRectF(plot.right() + 6, Y(v) - fm.height() / 2.0, right - 6, fm.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, QString("%1 %").arg(v * 100.0 / neutral, 0, 'f', 0));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height()), Qt::AlignCenter,
               tr("%1 (degrees, flexion +)").arg(QString::fromStdString(m_sweep.coordinate)));
    p.drawText(QRectF(0, 0, width(), top - 4), Qt::AlignCenter,
               tr("Length of the %1 against hip flexion").arg(muscleName()));
    QPainterPath path;
    for (std::size_t i = 0; i < m_sweep.samples.size(); ++i) {
        const QPointF pt(X(m_sweep.samples[i].value), Y(m_sweep.samples[i].lengthMm));
        i == 0 ? path.moveTo(pt) : path.lineTo(pt);
    }
    p.setPen(QPen(QColor(180, 40, 40), 2.0));
    p.drawPath(path);
    // The current pose.
    if (std::isfinite(m_currentValue) && std::isfinite(m_currentLength) && m_currentValue >= x0 - 1e-9 &&
        m_currentValue <= x1 + 1e-9) {
        const QPointF c(X(m_currentValue), Y(std::clamp(m_currentLength, y0, y1)));
        p.setPen(QPen(QColor(30, 80, 200), 1.0, Qt::DashLine));
        p.drawLine(QPointF(c.x(), plot.top()), QPointF(c.x(), plot.bottom()));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(30, 80, 200));
        p.drawEllipse(c, 5, 5);
        p.setPen(QColor(30, 80, 200));
        p.drawText(QRectF(c.x() + 8, c.y() - fm.height() - 4, 160, fm.height()), Qt::AlignLeft,
                   tr("now: %1 mm").arg(m_currentLength, 0, 'f', 0));
    }
}

} // namespace psoas::ui
