#include "render/HeadlessContext.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <cstring>

namespace psoas::render {

namespace {
bool hasExtension(const char* list, const char* name)
{
    if (!list) return false;
    std::size_t n = std::strlen(name);
    for (const char* p = list; (p = std::strstr(p, name)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}
} // namespace

core::Result<std::unique_ptr<HeadlessContext>> HeadlessContext::create()
{
    EGLDisplay display = EGL_NO_DISPLAY;
    const char* clientExt = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
    if (hasExtension(clientExt, "EGL_MESA_platform_surfaceless")) {
        auto getPlatformDisplay =
            reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
        if (getPlatformDisplay) display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    }
    if (display == EGL_NO_DISPLAY) display = eglGetDisplay(EGL_DEFAULT_DISPLAY);
    if (display == EGL_NO_DISPLAY)
        return core::makeError("Off-screen rendering needs EGL, but no EGL display is available. "
                               "Install Mesa (packages libegl-mesa0 libgl1-mesa-dri).");
    EGLint major = 0, minor = 0;
    if (!eglInitialize(display, &major, &minor))
        return core::makeError("Off-screen rendering: EGL could not be initialised (error 0x" +
                               std::to_string(eglGetError()) + "). Install Mesa (libegl-mesa0 libgl1-mesa-dri).");
    if (!eglBindAPI(EGL_OPENGL_API)) {
        eglTerminate(display);
        return core::makeError("Off-screen rendering: this EGL has no desktop OpenGL.");
    }
    const EGLint configAttribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
    EGLConfig config = nullptr;
    EGLint numConfigs = 0;
    eglChooseConfig(display, configAttribs, &config, 1, &numConfigs);
    const EGLint ctxAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                 EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
    EGLContext context = eglCreateContext(display, numConfigs > 0 ? config : EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, ctxAttribs);
    if (context == EGL_NO_CONTEXT) {
        eglTerminate(display);
        return core::makeError("Off-screen rendering: no OpenGL 3.3 core context is available. "
                               "Update the graphics driver or install Mesa.");
    }
    std::unique_ptr<HeadlessContext> ctx(new HeadlessContext());
    ctx->m_display = display;
    ctx->m_context = context;
    if (!ctx->makeCurrent()) return core::makeError("Off-screen rendering: cannot make the EGL context current.");
    return ctx;
}

bool HeadlessContext::makeCurrent()
{
    return eglMakeCurrent(static_cast<EGLDisplay>(m_display), EGL_NO_SURFACE, EGL_NO_SURFACE,
                          static_cast<EGLContext>(m_context)) == EGL_TRUE;
}

HeadlessContext::~HeadlessContext()
{
    if (m_display) {
        eglMakeCurrent(static_cast<EGLDisplay>(m_display), EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (m_context) eglDestroyContext(static_cast<EGLDisplay>(m_display), static_cast<EGLContext>(m_context));
        eglTerminate(static_cast<EGLDisplay>(m_display));
    }
}

} // namespace psoas::render
