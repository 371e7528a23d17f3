#pragma once
// Colours muscles by how shortened or lengthened they are: length as % of neutral mapped to
// a blue (shorter) .. own colour (neutral) .. red (longer) scale on the muscle's colour.
// Plain C++; it remembers each node's own colour so that turning it off restores them.
#include "core/Math.h"

#include <map>
#include <string>

namespace psoas::app {

class Document;

class LengthColouring {
public:
    // Full blue or red at this many percent away from the neutral length.
    static constexpr double kFullScalePct = 15.0;
    static Vec3 shorterColour() { return Vec3(0.15f, 0.35f, 0.95f); }
    static Vec3 longerColour() { return Vec3(0.9f, 0.12f, 0.1f); }
    // The tinted colour for `base` at `lengthPct` (100 = neutral).
    static Vec3 tint(const Vec3& base, double lengthPct);

    bool enabled() const { return m_enabled; }
    // Turns colouring on (and colours the current pose) or off (restores the own colours).
    void setEnabled(Document& doc, bool on);
    // Recolours after a pose change (does nothing when off).
    void update(Document& doc);
    // The document is going away: forget remembered colours.
    void reset() { m_base.clear(); m_enabled = false; }

private:
    bool m_enabled = false;
    std::map<int, Vec3> m_base; // scene node -> own colour
};

} // namespace psoas::app
