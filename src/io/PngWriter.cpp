#include "io/PngWriter.h"

#include "core/AtomicFile.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>

namespace {
// stb's own deflate is several times slower than zlib; the PNG of a 1280x720 render was 15 % of
// start-to-first-image. Level 3 is close to level 9 in size on these smooth renders.
unsigned char* zlibCompress(unsigned char* data, int length, int* outLength, int /*quality*/)
{
    uLongf size = compressBound(uLong(length));
    auto* out = static_cast<unsigned char*>(std::malloc(size));
    if (!out) return nullptr;
    if (compress2(out, &size, data, uLong(length), 3) != Z_OK) {
        std::free(out);
        return nullptr;
    }
    *outLength = int(size);
    return out;
}
} // namespace

#define STBIW_ZLIB_COMPRESS zlibCompress
#define STBIW_CRC32(buffer, len) static_cast<unsigned int>(crc32(0L, buffer, uInt(len)))
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
    stbi_write_force_png_filter = 4; // Paeth: good on gradients; saves trying all five per line
    // Renders are opaque: then an RGB image holds the same pixels in a quarter fewer bytes to
    // filter and deflate (about 25 % of the encoding time of a --render).
    const std::size_t count = std::size_t(width) * std::size_t(height);
    bool opaque = true;
    for (std::size_t i = 0; i < count && opaque; ++i) opaque = rgba[4 * i + 3] == 255;
    int ok = 0;
    if (opaque) {
        std::vector<std::uint8_t> rgb(count * 3);
        for (std::size_t i = 0; i < count; ++i) std::memcpy(&rgb[3 * i], &rgba[4 * i], 3);
        ok = stbi_write_png_to_func(sink, &bytes, width, height, 3, rgb.data(), width * 3);
    } else {
        ok = stbi_write_png_to_func(sink, &bytes, width, height, 4, rgba.data(), width * 4);
    }
    if (!ok) return core::makeError("Cannot encode '" + path + "' as PNG.");
    return core::writeFileAtomically(path, bytes);
}

} // namespace psoas::io
