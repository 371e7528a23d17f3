// libFuzzer: the model loading path (io::loadModel on a temporary file). The first byte
// picks the file extension, so one corpus reaches the glTF binary and text and OBJ importers.
// (STL and PLY are left out of the CI run: assimp 5.2's PLY reader can spend minutes on a
// small file that declares millions of elements; see the hardening notes in the README.)
#include "io/ModelLoader.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1) return 0;
    static const char* const exts[] = {".glb", ".gltf", ".obj"};
    const char* ext = exts[data[0] % 3];
    // A private folder whose name has the same length in every process: with the process id
    // in the name, paths (and so the loops over them) differed in length from run to run,
    // and a counted CI run did not repeat what a local run had tried.
    static const std::string dir = [] {
        char pattern[] = "/tmp/psoas_fuzz_model_XXXXXX";
        const char* made = ::mkdtemp(pattern);
        if (!made) return std::string("/tmp");
        static std::string removeAtExit = made;
        std::atexit([] { ::rmdir(removeAtExit.c_str()); });
        return removeAtExit;
    }();
    const std::string path = dir + "/model" + ext;
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data + 1, 1, size - 1, f);
        std::fclose(f);
    } else {
        return 0;
    }
    auto model = psoas::io::loadModel(path);
    if (model.ok()) {
        // What the loader promises the rest of the program.
        for (const auto& mesh : model->meshes) {
            for (auto i : mesh.indices)
                if (i >= mesh.positions.size()) std::abort();
            for (const auto& p : mesh.positions)
                if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) std::abort();
        }
        for (std::size_t n = 0; n < model->nodes.size(); ++n)
            if (model->nodes[n].parent >= int(n)) std::abort();
    } else if (model.message().find(path) == std::string::npos) {
        std::abort(); // every error names the file
    }
    std::remove(path.c_str());
    return 0;
}
