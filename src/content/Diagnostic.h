#pragma once
#include <string>

namespace psoas::content {

// One problem found in a content file: "file:line: message". line 0 means the whole file.
struct Diagnostic {
    std::string file;
    int line = 0;
    std::string message;

    std::string toString() const
    {
        return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
    }
};

} // namespace psoas::content
