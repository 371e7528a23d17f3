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

// The viewer's window-sized buffers come and go with every resize, and glibc's defaults keep
// what they free: an arena per Mesa rasteriser thread, an mmap threshold that rises to 32 MB
// after the first large free. Measured under Xvfb at 3840x2160 (presentation mode, a resize
// to 4K and back to 1280x720): 552 MB at the end with the defaults, 218 MB with at most 2
// arenas and 1 MB mmap and trim thresholds. (mallopt() from main did not reach the same.)
// The GLIBC_TUNABLES value that adds those to `current`, or "" when `current` already sets
// the mmap threshold or the arena count (the user's choice wins).
std::string tunablesWithCompactHeap(const char* current);

// Starts the viewer again with those settings (as restartWithHugePages does; not when
// PSOAS_COMPACT_HEAP=0). Call first thing in main, before any thread exists.
void restartWithCompactHeap(char** argv);

// Hands the heap's free pages back to the system (glibc's malloc_trim; nothing elsewhere). The
// trim threshold only returns the top of the heap; after a large window shrinks, or a frame's
// transient buffers are freed, free pages in the middle stay resident until this runs. Takes
// about a millisecond; the viewer calls it when a still frame follows a resize or a drag.
void releaseFreeHeap();

} // namespace psoas::core
