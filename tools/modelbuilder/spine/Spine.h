#pragma once
// MODEL-B: the spine parts of the lumbopelvic model. T12 (with rib_12_l/_r), L1-L5, the
// discs disc_t12_l1 ... disc_l5_s1, and the lower thoracic cage (ribs 7-11 both sides,
// costal_cartilage_l/_r, sternum with xiphoid). Vertebrae are placed with RigLayout's frames
// so the rig's joints, vertebrae and discs agree.
#include "core/BuiltPart.h"
#include "core/RigLayout.h"
#include "spine/VertebraShape.h"

#include <vector>

namespace psoas::modelbuilder {

// Vertebra shape parameters for one level: RigLayout's dimensions with the sheet's extras
// (process thickness, facet angles).
VertebraDimensions vertebraDimensionsFrom(const RigLayout& rig, const std::string& id);

// The sculpted shape of one vertebra, its inferior articular processes fitted to the superior
// articular processes of the lumbar vertebra below it (when there is one).
VertebraShape vertebraShapeFrom(const RigLayout& rig, const std::string& id);

// One vertebra's mesh in the model frame, exactly as buildSpine makes it (parentJoint set).
BuiltPart buildVertebra(const RigLayout& rig, const std::string& id, double voxelSize);

// All spine and thoracic-cage parts: bones carry their rig joint as parentJoint, discs have
// parentJoint "" and uv1 = (0, t).
std::vector<BuiltPart> buildSpine(const RigLayout& rig);

// Voxel size used for the vertebrae (metres); tests may use a coarser one.
std::vector<BuiltPart> buildSpine(const RigLayout& rig, double voxelSize);

} // namespace psoas::modelbuilder
