#pragma once
#include "core/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace psoas::io {

// Writes 8-bit RGBA pixels (top row first) as PNG, atomically.
core::Status writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

} // namespace psoas::io
