#include "app/SpineLabels.h"

#include <algorithm>
#include <cmath>

namespace psoas::app {

const std::vector<std::string>& SpineLabels::levels()
{
    static const std::vector<std::string> ids = {"lm_t12_body", "lm_l1_body", "lm_l2_body",
                                                 "lm_l3_body",  "lm_l4_body", "lm_l5_body"};
    return ids;
}

bool SpineLabels::isVertebra(const std::string& landmark)
{
    const auto& ids = levels();
    return std::find(ids.begin(), ids.end(), landmark) != ids.end();
}

bool SpineLabels::merge(const std::vector<ScreenLabel>& labels, float minSpacing, SpineRun& run)
{
    std::vector<int> members; // by level
    for (const auto& id : levels())
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i].landmark == id && std::isfinite(labels[i].x) && std::isfinite(labels[i].y)) {
                members.push_back(int(i));
                break;
            }
    if (members.size() < 2) return false;
    bool crowded = false;
    for (std::size_t k = 1; k < members.size(); ++k) {
        const auto& a = labels[std::size_t(members[k - 1])];
        const auto& b = labels[std::size_t(members[k])];
        if (std::hypot(b.x - a.x, b.y - a.y) < minSpacing) crowded = true;
    }
    if (!crowded) return false;
    const auto& first = labels[std::size_t(members.front())];
    const auto& last = labels[std::size_t(members.back())];
    run = SpineRun{};
    run.text = first.text + "\u2013" + last.text;
    run.members = members;
    run.fromX = first.x;
    run.fromY = first.y;
    run.toX = last.x;
    run.toY = last.y;
    // The label's anchor is the middle of the run (on the spine, also when it curves).
    const std::size_t n = members.size();
    const auto& m0 = labels[std::size_t(members[(n - 1) / 2])];
    const auto& m1 = labels[std::size_t(members[n / 2])];
    run.x = 0.5f * (m0.x + m1.x);
    run.y = 0.5f * (m0.y + m1.y);
    return true;
}

} // namespace psoas::app
