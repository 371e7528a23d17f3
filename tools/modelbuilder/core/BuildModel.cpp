#include "BuildModel.h"

namespace psoas::modelbuilder {

core::Status buildModel(RigData&, const std::string& glbPath)
{
    return core::makeError(glbPath + ": the mesh builder is not written yet; run with --rig-only");
}

} // namespace psoas::modelbuilder
