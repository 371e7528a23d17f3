#include "content/TextChecks.h"

#include <cstdio>

namespace psoas::content {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 if it is invalid.
std::size_t utf8SequenceLength(const std::string& s, std::size_t i)
{
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07u; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        unsigned char cc = byte(i + k);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0; // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

} // namespace

TextProblem checkText(const std::string& text, std::size_t maxLineBytes)
{
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            if (i - lineStart > maxLineBytes)
                return {line, "the line is " + std::to_string(i - lineStart) + " bytes long (the limit is " +
                                  std::to_string(maxLineBytes) + "); break it into shorter lines"};
            ++line;
            lineStart = ++i;
            continue;
        }
        if (c < 0x20 && c != '\t' && c != '\r') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", c);
            return {line, std::string("contains the control character ") + buf + " at column " +
                              std::to_string(i - lineStart + 1) + "; remove it"};
        }
        std::size_t n = utf8SequenceLength(text, i);
        if (n == 0) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "0x%02X", c);
            return {line, std::string("is not valid UTF-8 (byte ") + buf + " at column " +
                              std::to_string(i - lineStart + 1) + "); save the file as UTF-8"};
        }
        i += n;
    }
    if (text.size() - lineStart > maxLineBytes)
        return {line, "the line is " + std::to_string(text.size() - lineStart) + " bytes long (the limit is " +
                          std::to_string(maxLineBytes) + "); break it into shorter lines"};
    return {};
}

bool isValidUtf8(const std::string& text)
{
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8SequenceLength(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

bool isValidId(const std::string& s)
{
    if (s.empty() || s.size() > 100 || s[0] == '_') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool isValidStructureId(const std::string& s)
{
    if (s.empty() || s.front() == '.' || s.back() == '.') return false;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = s.find('.', start);
        if (!isValidId(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start))) return false;
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

std::string trim(const std::string& s)
{
    std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    std::size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

} // namespace psoas::content
