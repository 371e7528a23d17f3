#pragma once
// Fallback id lists used when assets/models/catalog.json or assets/poses/ are not there
// (the shared names every module agrees on).
#include "content/ContentItem.h"

#include <string>
#include <vector>

namespace psoas::content {

std::vector<std::string> defaultStructureIds();
std::vector<std::string> defaultPoseNames();
// "psoas_major_r" -> "Psoas major (right)", "lm_asis_l" -> "ASIS (left)", used when no catalog names exist.
std::string displayNameFromId(const std::string& id);
std::vector<StructureInfo> defaultStructures();

} // namespace psoas::content
