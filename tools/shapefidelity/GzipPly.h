#pragma once
// Reader for the reference scans: gzip-compressed (or plain) binary little-endian PLY with
// float32 x y z vertices and triangle faces ("property list uchar int|uint vertex_indices").
// Other PLY layouts are refused with a message; indices are checked against the vertex count.
#include "TriMesh.h"

#include <string>

namespace psoas::fidelity {

// Returns false and sets `error` (naming the file) when the file cannot be read as above.
bool readGzipPly(const std::string& path, TriMesh& mesh, std::string& error);

} // namespace psoas::fidelity
