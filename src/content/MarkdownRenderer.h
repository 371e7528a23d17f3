#pragma once
// Markdown (CommonMark plus tables and strikethrough, no raw HTML) to HTML for the side
// panel, and link extraction for build-time validation. Uses md4c's parser; md4c stays
// inside the .cpp.
//
// Links in the output:
//   [text](content:<item id>)      -> <a href="content:<id>">     (the panel opens the item)
//   [text](structure:<id>)         -> <a href="structure:<id>">   (the panel selects it)
//   [text](source:<source id>)     -> <a href="source:<id>" class="citation"> (a citation at the
//                                     claim; the panel scrolls to the item's list of sources)
//   [text](http(s)://...)          -> <a href="..." class="external">
//   anything else (relative, mailto:, javascript:, ...) is rendered as plain text.
// Raw HTML in the Markdown is shown as text, never interpreted; images show their alt text.
#include <string>
#include <vector>

namespace psoas::content {

struct MarkdownLink {
    std::string target; // the href as written
    int line = 0;       // 1-based line within the Markdown text (0 if unknown)
    bool image = false; // ![alt](src)
};

enum class LinkKind { Content, Structure, Source, Quiz, External, Invalid }; // quiz:<id> = assets/quizzes/<id>.json

// Classifies an href; `id` receives the item/structure/source id for Content/Structure/Source links.
LinkKind classifyLink(const std::string& href, std::string* id = nullptr);

class MarkdownRenderer {
public:
    static std::string toHtml(const std::string& markdown);
    static std::vector<MarkdownLink> links(const std::string& markdown);
    // The visible text only (for the full-text index): no markup, no link targets.
    static std::string plainText(const std::string& markdown);
    // Escapes & < > " for HTML text and attributes.
    static std::string escapeHtml(const std::string& text);
};

} // namespace psoas::content
