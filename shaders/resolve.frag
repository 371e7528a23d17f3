#version 330 core
// Resolves a multisampled colour image into a single-sample one: the mean of each pixel's
// samples, as glBlitFramebuffer does. Our own pass because Mesa builds the shader of its
// blit-resolve afresh in every process (60-150 ms of LLVM on llvmpipe), while this program
// comes from the shader cache after the first run. Drawn with background.vert's full-screen
// triangle.
uniform sampler2DMS uImage;
uniform uint uSamples;
out vec4 fragColor;

void main()
{
    ivec2 p = ivec2(gl_FragCoord.xy);
    vec4 sum = vec4(0.0);
    for (int i = 0; i < int(uSamples); ++i) sum += texelFetch(uImage, p, i);
    fragColor = sum / float(uSamples);
}
