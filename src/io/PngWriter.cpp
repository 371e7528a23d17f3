#include "io/PngWriter.h"

#include "core/AtomicFile.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wunused-function"
#include <stb_image_write.h>
#pragma GCC diagnostic pop

namespace psoas::io {

core::Status writePng(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba)
{
    if (width <= 0 || height <= 0 || rgba.size() != std::size_t(width) * std::size_t(height) * 4)
        return core::makeError("Cannot write '" + path + "': the image is empty or has the wrong size.");
    std::string bytes;
    auto sink = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), std::size_t(size));
    };
    if (!stbi_write_png_to_func(sink, &bytes, width, height, 4, rgba.data(), width * 4))
        return core::makeError("Cannot encode '" + path + "' as PNG.");
    return core::writeFileAtomically(path, bytes);
}

} // namespace psoas::io
