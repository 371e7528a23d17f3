#pragma once
#include <string>

namespace psoas::core {

// Where the shipped data (models/, poses/, lessons/, content.db) lives. Order:
//   1. $PSOAS_ASSETS (what --assets DIR sets);
//   2. the installed share folder, <exe dir>/../share/psoas-atlas (cmake --install, the .deb);
//   3. the build tree: a psoas-atlas-build-tree.txt beside the executable (written by CMake)
//      names the source tree's assets/; skipped when $PSOAS_NO_BUILD_TREE is 1;
//   4. <exe dir>/assets, <exe dir>/../assets (an unpacked folder).
// When none exists, the installed share folder is returned so messages name where it was expected.
// Nothing is compiled in: a moved or installed program never reads the source tree by accident.
std::string assetsDir();
// assetsDir() + "/" + relative
std::string assetPath(const std::string& relative);
// The content database: assetsDir()/content.db (installed, or an --assets folder that has one),
// else content.db beside the executable (where the build writes it).
std::string contentDatabasePath();
// Lets main() tell us where the executable is (argv[0] or /proc/self/exe).
void setExecutableDir(const std::string& dir);

} // namespace psoas::core
