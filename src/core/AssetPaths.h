#pragma once
#include <string>

namespace psoas::core {

// Where the shipped data lives. Order: $PSOAS_ASSETS, <exe dir>/assets,
// <exe dir>/../assets, then the source tree's assets/ (for builds that are run in place).
std::string assetsDir();
// assetsDir() + "/" + relative
std::string assetPath(const std::string& relative);
// Lets main() tell us where the executable is (argv[0] or /proc/self/exe).
void setExecutableDir(const std::string& dir);

} // namespace psoas::core
