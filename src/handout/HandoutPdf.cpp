#include "handout/HandoutPdf.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <algorithm>
#include <cctype>
#include <memory>

namespace psoas::handout {

namespace {

constexpr int kDpi = 300;            // layout units: PDF device pixels
constexpr double kMarginMm = 16.0;
constexpr double kImageAspect = 0.8; // height / width: the region is taller than wide
// Spacing in device pixels (Qt's rich text takes margins in pixels): 25 px = 6 pt at 300 dpi.
const char* const kStyle =
    "p { margin-top: 0px; margin-bottom: 25px; }"
    "h1 { font-size: 20pt; margin-top: 0px; margin-bottom: 25px; }"
    "h2 { font-size: 14pt; margin-top: 40px; margin-bottom: 16px; }"
    "h3 { font-size: 12pt; margin-top: 30px; margin-bottom: 14px; }"
    "ul, ol { margin-top: 0px; margin-bottom: 25px; }"
    "li { margin-bottom: 10px; }";

QPageSize qtPageSize(PageSize size) { return QPageSize(size == PageSize::A4 ? QPageSize::A4 : QPageSize::Letter); }

double mmToPx(double mm) { return mm / 25.4 * kDpi; }

// Puts blocks one below the other on pages and starts a new page where one does not fit.
// Run twice: first with no painter to count the pages, then to paint with "page N of M".
class PageFlow {
public:
    PageFlow(QPdfWriter& writer, QPainter* painter, QString footer, int pageCount)
        : m_writer(writer), m_painter(painter), m_footer(std::move(footer)), m_pageCount(pageCount)
    {
        const QRect page = writer.pageLayout().paintRectPixels(kDpi);
        m_left = 0;
        m_width = page.width();
        m_footerHeight = mmToPx(8);
        m_bottom = page.height() - m_footerHeight;
    }

    qreal width() const { return m_width; }
    int page() const { return m_page; }

    std::unique_ptr<QTextDocument> document(const QString& html, double pointSize = 12.0) const
    {
        auto doc = std::make_unique<QTextDocument>();
        doc->documentLayout()->setPaintDevice(&m_writer);
        QFont font(QStringLiteral("DejaVu Sans"));
        font.setPointSizeF(pointSize);
        doc->setDefaultFont(font);
        doc->setDefaultStyleSheet(QString::fromLatin1(kStyle));
        doc->setDocumentMargin(0);
        doc->setHtml(html);
        doc->setTextWidth(m_width);
        return doc;
    }

    void space(qreal h) { m_y = std::min(m_y + h, m_bottom); }
    // Starts a new page unless `h` fits below (or the page is still empty).
    void keep(qreal h)
    {
        if (m_y > 0 && m_y + h > m_bottom) newPage();
    }
    void newPage()
    {
        finishPage();
        if (m_painter) m_writer.newPage();
        ++m_page;
        m_y = 0;
    }
    void finishPage()
    {
        if (!m_painter) return;
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(9);
        m_painter->save();
        m_painter->setFont(f);
        m_painter->setPen(QColor(90, 90, 90));
        const QRectF r(m_left, m_bottom + m_footerHeight * 0.3, m_width, m_footerHeight * 0.7);
        m_painter->drawLine(QPointF(m_left, r.top()), QPointF(m_left + m_width, r.top()));
        m_painter->drawText(r, Qt::AlignLeft | Qt::AlignBottom, m_footer);
        m_painter->drawText(r, Qt::AlignRight | Qt::AlignBottom,
                            QStringLiteral("Page %1 of %2").arg(m_page).arg(std::max(m_pageCount, m_page)));
        m_painter->restore();
    }

    // Text flows over pages, broken between lines.
    void text(QTextDocument& doc)
    {
        const qreal total = doc.size().height();
        qreal from = 0;
        while (from < total - 0.5) {
            const qreal limit = from + (m_bottom - m_y);
            qreal to = breakAt(doc, from, limit, false);
            if (to <= from + 0.5) { // not even one paragraph fits here
                if (m_y > 0) {
                    newPage();
                    continue;
                }
                to = breakAt(doc, from, limit, true); // a paragraph longer than a page
                if (to <= from + 0.5) to = std::min(total, limit);
            }
            if (m_painter) {
                m_painter->save();
                m_painter->translate(m_left, m_y - from);
                doc.drawContents(m_painter, QRectF(0, from, m_width, to - from));
                m_painter->restore();
            }
            m_y += to - from;
            from = to;
            if (from < total - 0.5) newPage();
        }
    }

    // An image across the text width, `height` high; moves to a new page when it does not fit.
    void image(const QImage& img, qreal height)
    {
        keep(height);
        if (m_painter) {
            const QRectF r(m_left, m_y, m_width, height);
            m_painter->drawImage(r, img);
            m_painter->setPen(QPen(QColor(160, 160, 160), mmToPx(0.2)));
            m_painter->drawRect(r);
        }
        m_y += height;
    }

