// The GLIBC_TUNABLES value a --render restarts with: huge pages added, the user's settings kept.
#include "core/HugePages.h"

#include <catch2/catch.hpp>

using psoas::core::tunablesWithHugePages;

TEST_CASE("A --render adds glibc's huge-page setting and keeps the user's own tunables", "[core][startup]")
{
    CHECK(tunablesWithHugePages(nullptr) == "glibc.malloc.hugetlb=1");
    CHECK(tunablesWithHugePages("") == "glibc.malloc.hugetlb=1");
    CHECK(tunablesWithHugePages("glibc.malloc.check=3") == "glibc.malloc.check=3:glibc.malloc.hugetlb=1");
    // Already set by the user (on or off) or by the first start: nothing to change, no restart.
    CHECK(tunablesWithHugePages("glibc.malloc.hugetlb=0").empty());
    CHECK(tunablesWithHugePages("glibc.malloc.check=3:glibc.malloc.hugetlb=1").empty());
}
