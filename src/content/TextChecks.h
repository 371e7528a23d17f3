#pragma once
// Small text checks shared by the content parser and the user-notes store.
#include <cstddef>
#include <string>

namespace psoas::content {

struct TextProblem {
    int line = 0;          // 1-based; 0 = no problem
    std::string message;   // what is wrong, without the file name
};

// Checks that `text` is valid UTF-8 with no NUL or control characters (tab, CR, LF allowed)
// and that no line is longer than maxLineBytes. Returns line 0 if all is well.
TextProblem checkText(const std::string& text, std::size_t maxLineBytes);

// True if `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool isValidUtf8(const std::string& text);

// True if s is a snake_case id: [a-z0-9_]+ starting with a letter or digit.
bool isValidId(const std::string& s);
// Structure ids may also contain dots (attachment areas: psoas_major_r.origin.t12).
bool isValidStructureId(const std::string& s);

std::string trim(const std::string& s);

} // namespace psoas::content
