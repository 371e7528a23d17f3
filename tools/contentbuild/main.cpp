// psoas-contentbuild: validates assets/content and writes the content database.
//
//   psoas-contentbuild --content <dir> [--catalog <catalog.json>] [--poses <dir>] [--output <content.db>]
//
// Every problem is printed as "file:line: what is wrong" and the exit status is 1, so a
// bad content file fails the build. Without --output it only validates.
#include "anatomy/Catalog.h"
#include "content/ContentDatabaseWriter.h"
#include "content/ContentLibrary.h"
#include "content/DefaultIds.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace psoas;

namespace {

void usage()
{
    std::fprintf(stderr, "usage: psoas-contentbuild --content <dir> [--catalog <catalog.json>] [--poses <dir>] "
                         "[--output <content.db>]\n");
}

} // namespace

int main(int argc, char** argv)
{
    std::string contentDir, catalogPath, posesDir, output;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&](std::string& into) {
            if (i + 1 >= argc) return false;
            into = argv[++i];
            return true;
        };
        bool ok = true;
        if (a == "--content") ok = next(contentDir);
        else if (a == "--catalog") ok = next(catalogPath);
        else if (a == "--poses") ok = next(posesDir);
        else if (a == "--output") ok = next(output);
        else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else ok = false;
        if (!ok) {
            usage();
            return 2;
        }
    }
    if (contentDir.empty()) {
        usage();
        return 2;
    }

    std::vector<content::Diagnostic> problems;
    std::error_code ec;

    // Structures: the catalog when it exists, else the shared id list.
    std::vector<content::StructureInfo> structures;
    if (!catalogPath.empty() && fs::exists(catalogPath, ec)) {
        auto catalog = anatomy::Catalog::load(catalogPath);
        if (!catalog) {
            std::fprintf(stderr, "%s\n", catalog.message().c_str());
            return 1;
        }
        for (const auto& s : catalog->structures())
            structures.push_back({s.id, s.name, s.latin, s.content, s.kind != anatomy::StructureKind::Attachment});
    } else {
        std::fprintf(stderr, "psoas-contentbuild: note: no catalog at '%s'; checking structure ids against the "
                             "built-in list\n", catalogPath.c_str());
        structures = content::defaultStructures();
    }

    // Poses: the preset files when there are any, else the shared preset list.
    std::set<std::string> poses;
    if (!posesDir.empty() && fs::is_directory(posesDir, ec))
        for (const auto& e : fs::directory_iterator(posesDir, ec))
            if (e.path().extension() == ".json") poses.insert(e.path().stem().string());
    if (poses.empty()) {
        std::fprintf(stderr, "psoas-contentbuild: note: no pose presets in '%s'; checking poses against the "
                             "built-in list\n", posesDir.c_str());
        for (const auto& p : content::defaultPoseNames()) poses.insert(p);
    }

    auto library = content::ContentLibrary::load(contentDir, problems);
    library.validate(structures, poses, problems);
    library.checkCitations(problems); // every claim section cites a source a reader can look up
    if (library.items().empty() && problems.empty())
        problems.push_back({contentDir, 0, "no content items found; expected Markdown files in articles/, "
                                           "symptoms/ and exercises/"});
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.toString().c_str());
    if (!problems.empty()) {
        std::fprintf(stderr, "psoas-contentbuild: %zu problem(s) in the content; fix them and build again\n",
                     problems.size());
        if (!output.empty()) fs::remove(output, ec); // never leave a stale database that looks current
        return 1;
    }
    if (!output.empty()) {
        auto status = content::ContentDatabaseWriter::write(library, structures, output);
        if (!status) {
            std::fprintf(stderr, "%s\n", status.message().c_str());
            return 1;
        }
        std::printf("psoas-contentbuild: wrote %s (%zu items, %zu sources, %zu structures)\n", output.c_str(),
                    library.items().size(), library.sources().size(), structures.size());
    } else {
        std::printf("psoas-contentbuild: %zu items and %zu sources are valid\n", library.items().size(),
                    library.sources().size());
    }
    return 0;
}
