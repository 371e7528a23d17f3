#include "ui/LabelColumns.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace psoas::ui {

namespace {

struct Entry {
    int request = -1;
    float anchorX = 0, anchorY = 0, w = 0, h = 0;
    float y = 0; // top of the box
};

// Stacks boxes (sorted by anchor height) as close to their anchors' heights as the column
// allows: push down past the previous box, then pull back up from the bottom edge.
void stack(std::vector<Entry>& col, float top, float bottom, float gap)
{
    float next = top;
    for (auto& e : col) {
        e.y = std::max(e.anchorY - e.h * 0.5f, next);
        next = e.y + e.h + gap;
    }
    float limit = bottom;
    for (auto it = col.rbegin(); it != col.rend(); ++it) {
        it->y = std::min(it->y, limit - it->h);
        limit = it->y - gap;
    }
}

float columnHeight(const std::vector<Entry>& col, float gap)
{
    float h = 0.0f;
    for (const auto& e : col) h += e.h + gap;
    return col.empty() ? 0.0f : h - gap;
}

} // namespace

bool LabelColumns::segmentsCross(float ax, float ay, float bx, float by, float cx, float cy, float dx, float dy)
{
    auto orient = [](float px, float py, float qx, float qy, float rx, float ry) {
        const float v = (qx - px) * (ry - py) - (qy - py) * (rx - px);
        return v > 1e-4f ? 1 : (v < -1e-4f ? -1 : 0);
    };
    const int o1 = orient(ax, ay, bx, by, cx, cy), o2 = orient(ax, ay, bx, by, dx, dy);
    const int o3 = orient(cx, cy, dx, dy, ax, ay), o4 = orient(cx, cy, dx, dy, bx, by);
    return o1 * o2 < 0 && o3 * o4 < 0;
}

float LabelColumns::distanceToBox(const app::LabelRect& box, float x, float y)
{
    const float dx = std::max({box.x - x, 0.0f, x - (box.x + box.w)});
    const float dy = std::max({box.y - y, 0.0f, y - (box.y + box.h)});
    return std::hypot(dx, dy);
}

