#pragma once
// Renders a document into RGBA pixels with a headless GL context (EGL, no display server),
// as many times as needed with one context: `--render` draws one image, a lesson handout one
// per step. The GL objects live in render/; this class only ties them to a Document.
#include "core/Error.h"
#include "core/Math.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace psoas::scene { class OrbitCamera; }

namespace psoas::app {

class Document;

class OffscreenRenderer {
public:
    // Context, compiled shaders and a width x height target with `samples` (1, 2, 4, 8).
    static core::Result<std::unique_ptr<OffscreenRenderer>> create(int width, int height, int samples);
    ~OffscreenRenderer();
    OffscreenRenderer(const OffscreenRenderer&) = delete;
    OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

    int width() const;
    int height() const;
    // The background gradient (the viewer's dark one unless set; a handout prints a light one).
    void setBackground(const Vec3& top, const Vec3& bottom);

    // Draws the document's current scene as `camera` sees it (its viewport is set to the
    // target's size) and returns RGBA8 pixels, top row first.
    std::vector<std::uint8_t> draw(const Document& doc, scene::OrbitCamera& camera);

private:
    struct Gl;
    explicit OffscreenRenderer(std::unique_ptr<Gl> gl);
    std::unique_ptr<Gl> m_gl;
};

} // namespace psoas::app
