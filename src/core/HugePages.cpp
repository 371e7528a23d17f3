#include "core/HugePages.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

#if defined(__linux__)
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define PSOAS_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define PSOAS_OWN_ALLOCATOR 1
#endif
#endif

namespace psoas::core {

std::string tunablesWithHugePages(const char* current)
{
    const std::string existing = current ? current : "";
    if (existing.find("glibc.malloc.hugetlb") != std::string::npos) return {};
    return existing.empty() ? "glibc.malloc.hugetlb=1" : existing + ":glibc.malloc.hugetlb=1";
}

namespace {

bool kernelOffersHugePages()
{
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string modes;
    if (!std::getline(in, modes)) return false;
    return modes.find("[never]") == std::string::npos;
}

} // namespace

void restartWithHugePages(char** argv)
{
// Not in sanitizer builds: their allocator replaces glibc's, so the setting would do nothing.
#if defined(__linux__) && defined(__GLIBC__) && !defined(PSOAS_OWN_ALLOCATOR)
    if (const char* choice = std::getenv("PSOAS_HUGE_PAGES"); choice && std::strcmp(choice, "0") == 0) return;
    const char* current = std::getenv("GLIBC_TUNABLES");
    const std::string wanted = tunablesWithHugePages(current);
    if (wanted.empty() || !kernelOffersHugePages()) return;
    const std::string previous = current ? current : "";
    if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Not restarted (no /proc, say): carry on as started.
    if (current) setenv("GLIBC_TUNABLES", previous.c_str(), 1);
    else unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

std::string tunablesWithCompactHeap(const char* current)
{
    const std::string existing = current ? current : "";
    if (existing.find("glibc.malloc.mmap_threshold") != std::string::npos ||
        existing.find("glibc.malloc.arena_max") != std::string::npos)
        return {};
    const std::string wanted =
        "glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=1048576:glibc.malloc.trim_threshold=1048576";
    return existing.empty() ? wanted : existing + ":" + wanted;
}

void restartWithCompactHeap(char** argv)
{
#if defined(__linux__) && defined(__GLIBC__) && !defined(PSOAS_OWN_ALLOCATOR)
    if (const char* choice = std::getenv("PSOAS_COMPACT_HEAP"); choice && std::strcmp(choice, "0") == 0) return;
    const char* current = std::getenv("GLIBC_TUNABLES");
    const std::string wanted = tunablesWithCompactHeap(current);
    if (wanted.empty()) return;
    const std::string previous = current ? current : "";
    if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    if (current) setenv("GLIBC_TUNABLES", previous.c_str(), 1);
    else unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

void releaseFreeHeap()
{
#if defined(__GLIBC__) && !defined(PSOAS_OWN_ALLOCATOR)
    malloc_trim(0);
#endif
}

} // namespace psoas::core
