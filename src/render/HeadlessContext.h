#pragma once
// An OpenGL 3.3 core context with no window and no display server (EGL, Mesa's
// surfaceless platform, falling back to the default EGL display).
#include "core/Error.h"

#include <memory>

namespace psoas::render {

class HeadlessContext {
public:
    static core::Result<std::unique_ptr<HeadlessContext>> create();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;
    bool makeCurrent();

private:
    HeadlessContext() = default;
    void* m_display = nullptr;
    void* m_context = nullptr;
};

} // namespace psoas::render
