#pragma once
// A pose as a value: the solver's mode ("standing" or "free"), the body orientation
// ("standing", "supine", "prone") and every coordinate in degrees.
// Reading it from a document and writing it back is exact; two poses compare equal when the
// solver would do the same with them.
#include "core/Error.h"

#include <map>
#include <string>

namespace psoas::app {

class Document;

struct Pose {
    std::string mode;                          // "standing" / "free"; empty without a solver
    std::map<std::string, double> coordinates; // name -> degrees (or the coordinate's unit)
    std::string body;                          // "standing" / "supine" / "prone"; empty keeps the document's

    bool empty() const { return mode.empty() && coordinates.empty(); }
    bool operator==(const Pose& o) const { return mode == o.mode && coordinates == o.coordinates && body == o.body; }
    bool operator!=(const Pose& o) const { return !(*this == o); }

    // The document's current pose (empty for a document without a solver).
    static Pose of(const Document& doc);
    // Sets mode and coordinates on the document's solver and poses the scene. A coordinate the
    // standing solver computes itself is noted, not an error; an unknown name or a bad value
    // is an error naming it (the rest is still applied).
    core::Status applyTo(Document& doc) const;
};

} // namespace psoas::app
