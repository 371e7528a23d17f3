#pragma once
// Writes the shipped content database (content.db) from a validated ContentLibrary and the
// catalog's structures. Used by tools/contentbuild at build time. The file is written next
// to the target under a temporary name and renamed into place, so a failed build never
// leaves a half-written database behind.
#include "content/ContentItem.h"
#include "content/ContentLibrary.h"
#include "core/Error.h"

#include <string>
#include <vector>

namespace psoas::content {

class ContentDatabaseWriter {
public:
    // Current schema version (PRAGMA user_version and meta.schema_version).
    // 2: sources carry doi and isbn.
    static constexpr int schemaVersion = 2;

    static core::Status write(const ContentLibrary& library, const std::vector<StructureInfo>& structures,
                              const std::string& path);
};

} // namespace psoas::content
