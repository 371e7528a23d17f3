#include "core/OutputCheck.h"

#include "anatomy/Catalog.h"
#include "solver/RigData.h"

namespace psoas::modelbuilder {

core::Status checkReadsBack(const std::string& rigText, const std::string& catalogText)
{
    if (auto rig = solver::RigData::fromJsonText(rigText, "rig.json (as built)"); !rig)
        return core::makeError("the viewer cannot read the rig the builder made: " + rig.message() +
                               " Fix the builder (core/RigJson.cpp) or its data; rig.json and catalog.json were not written.");
    if (auto catalog = anatomy::Catalog::fromJsonText(catalogText, "catalog.json (as built)"); !catalog)
        return core::makeError("the viewer cannot read the catalog the builder made: " + catalog.message() +
                               " Fix data/catalog.json or the builder; rig.json and catalog.json were not written.");
    return core::Status::success();
}

} // namespace psoas::modelbuilder
