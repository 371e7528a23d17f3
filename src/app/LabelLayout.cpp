#include "app/LabelLayout.h"

#include <cmath>

namespace psoas::app {

std::vector<PlacedLabel> LabelLayout::place(const std::vector<LabelRequest>& requests, float viewWidth,
                                            float viewHeight, float gap)
{
    std::vector<PlacedLabel> placed;
    // Every anchor keeps a small clear square so that labels never cover another landmark.
    const float dot = 7.0f;
    std::vector<LabelRect> anchors;
    for (const auto& r : requests) anchors.push_back({r.anchorX - dot, r.anchorY - dot, 2 * dot, 2 * dot});

    static const float reaches[] = {28.0f, 60.0f, 100.0f, 150.0f, 210.0f};
    static const float rows[] = {0.0f, -1.2f, 1.2f, -2.4f, 2.4f, -3.6f, 3.6f};
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& r = requests[i];
        if (!(r.width > 0 && r.height > 0) || !std::isfinite(r.anchorX) || !std::isfinite(r.anchorY)) continue;
        const bool preferRight = r.anchorX >= viewWidth * 0.5f;
        bool done = false;
        for (float reach : reaches) {
            for (float row : rows) {
                for (int side = 0; side < 2 && !done; ++side) {
                    const bool right = (side == 0) == preferRight;
                    LabelRect box;
                    box.w = r.width;
                    box.h = r.height;
                    box.x = right ? r.anchorX + reach : r.anchorX - reach - r.width;
                    box.y = r.anchorY - r.height * 0.5f + row * r.height;
                    if (box.x < 2 || box.y < 2 || box.x + box.w > viewWidth - 2 || box.y + box.h > viewHeight - 2)
                        continue;
                    bool free = true;
                    for (const auto& p : placed)
                        if (box.overlaps(p.box, gap)) { free = false; break; }
                    for (std::size_t a = 0; a < anchors.size() && free; ++a)
                        if (box.overlaps(anchors[a])) free = false;
                    if (!free) continue;
                    PlacedLabel pl;
                    pl.request = int(i);
                    pl.box = box;
                    pl.leaderX = right ? box.x : box.x + box.w;
                    pl.leaderY = box.y + box.h * 0.5f;
                    placed.push_back(pl);
                    done = true;
                }
                if (done) break;
            }
            if (done) break;
        }
    }
    return placed;
}

} // namespace psoas::app
