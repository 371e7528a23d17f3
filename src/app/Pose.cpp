#include "app/Pose.h"

#include "app/Document.h"

namespace psoas::app {

Pose Pose::of(const Document& doc)
{
    Pose p;
    if (const auto* k = doc.kinematics()) {
        for (const auto& c : k->coordinates()) p.coordinates[c.name] = k->coordinate(c.name);
        p.mode = solver::modeName(k->mode());
        p.body = solver::bodyName(k->body());
    }
    return p;
}

core::Status Pose::applyTo(Document& doc) const
{
    core::Status status;
    auto* k = doc.kinematics();
    if (!k) return core::makeError(doc.poseError());
    if (!mode.empty()) {
        if (auto m = solver::parseModeName(mode)) k->setMode(*m);
        else status = m.error();
    }
    if (!body.empty()) {
        solver::Body b = k->body();
        if (solver::parseBody(body, b)) k->setBody(b);
        else if (status) status = core::makeError("body orientation '" + body + "' is unknown; use standing, supine or prone");
    }
    // In standing mode the solved coordinates are ignored by setCoordinate (noted, not an error).
    for (const auto& [name, value] : coordinates) {
        std::string note;
        if (auto st = k->setCoordinate(name, value, &note); !st && status) status = st;
    }
    if (auto u = doc.updatePose(); !u && status) status = u;
    return status;
}

} // namespace psoas::app
