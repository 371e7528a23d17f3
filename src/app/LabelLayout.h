#pragma once
// Greedy placement of screen labels with leader lines: each label (in priority order) takes
// the first candidate box beside its anchor that stays inside the view and overlaps neither
// placed labels nor other anchors; a label with no free spot is left out. Labels prefer the
// side away from the view centre, so leaders point inwards at the anatomy.
#include <vector>

namespace psoas::app {

struct LabelRect {
    float x = 0, y = 0, w = 0, h = 0; // pixels, origin top-left
    bool overlaps(const LabelRect& o, float margin = 0.0f) const
    {
        return x < o.x + o.w + margin && o.x < x + w + margin && y < o.y + o.h + margin && o.y < y + h + margin;
    }
};

struct LabelRequest {
    float anchorX = 0, anchorY = 0; // pixels
    float width = 0, height = 0;    // text box size in pixels
    // The column a label belongs in (LabelColumns): -1 left, +1 right, 0 wherever its anchor is.
    // The attachments of a right-sided muscle stand on the side where the patient's right is,
    // not over the vertebral bodies they name when some anchors lie a pixel past the middle.
    int side = 0;
};

struct PlacedLabel {
    int request = -1;   // index into the requests
    LabelRect box;
    float leaderX = 0, leaderY = 0; // where the leader line meets the box
};

class LabelLayout {
public:
    // Requests are placed in the order given (put the important ones first).
    static std::vector<PlacedLabel> place(const std::vector<LabelRequest>& requests, float viewWidth,
                                          float viewHeight, float gap = 6.0f);
};

} // namespace psoas::app
