#include "FidelityCheck.h"

#include "SurfaceSampler.h"
#include "TriangleBvh.h"

namespace psoas::fidelity {

FidelityResult compareVertebra(const TriMesh& model, const TriMesh& reference, const FidelityOptions& options)
{
    FidelityResult r;
    const TriangleBvh modelBvh(model), referenceBvh(reference);
    const auto modelSamples = sampleSurface(model, options.samples, options.seed);
    const auto referenceSamples = sampleSurface(reference, options.samples, options.seed + 1);
    r.alignment = alignSimilarity(referenceBvh, referenceSamples, modelBvh, modelSamples, options.align);

    // A uniform scale keeps area proportions, so the transformed samples are still even.
    const TriMesh aligned = transformed(reference, r.alignment.transform);
    const TriangleBvh alignedBvh(aligned);
    r.distance = symmetricDistance(transformed(referenceSamples, r.alignment.transform), alignedBvh, modelSamples, modelBvh);

    r.model = measureVertebra(model);
    Similarity rotationOnly;
    rotationOnly.rotation = r.alignment.transform.rotation;
    r.reference = measureVertebra(transformed(reference, rotationOnly));
    return r;
}

} // namespace psoas::fidelity
