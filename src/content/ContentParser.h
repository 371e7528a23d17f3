#pragma once
// Parses one content file (assets/content/<folder>/<id>.md): a metadata header between
// two lines of exactly "---", then a Markdown body. See assets/content/README.md for the
// format. Cross-file checks (known structure ids, poses, sources, links) are done by
// ContentLibrary; this class checks one file on its own.
#include "content/ContentItem.h"
#include "core/Error.h"

#include <cstddef>
#include <string>

namespace psoas::content {

class ContentParser {
public:
    static constexpr std::size_t maxFileBytes = 1u << 20; // 1 MiB per item
    static constexpr std::size_t maxLineBytes = 4000;     // longest allowed line

    // `fileName` is used in messages ("file:line: what is wrong") and the item id must
    // equal its stem (psoas_major.md -> psoas_major).
    static core::Result<ContentItem> parse(const std::string& text, const std::string& fileName);
    static core::Result<ContentItem> parseFile(const std::string& path);
};

} // namespace psoas::content
