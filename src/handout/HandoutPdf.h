#pragma once
// Lays a Handout out on A4 or Letter pages with Qt's PDF writer (QPdfWriter + QPainter):
// a header with the lesson's title and description and the clinician's note on the first
// page, then per step its heading, image (never split across pages) and text, then the
// disclaimer and the sources; "title · page N of M" in every footer. Needs a QGuiApplication
// (fonts); on the offscreen platform it needs no display.
#include "core/Error.h"
#include "handout/Handout.h"

#include <QByteArray>
#include <QSize>

#include <string>

namespace psoas::handout {

enum class PageSize { A4, Letter };

// "a4" or "letter" (any case). Errors name the value.
core::Status parsePageSize(const std::string& text, PageSize& size);
const char* pageSizeName(PageSize size); // "A4", "Letter"

// Pixel size of a step image: the page's text width at kImageDpi, 5:4.
constexpr int kImageDpi = 170;
QSize stepImageSize(PageSize size);

// The PDF file's bytes.
QByteArray writePdf(const Handout& handout, PageSize size);

} // namespace psoas::handout
