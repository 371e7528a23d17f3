#pragma once
// Two dimensions of a lumbar vertebra, in the model's frame (x: left-right, y: superior,
// z: anterior; millimetres):
// - transverse-process span: the vertebra's largest left-right extent (tip to tip of the
//   transverse processes, the widest part of a lumbar vertebra);
// - canal depth: antero-posterior depth of the vertebral foramen in the midsagittal plane, from
//   the back of the body to the front of the arch, the smallest such gap over the heights where
//   the midline meets both body and arch, leaving out the endplate rims (the canal's narrowest
//   sagittal diameter).
#include "TriMesh.h"

namespace psoas::fidelity {

struct VertebraMeasures {
    double tpSpan = 0.0;
    double canalDepth = 0.0; // 0 when the midline never meets body and arch at the same height
};

// The mesh must be closed (inside and outside are told apart by crossing parity).
VertebraMeasures measureVertebra(const TriMesh& mesh);

} // namespace psoas::fidelity
