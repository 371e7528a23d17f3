#pragma once
// Draws a flat DrawList: background, opaque pass, then a back-to-front sorted transparent
// pass. Written against plain GL (libepoxy), so the same code runs headless (EGL) and
// inside the QOpenGLWidget. Never walks the scene, never calls the solver.
#include "anatomy/Model.h"
#include "core/Error.h"
#include "core/Math.h"
#include "render/GpuMesh.h"
#include "render/ShaderProgram.h"
#include "scene/DrawList.h"
#include "scene/OrbitCamera.h"

#include <cstdint>
#include <future>
#include <string>
#include <vector>

namespace psoas::render {

struct RenderParams {
    Mat4 view{1.0f};
    Mat4 projection{1.0f};
    Vec3 cameraPosition{0.0f};
    int width = 1;
    int height = 1;
    unsigned framebuffer = 0;       // target FBO (QOpenGLWidget: defaultFramebufferObject())
    Vec3 backgroundTop{0.16f, 0.18f, 0.22f};
    Vec3 backgroundBottom{0.05f, 0.055f, 0.07f};
    Vec3 highlightColor{1.0f, 0.85f, 0.25f};
    bool lowDetail = false;         // reduced-triangle meshes (frames drawn while the view moves)

    // view, projection and cameraPosition from an orbit camera.
    void setCamera(const scene::OrbitCamera& camera);
};

struct GlInfo {
    std::string version;
    std::string renderer;
    int major = 0;
    int minor = 0;
    int samples = 0;    // of the current framebuffer
    int maxSamples = 0; // the most an off-screen target can have
};

class Renderer {
public:
    // Needs a current GL context. Fails with a plain message when GL 3.3 is not available.
    core::Status initialize();
    bool initialized() const { return m_initialized; }
    // Frees GL objects; call with the context current (QOpenGLWidget: aboutToBeDestroyed).
    void release();
    static GlInfo glInfo();

    // The model whose meshes the draw list refers to. GPU meshes are created lazily.
    void setModel(const anatomy::Model* model);
    void render(const scene::DrawList& list, const RenderParams& params);
    // Uploads the model's meshes and builds their reduced lists (what the first low-detail
    // frame would otherwise do at once, a stall of a few hundred ms on big meshes) without
    // blocking: the reductions run on a worker thread. False while they are under way (call
    // again later; frames meanwhile draw those meshes whole), true when all are in place.
    bool prepareLowDetail();
    struct PickResult {
        std::uint32_t id = 0; // DrawItem::pickId, 0 = background
        float ndcDepth = 1.0f; // -1..1 at the pixel (for unprojecting the surface point)
    };
    // Renders the pick ids under (x, y) of a params.width x params.height view (y from the top)
    // into pixel (0, 0) of params.framebuffer (a single-sample RGBA8 + depth target; 1x1 is
    // enough) and reads the id and depth there.
    PickResult pick(const scene::DrawList& list, const RenderParams& params, int x, int y);
    std::size_t uploads() const { return m_uploads; }

private:
    void syncMeshes(bool lowDetail = false);
    void drawItems(const scene::DrawList& list, const std::vector<std::size_t>& order, bool pickPass,
                   bool cullClosed, bool lowDetail = false);

    bool m_initialized = false;
    const anatomy::Model* m_model = nullptr;
    std::vector<GpuMesh> m_meshes;
    ShaderProgram m_meshProgram;
    ShaderProgram m_backgroundProgram;
    ShaderProgram m_pickProgram;
    unsigned m_emptyVao = 0;
    std::size_t m_uploads = 0;
    void collectLowDetail(); // uploads the worker's finished lists (context current)
    void dropLowDetailJob(); // waits for the worker and discards its lists
    std::future<std::vector<std::vector<std::uint32_t>>> m_lodJob;
    std::vector<std::size_t> m_lodJobMeshes;      // mesh index per list
    std::vector<std::size_t> m_lodJobIndexCounts; // index count each list was built from
    RenderParams m_params;
};

} // namespace psoas::render