std::vector<app::PlacedLabel> LabelColumns::place(const std::vector<app::LabelRequest>& requests, float viewWidth,
                                                  float viewHeight, float gap, float reach,
                                                  const std::vector<float>& markerRadii)
{
    const float margin = 4.0f;
    auto clearRadius = [&](int request) {
        const float r = std::size_t(request) < markerRadii.size() ? markerRadii[std::size_t(request)] : 0.0f;
        return std::isfinite(r) ? std::max(r, gap) : gap;
    };
    std::vector<Entry> valid;
    float minX = std::numeric_limits<float>::max(), maxX = std::numeric_limits<float>::lowest();
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& r = requests[i];
        if (!(r.width > 0 && r.height > 0) || !std::isfinite(r.anchorX) || !std::isfinite(r.anchorY)) continue;
        if (r.width > viewWidth - 2 * margin || r.height > viewHeight - 2 * margin) continue;
        valid.push_back({int(i), r.anchorX, r.anchorY, r.width, r.height, 0.0f});
        minX = std::min(minX, r.anchorX);
        maxX = std::max(maxX, r.anchorX);
    }
    if (valid.empty()) return {};

    // Sides: split at the middle of the anchors, then balance so that neither column overflows
    // while the other has room (the anchors nearest the split move first).
    const float mid = 0.5f * (minX + maxX);
    std::vector<Entry> left, right;
    for (const auto& e : valid) {
        const int side = requests[std::size_t(e.request)].side;
        (side < 0 || (side == 0 && e.anchorX < mid) ? left : right).push_back(e);
    }
    const float room = viewHeight - 2 * margin;
    auto rebalance = [&](std::vector<Entry>& from, std::vector<Entry>& to) {
        while (columnHeight(from, gap) > room && columnHeight(to, gap) + from.back().h + gap <= room) {
            auto nearest = std::min_element(from.begin(), from.end(), [&](const Entry& a, const Entry& b) {
                return std::abs(a.anchorX - mid) < std::abs(b.anchorX - mid);
            });
            to.push_back(*nearest);
            from.erase(nearest);
        }
    };
    rebalance(left, right);
    rebalance(right, left);

    // A label too wide for its side of a narrow view goes to the other side when it fits there
    // (instead of being pushed back over its own anchor).
    auto outerX = [](const std::vector<Entry>& col, bool isLeft) {
        float v = isLeft ? std::numeric_limits<float>::max() : std::numeric_limits<float>::lowest();
        for (const auto& e : col) v = isLeft ? std::min(v, e.anchorX) : std::max(v, e.anchorX);
        return v;
    };
    auto crossOver = [&](std::vector<Entry>& from, std::vector<Entry>& to, bool fromLeft) {
        const float toOuter = to.empty() ? mid : outerX(to, !fromLeft);
        const float toEdge = toOuter + (fromLeft ? reach : -reach);
        for (std::size_t i = 0; i < from.size();) {
            const float fromEdge = outerX(from, fromLeft) + (fromLeft ? -reach : reach);
            const Entry& e = from[i];
            const bool fitsHere = fromLeft ? fromEdge - e.w >= margin : fromEdge + e.w <= viewWidth - margin;
            const bool fitsThere = fromLeft ? toEdge + e.w <= viewWidth - margin : toEdge - e.w >= margin;
            if (!fitsHere && fitsThere && columnHeight(to, gap) + e.h + gap <= room) {
                to.push_back(e);
                from.erase(from.begin() + std::ptrdiff_t(i));
            } else {
                ++i;
            }
        }
    };
    crossOver(left, right, true);
    crossOver(right, left, false);

    // A column keeps its highest-priority labels that fit.
    auto trim = [&](std::vector<Entry>& col) {
        std::sort(col.begin(), col.end(), [](const Entry& a, const Entry& b) { return a.request < b.request; });
        while (!col.empty() && columnHeight(col, gap) > room) col.pop_back();
        std::sort(col.begin(), col.end(), [](const Entry& a, const Entry& b) {
            return a.anchorY != b.anchorY ? a.anchorY < b.anchorY : a.request < b.request;
        });
    };
    trim(left);
    trim(right);

    std::vector<app::PlacedLabel> out;
    auto placeColumn = [&](std::vector<Entry>& col, bool isLeft) {
        if (col.empty()) return;
        // The column's inner edge stands `reach` beyond its outermost anchor, inside the view.
        float edge = 0.0f;
        if (isLeft) {
            float outer = std::numeric_limits<float>::max();
            for (const auto& e : col) outer = std::min(outer, e.anchorX);
            edge = outer - reach; // right edge of the boxes
        } else {
            float outer = std::numeric_limits<float>::lowest();
            for (const auto& e : col) outer = std::max(outer, e.anchorX);
            edge = outer + reach; // left edge of the boxes
        }
        stack(col, margin, viewHeight - margin, gap);
        // Untangle: where two leaders cross, the two labels trade places; the stack is redone
        // after each pass (boxes may differ in height).
        auto end = [](const Entry& e) { return e.y + e.h * 0.5f; };
        for (int pass = 0; pass < 12; ++pass) {
            bool swapped = false;
            for (std::size_t i = 0; i < col.size(); ++i)
                for (std::size_t j = i + 1; j < col.size(); ++j) {
                    Entry &a = col[i], &b = col[j];
                    if (!segmentsCross(a.anchorX, a.anchorY, edge, end(a), b.anchorX, b.anchorY, edge, end(b))) continue;
                    std::swap(a, b); // the labels trade slots: each slot keeps its height
                    std::swap(a.y, b.y);
                    swapped = true;
                }
            if (!swapped) break;
            stack(col, margin, viewHeight - margin, gap);
        }
        for (const auto& e : col) {
            app::PlacedLabel pl;
            pl.request = e.request;
            pl.box.w = e.w;
            pl.box.h = e.h;
            // A box that would leave the view moves inwards (narrow views); its leader then
            // ends a little further in, and the clash check below keeps the result clean.
            pl.box.x = isLeft ? std::clamp(edge - e.w, margin, std::max(margin, viewWidth - margin - e.w))
                              : std::clamp(edge, margin, std::max(margin, viewWidth - margin - e.w));
            pl.box.y = e.y;
            pl.leaderX = isLeft ? pl.box.x + pl.box.w : pl.box.x;
            pl.leaderY = pl.box.y + pl.box.h * 0.5f;
            // Moved inwards over its own marker (a narrow view): stand just above or below the
            // marker instead (whichever is nearer the column slot and fits), else leave it out.
            const float r = clearRadius(e.request);
            if (distanceToBox(pl.box, e.anchorX, e.anchorY) < r) {
                const float above = e.anchorY - r - gap - e.h, below = e.anchorY + r + gap;
                const bool fitsAbove = above >= margin, fitsBelow = below + e.h <= viewHeight - margin;
                if (!fitsAbove && !fitsBelow) continue;
                const bool useAbove = fitsAbove && (!fitsBelow || std::abs(above - e.y) <= std::abs(below - e.y));
                pl.box.y = useAbove ? above : below;
                pl.leaderX = std::clamp(e.anchorX, pl.box.x, pl.box.x + pl.box.w);
                pl.leaderY = useAbove ? pl.box.y + pl.box.h : pl.box.y;
            }
            out.push_back(pl);
        }
    };
    placeColumn(left, true);
    placeColumn(right, false);
    std::sort(out.begin(), out.end(),
              [](const app::PlacedLabel& a, const app::PlacedLabel& b) { return a.request < b.request; });
    // In a narrow view the two columns can meet: in priority order, a label whose box overlaps
    // or whose leader crosses one already kept is left out.
    std::vector<app::PlacedLabel> kept;
    for (const auto& pl : out) {
        const auto& r = requests[std::size_t(pl.request)];
        bool clash = false;
        for (const auto& k : kept) {
            const auto& rk = requests[std::size_t(k.request)];
            if (pl.box.overlaps(k.box, gap * 0.5f) ||
                segmentsCross(r.anchorX, r.anchorY, pl.leaderX, pl.leaderY, rk.anchorX, rk.anchorY, k.leaderX, k.leaderY)) {
                clash = true;
                break;
            }
        }
        if (!clash) kept.push_back(pl);
    }
    return kept;
}

} // namespace psoas::ui
