#pragma once
// Zoomed out (or in a small image, or with the larger type of presentation mode), the six
// vertebra labels T12, L1–L5 would stack beside anchors only a few pixels apart and fan their
// leader lines out. When two consecutive vertebra anchors on screen are closer than a label is
// tall, the vertebra labels become one label naming the range ("T12–L5"), whose leader meets
// a bracket drawn through the levels along the spine; zoomed in, they part again.
// Plain C++ (screen pixels in, no Qt).
#include <string>
#include <vector>

namespace psoas::app {

struct ScreenLabel {
    std::string landmark; // node id, e.g. "lm_l3_body"
    std::string text;     // "L3"
    float x = 0, y = 0;   // anchor on screen, pixels
    float distance = 0;   // of the anchor from the camera, metres (nearer twin wins, TwinLabels)
};

struct SpineRun {
    std::string text;         // first and last level shown, e.g. "T12–L5"
    std::vector<int> members; // indices into the input, top level first
    float fromX = 0, fromY = 0, toX = 0, toY = 0; // anchors of the first and last member
    float x = 0, y = 0;       // anchor of the merged label: the middle of the run
};

class SpineLabels {
public:
    // T12 to L5, top to bottom.
    static const std::vector<std::string>& levels();
    static bool isVertebra(const std::string& landmark);
    // True (and `run` filled) when at least two vertebra labels are shown and two consecutive
    // ones (by level) have anchors closer than `minSpacing` pixels; false leaves them apart.
    static bool merge(const std::vector<ScreenLabel>& labels, float minSpacing, SpineRun& run);
};

} // namespace psoas::app