    // A tinted box holding a text document (the clinician's note).
    void box(QTextDocument& doc, const QColor& fill)
    {
        const qreal pad = mmToPx(3);
        doc.setTextWidth(m_width - 2 * pad);
        const qreal h = doc.size().height() + 2 * pad;
        keep(h);
        if (m_painter) {
            m_painter->save();
            m_painter->setPen(QPen(fill.darker(130), mmToPx(0.3)));
            m_painter->setBrush(fill);
            m_painter->drawRect(QRectF(m_left, m_y, m_width, h));
            m_painter->translate(m_left + pad, m_y + pad);
            doc.drawContents(m_painter);
            m_painter->restore();
        }
        m_y += h;
    }

private:
    // Where to cut the text between `from` and `limit` (document coordinates): after the last
    // paragraph or list item that fits whole (the layout paints whole paragraphs, so a cut
    // inside one would print it twice, once clipped away), else after the last line that fits
    // (a paragraph longer than a page). `from` when nothing fits.
    static qreal breakAt(QTextDocument& doc, qreal from, qreal limit, bool lines)
    {
        if (doc.size().height() <= limit) return doc.size().height();
        qreal best = from;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
            const QRectF br = doc.documentLayout()->blockBoundingRect(b);
            if (br.bottom() <= from + 0.5) continue;
            if (!lines) {
                if (br.bottom() > limit) return best;
                best = br.bottom();
                continue;
            }
            const QTextLayout* layout = b.layout();
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const qreal top = br.top() + line.y(), bottom = top + line.height();
                if (top < from - 0.5) continue;
                if (bottom > limit) return best;
                best = bottom;
            }
        }
        return best;
    }

    QPdfWriter& m_writer;
    QPainter* m_painter;
    QString m_footer;
    int m_pageCount;
    qreal m_left = 0, m_width = 0, m_bottom = 0, m_footerHeight = 0;
    qreal m_y = 0;
    int m_page = 1;
};

QString noteHtml(const QString& note)
{
    QString html = QStringLiteral("<p><b>A note from your clinician</b></p>");
    for (const QString& para : note.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        html += QStringLiteral("<p>%1</p>").arg(para.toHtmlEscaped());
    return html;
}

// Lays everything out once; returns the number of pages.
int layOut(const Handout& h, QPdfWriter& writer, QPainter* painter, int pageCount)
{
    PageFlow flow(writer, painter, h.title, pageCount);
    auto header = flow.document(QStringLiteral("<h1>%1</h1>%2").arg(h.title.toHtmlEscaped(), h.descriptionHtml));
    flow.text(*header);
    if (!h.note.trimmed().isEmpty()) {
        flow.space(mmToPx(2));
        auto note = flow.document(noteHtml(h.note.trimmed()));
        flow.box(*note, QColor(255, 248, 220));
    }
    flow.space(mmToPx(6));
    const qreal imageHeight = flow.width() * kImageAspect;
    for (std::size_t i = 0; i < h.steps.size(); ++i) {
        const HandoutStep& s = h.steps[i];
        auto heading = flow.document(
            QStringLiteral("<h2>Step %1 of %2: %3</h2>").arg(i + 1).arg(h.steps.size()).arg(s.title.toHtmlEscaped()));
        auto text = flow.document(s.html);
        // Heading, image and the first lines of the text stay together.
        const qreal firstLines = std::min<qreal>(text->size().height(), mmToPx(18));
        flow.keep(heading->size().height() + mmToPx(2) + imageHeight + mmToPx(3) + firstLines);
        flow.text(*heading);
        flow.space(mmToPx(2));
        flow.image(s.image, imageHeight);
        flow.space(mmToPx(3));
        flow.text(*text);
        flow.space(mmToPx(8));
    }
    auto disclaimer = flow.document(
        QStringLiteral("<h2>%1</h2>%2").arg(h.disclaimerTitle.toHtmlEscaped(), h.disclaimerHtml), 10.5);
    flow.keep(mmToPx(40));
    flow.text(*disclaimer);
    if (!h.sourcesHtml.empty()) {
        QString list = QStringLiteral("<h2>Sources</h2><ol>");
        for (const QString& s : h.sourcesHtml) list += QStringLiteral("<li>%1</li>").arg(s);
        list += QStringLiteral("</ol>");
        auto sources = flow.document(list, 10.0);
        flow.space(mmToPx(4));
        flow.keep(mmToPx(30));
        flow.text(*sources);
    }
    flow.finishPage();
    return flow.page();
}

} // namespace

core::Status parsePageSize(const std::string& text, PageSize& size)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (lower == "a4") size = PageSize::A4;
    else if (lower == "letter") size = PageSize::Letter;
    else return core::makeError("--page '" + text + "' is not a page size. Use a4 or letter.");
    return core::Status::success();
}

const char* pageSizeName(PageSize size) { return size == PageSize::A4 ? "A4" : "Letter"; }

QSize stepImageSize(PageSize size)
{
    const double widthMm = qtPageSize(size).size(QPageSize::Millimeter).width() - 2 * kMarginMm;
    const int w = int(widthMm / 25.4 * kImageDpi + 0.5);
    return {w, int(w * kImageAspect + 0.5)};
}

QByteArray writePdf(const Handout& handout, PageSize size)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    writer.setTitle(handout.title);
    writer.setCreator(QStringLiteral("Psoas Atlas"));
    writer.setPageLayout(QPageLayout(qtPageSize(size), QPageLayout::Portrait,
                                     QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter));
    const int pages = layOut(handout, writer, nullptr, 0);
    QPainter painter(&writer);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    layOut(handout, writer, &painter, pages);
    painter.end();
    buffer.close();
    return bytes;
}

} // namespace psoas::handout
