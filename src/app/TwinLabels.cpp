#include "app/TwinLabels.h"

#include <cmath>

namespace psoas::app {

std::string TwinLabels::twinOf(const std::string& landmark)
{
    const std::size_t n = landmark.size();
    if (n < 3 || landmark[n - 2] != '_') return {};
    const char side = landmark[n - 1];
    if (side != 'l' && side != 'r') return {};
    return landmark.substr(0, n - 1) + (side == 'l' ? 'r' : 'l');
}

void TwinLabels::dropFarTwins(std::vector<ScreenLabel>& labels, float minSpacing)
{
    std::vector<bool> drop(labels.size(), false);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string twin = twinOf(labels[i].landmark);
        if (twin.empty()) continue;
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            if (labels[j].landmark != twin) continue;
            const float gap = std::hypot(labels[i].x - labels[j].x, labels[i].y - labels[j].y);
            if (!(gap < minSpacing)) break; // apart (or not finite): both keep their labels
            // The farther one goes; NaN distances count as far.
            const bool iNearer = labels[i].distance <= labels[j].distance || std::isnan(labels[j].distance);
            drop[iNearer ? j : i] = true;
            break;
        }
    }
    std::vector<ScreenLabel> kept;
    kept.reserve(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (!drop[i]) kept.push_back(std::move(labels[i]));
    labels = std::move(kept);
}

} // namespace psoas::app
