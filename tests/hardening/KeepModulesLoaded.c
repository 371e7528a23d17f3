/* Preloaded (LD_PRELOAD) into the test programs of the sanitizer run only; never part of the app.
 *
 * Mesa's EGL/GLX loaders dlclose() the software-rendering driver (swrast_dri.so, with its LLVM
 * JIT) at eglTerminate or at exit. Memory that driver keeps for the life of the process is then
 * reported by LeakSanitizer with frames in an "<unknown module>", because the library is gone by
 * the time the leak check runs, so no suppression by library name can match it. Keeping every
 * library loaded until exit lets LeakSanitizer name the library (and tests/hardening/lsan.supp
 * suppress it), while leaks whose stack reaches our own code are still reported.
 *
 * Built by tests/hardening/run_sanitizers.sh (and run_fuzzers.sh) with clang-14, uninstrumented.
 */
int dlclose(void* handle)
{
    (void)handle;
    return 0;
}
