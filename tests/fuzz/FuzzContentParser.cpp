// libFuzzer: one content file through the parser, then its body (and the raw bytes) through
// the Markdown renderer. Checks that every link the panel could follow is content:,
// structure:, source: (a citation), quiz: (a shipped quiz) or http(s): (nothing else may become
// a clickable link).
#include "content/ContentParser.h"
#include "content/MarkdownRenderer.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

void checkLinks(const std::string& html)
{
    // Only real anchors: text escapes '<', so "<a href=\"" starts a tag the renderer wrote (a bare
    // "href=\"" also matches an allowed address that ends in "href=", e.g. https://x/?href=).
    const std::string key = "<a href=\"";
    for (auto at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
        std::string rest = html.substr(at + key.size(), 16);
        for (auto& c : rest) c = char(std::tolower(static_cast<unsigned char>(c))); // schemes are case-insensitive
        if (rest.rfind("content:", 0) != 0 && rest.rfind("structure:", 0) != 0 && rest.rfind("source:", 0) != 0 &&
            rest.rfind("quiz:", 0) != 0 && rest.rfind("http://", 0) != 0 &&
            rest.rfind("https://", 0) != 0)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace psoas::content;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto item = ContentParser::parse(text, "fuzz.md");
    if (item.ok()) {
        checkLinks(MarkdownRenderer::toHtml(item->body));
        (void)MarkdownRenderer::links(item->body);
        (void)MarkdownRenderer::plainText(item->body);
    } else if (item.message().rfind("fuzz.md", 0) != 0) {
        std::abort(); // every error names the file
    }
    checkLinks(MarkdownRenderer::toHtml(text));
    return 0;
}
