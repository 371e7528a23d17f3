#include "core/Error.h"

#include <cmath>
#include <cstdio>

namespace psoas::core {

std::string formatNumber(double v)
{
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace psoas::core
