#include "content/MarkdownRenderer.h"

#include "content/TextChecks.h"

#include <md4c.h>

namespace psoas::content {
namespace {

constexpr unsigned kFlags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;

std::string attr(const MD_ATTRIBUTE& a) { return a.text ? std::string(a.text, a.size) : std::string(); }

bool startsWith(const std::string& s, const char* prefix)
{
    std::size_t n = std::char_traits<char>::length(prefix);
    if (s.size() < n) return false;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

struct HtmlState {
    std::string out;
    std::vector<bool> linkOpen; // per MD_SPAN_A: did we emit <a>?
    int imageDepth = 0;
};

void appendEscaped(std::string& out, const char* text, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        switch (text[i]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += text[i];
        }
    }
}

int enterBlock(MD_BLOCKTYPE type, void* detail, void* user)
{
    auto& s = *static_cast<HtmlState*>(user);
    switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: s.out += "<blockquote>\n"; break;
    case MD_BLOCK_UL: s.out += "<ul>\n"; break;
    case MD_BLOCK_OL: {
        unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        s.out += start == 1 ? std::string("<ol>\n") : "<ol start=\"" + std::to_string(start) + "\">\n";
        break;
    }
    case MD_BLOCK_LI: s.out += "<li>"; break;
    case MD_BLOCK_HR: s.out += "<hr/>\n"; break;
    case MD_BLOCK_H: s.out += "<h" + std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">"; break;
    case MD_BLOCK_CODE: s.out += "<pre><code>"; break;
    case MD_BLOCK_HTML: s.out += "<pre>"; break;
    case MD_BLOCK_P: s.out += "<p>"; break;
    case MD_BLOCK_TABLE: s.out += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n"; break;
    case MD_BLOCK_THEAD: s.out += "<thead>\n"; break;
    case MD_BLOCK_TBODY: s.out += "<tbody>\n"; break;
    case MD_BLOCK_TR: s.out += "<tr>"; break;
    case MD_BLOCK_TH: s.out += "<th>"; break;
    case MD_BLOCK_TD: s.out += "<td>"; break;
    }
    return 0;
}

int leaveBlock(MD_BLOCKTYPE type, void* detail, void* user)
{
    auto& s = *static_cast<HtmlState*>(user);
    switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: s.out += "</blockquote>\n"; break;
    case MD_BLOCK_UL: s.out += "</ul>\n"; break;
    case MD_BLOCK_OL: s.out += "</ol>\n"; break;
    case MD_BLOCK_LI: s.out += "</li>\n"; break;
    case MD_BLOCK_HR: break;
    case MD_BLOCK_H: s.out += "</h" + std::to_string(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n"; break;
    case MD_BLOCK_CODE: s.out += "</code></pre>\n"; break;
    case MD_BLOCK_HTML: s.out += "</pre>\n"; break;
    case MD_BLOCK_P: s.out += "</p>\n"; break;
    case MD_BLOCK_TABLE: s.out += "</table>\n"; break;
    case MD_BLOCK_THEAD: s.out += "</thead>\n"; break;
    case MD_BLOCK_TBODY: s.out += "</tbody>\n"; break;
    case MD_BLOCK_TR: s.out += "</tr>\n"; break;
    case MD_BLOCK_TH: s.out += "</th>"; break;
    case MD_BLOCK_TD: s.out += "</td>"; break;
    }
    return 0;
}

int enterSpan(MD_SPANTYPE type, void* detail, void* user)
{
    auto& s = *static_cast<HtmlState*>(user);
    if (s.imageDepth > 0) {
        if (type == MD_SPAN_IMG) ++s.imageDepth;
        return 0; // inside an image only the alt text is shown
    }
    switch (type) {
    case MD_SPAN_EM: s.out += "<em>"; break;
    case MD_SPAN_STRONG: s.out += "<strong>"; break;
    case MD_SPAN_CODE: s.out += "<code>"; break;
    case MD_SPAN_DEL: s.out += "<s>"; break;
    case MD_SPAN_U: s.out += "<u>"; break;
    case MD_SPAN_IMG: ++s.imageDepth; break;
    case MD_SPAN_A: {
        std::string href = attr(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
        LinkKind kind = classifyLink(href);
        if (kind == LinkKind::Invalid) {
            s.linkOpen.push_back(false);
            break;
        }
        s.out += "<a href=\"";
        appendEscaped(s.out, href.data(), href.size());
        s.out += kind == LinkKind::External ? "\" class=\"external\">"
                 : kind == LinkKind::Source ? "\" class=\"citation\">"
                                            : "\">";
        s.linkOpen.push_back(true);
        break;
    }
    default: break;
    }
    return 0;
}

int leaveSpan(MD_SPANTYPE type, void*, void* user)
{
    auto& s = *static_cast<HtmlState*>(user);
    if (s.imageDepth > 0) {
        if (type == MD_SPAN_IMG) --s.imageDepth;
        return 0;
    }
    switch (type) {
    case MD_SPAN_EM: s.out += "</em>"; break;
    case MD_SPAN_STRONG: s.out += "</strong>"; break;
    case MD_SPAN_CODE: s.out += "</code>"; break;
    case MD_SPAN_DEL: s.out += "</s>"; break;
    case MD_SPAN_U: s.out += "</u>"; break;
    case MD_SPAN_A:
        if (!s.linkOpen.empty()) {
            if (s.linkOpen.back()) s.out += "</a>";
            s.linkOpen.pop_back();
        }
        break;
    default: break;
    }
    return 0;
}

int onText(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user)
{
    auto& s = *static_cast<HtmlState*>(user);
    switch (type) {
    case MD_TEXT_NULLCHAR: s.out += "\xEF\xBF\xBD"; break;
    case MD_TEXT_BR: s.out += s.imageDepth > 0 ? " " : "<br/>\n"; break;
    case MD_TEXT_SOFTBR: s.out += s.imageDepth > 0 ? " " : "\n"; break;
    case MD_TEXT_ENTITY: s.out.append(text, size); break; // md4c only reports well-formed entities
    default: appendEscaped(s.out, text, size); break;
    }
    return 0;
}

struct LinkState {
    const std::string* source = nullptr;
    std::vector<MarkdownLink> links;
    std::size_t cursor = 0;
};

int lineOf(const std::string& text, std::size_t offset)
{
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

int collectSpan(MD_SPANTYPE type, void* detail, void* user)
{
    if (type != MD_SPAN_A && type != MD_SPAN_IMG) return 0;
    auto& s = *static_cast<LinkState*>(user);
    MarkdownLink link;
    link.image = type == MD_SPAN_IMG;
    link.target = link.image ? attr(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src)
                             : attr(static_cast<MD_SPAN_A_DETAIL*>(detail)->href);
    std::size_t at = link.target.empty() ? std::string::npos : s.source->find(link.target, s.cursor);
    if (at == std::string::npos && !link.target.empty()) at = s.source->find(link.target);
    if (at != std::string::npos) {
        link.line = lineOf(*s.source, at);
        s.cursor = at + link.target.size();
    }
    s.links.push_back(std::move(link));
    return 0;
}

int ignoreBlock(MD_BLOCKTYPE, void*, void*) { return 0; }

int plainBlockEnd(MD_BLOCKTYPE, void*, void* user)
{
    auto& out = *static_cast<std::string*>(user);
    if (!out.empty() && out.back() != '\n') out += '\n';
    return 0;
}

int plainTextCallback(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user)
{
    auto& out = *static_cast<std::string*>(user);
    if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR) out += ' ';
    else if (type == MD_TEXT_ENTITY) {
        std::string e(text, size);
        out += e == "&amp;" ? "&" : e == "&lt;" ? "<" : e == "&gt;" ? ">" : e == "&quot;" ? "\"" : " ";
    } else if (type != MD_TEXT_NULLCHAR) out.append(text, size);
    return 0;
}
int ignoreSpan(MD_SPANTYPE, void*, void*) { return 0; }
int ignoreText(MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void*) { return 0; }

} // namespace

LinkKind classifyLink(const std::string& href, std::string* id)
{
    auto idAfter = [&](std::size_t prefix) {
        std::string rest = href.substr(prefix);
        if (prefix == 10 ? !isValidStructureId(rest) : !isValidId(rest)) return false;
        if (id) *id = rest;
        return true;
    };
    if (href.compare(0, 8, "content:") == 0) return idAfter(8) ? LinkKind::Content : LinkKind::Invalid;
    if (href.compare(0, 10, "structure:") == 0) return idAfter(10) ? LinkKind::Structure : LinkKind::Invalid;
    if (href.compare(0, 7, "source:") == 0) return idAfter(7) ? LinkKind::Source : LinkKind::Invalid;
    if (href.compare(0, 5, "quiz:") == 0) return idAfter(5) ? LinkKind::Quiz : LinkKind::Invalid;
    if ((startsWith(href, "http://") && href.size() > 7) || (startsWith(href, "https://") && href.size() > 8)) {
        for (char c : href)
            if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>') return LinkKind::Invalid;
        return LinkKind::External;
    }
    return LinkKind::Invalid;
}

std::string MarkdownRenderer::toHtml(const std::string& markdown)
{
    HtmlState state;
    state.out.reserve(markdown.size() + markdown.size() / 4);
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kFlags;
    parser.enter_block = enterBlock;
    parser.leave_block = leaveBlock;
    parser.enter_span = enterSpan;
    parser.leave_span = leaveSpan;
    parser.text = onText;
    if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &state) != 0) {
        std::string fallback = "<pre>";
        appendEscaped(fallback, markdown.data(), markdown.size());
        return fallback + "</pre>\n";
    }
    return state.out;
}

std::vector<MarkdownLink> MarkdownRenderer::links(const std::string& markdown)
{
    LinkState state;
    state.source = &markdown;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kFlags;
    parser.enter_block = ignoreBlock;
    parser.leave_block = ignoreBlock;
    parser.enter_span = collectSpan;
    parser.leave_span = ignoreSpan;
    parser.text = ignoreText;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &state);
    return state.links;
}

std::string MarkdownRenderer::plainText(const std::string& markdown)
{
    std::string out;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kFlags;
    parser.enter_block = ignoreBlock;
    parser.leave_block = plainBlockEnd;
    parser.enter_span = ignoreSpan;
    parser.leave_span = ignoreSpan;
    parser.text = plainTextCallback;
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &out);
    return out;
}

std::string MarkdownRenderer::escapeHtml(const std::string& text)
{
    std::string out;
    appendEscaped(out, text.data(), text.size());
    return out;
}

} // namespace psoas::content
