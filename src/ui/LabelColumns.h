#pragma once
// Label placement for crowded views (a selected muscle's attachments plus the landmarks):
// labels stand in two columns beside the anatomy, left-hand anchors to the left column and
// right-hand anchors to the right, each column ordered by anchor height so that leader lines
// run side by side instead of crossing. Boxes never overlap each other and stay inside the
// view; a column stands beyond its anchors, and a box that would leave a narrow view moves
// inwards. When a column is full the lowest-priority labels are left out (requests come
// in priority order). Labels whose leaders would still cross trade places. No box ever covers
// its own anchor's marker: in a view too narrow for a column beside the anchor, the box
// stands above or below the marker instead, or is left out.
#include "app/LabelLayout.h"

#include <vector>

namespace psoas::ui {

class LabelColumns {
public:
    // Returns one PlacedLabel per label shown (request = index into `requests`). `gap` is the
    // free space between boxes; `reach` the least horizontal distance from an anchor to its box.
    // `markerRadii` (one per request, or empty) is the radius of the mark drawn at each anchor
    // (an attachment disc, a landmark dot) that its own box must leave uncovered; missing or
    // smaller values use `gap`.
    static std::vector<app::PlacedLabel> place(const std::vector<app::LabelRequest>& requests, float viewWidth,
                                               float viewHeight, float gap = 6.0f, float reach = 24.0f,
                                               const std::vector<float>& markerRadii = {});
    // Distance from a point to a box (0 inside it).
    static float distanceToBox(const app::LabelRect& box, float x, float y);
    // True when the segments a–b and c–d cross (touching ends do not count).
    static bool segmentsCross(float ax, float ay, float bx, float by, float cx, float cy, float dx, float dy);
};

} // namespace psoas::ui
