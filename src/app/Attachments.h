#pragma once
// Origin and insertion areas of a muscle: the model's attachment nodes named
// "<muscle>.origin", "<muscle>.origin.<level>" and "<muscle>.insertion" (with an extras
// radius), posed with their bones. Used to mark them when a muscle is selected and to frame
// the camera on them ("Show attachments").
#include "core/Math.h"

#include <string>
#include <vector>

namespace psoas::app {

class Document;

struct AttachmentArea {
    std::string id;       // node id, e.g. "psoas_major_r.origin.l3"
    bool origin = true;   // false: insertion
    std::string text;     // label: "L3", "Lesser trochanter", "Origin", ...
    std::string body;     // bone it sits on
    Vec3 world{0.0f};     // posed centre, model frame
    float radius = 0.01f; // metres
    bool deep = false;    // a deep-layer area (the psoas slips from the transverse processes):
                          // marked, but labelled only where a lesson step names it
};

class Attachments {
public:
    // Areas of `muscle` (a muscle id such as "psoas_major_r"); empty for other ids.
    static std::vector<AttachmentArea> of(const Document& doc, const std::string& muscle);
    // The areas with these node ids ("psoas_major_r.origin.l3_tp"), in the order given; unknown
    // ids are skipped.
    static std::vector<AttachmentArea> named(const Document& doc, const std::vector<std::string>& ids);
    // Box around the areas (with their radii); false when there are none.
    static bool bounds(const std::vector<AttachmentArea>& areas, Vec3& mn, Vec3& mx);
};

// The box a lesson camera with "frame": "show" (and Show Attachments) fits: the posed positions of the shown attachment
// areas (with their radii) and landmarks; with nothing shown, the selected muscles' attachment
// areas. Padded by 3 cm. False when there is nothing to frame.
bool showBounds(const Document& doc, const std::vector<std::string>& show, const std::vector<std::string>& selection,
                Vec3& mn, Vec3& mx);

// What the viewer marks and labels for a lesson step's "show" list (attachment areas as marks
// with labels, the other ids as landmark labels) or, with nothing shown, for a selected
// muscle (`selectedMuscle`, empty when the selection is not a muscle): its attachment areas.
struct ShownMarks {
    std::vector<AttachmentArea> areas;
    std::vector<std::string> landmarks;
    bool labelDeepAreas = false; // a step names them: deep-layer areas get labels too
    bool empty() const { return areas.empty() && landmarks.empty(); }
};
ShownMarks shownMarks(const Document& doc, const std::vector<std::string>& shown, const std::string& selectedMuscle);

} // namespace psoas::app
