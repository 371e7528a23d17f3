#pragma once
// One-shot headless runs (--render) spend about a third of their time in page faults: the
// software GL driver, its MSAA buffers and the model are all freshly allocated memory. glibc can
// back its large allocations with transparent huge pages (one fault per 2 MB instead of per
// 4 KB), but only reads that setting, the GLIBC_TUNABLES variable, when a process starts.
#include <string>

namespace psoas::core {

// The GLIBC_TUNABLES value that adds glibc.malloc.hugetlb=1 to `current` (null: unset), or an
// empty string when nothing is to change because `current` already sets glibc.malloc.hugetlb
// (the user's choice wins, whatever its value).
std::string tunablesWithHugePages(const char* current);

// Starts this program again (same arguments) with huge pages on when the kernel offers them
// (transparent_hugepage not "never"), glibc is the C library and PSOAS_HUGE_PAGES is not 0;
// then it does not return. Returns, changing nothing, when any of that does not hold or the
// restart fails. Call it first thing in main, before any thread or output exists.
void restartWithHugePages(char** argv);

} // namespace psoas::core
