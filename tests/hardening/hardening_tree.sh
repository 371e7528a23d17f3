# Sourced by run_sanitizers.sh and run_fuzzers.sh: configures the one instrumented tree both
# use, so CI compiles the project once for the sanitizer run and the fuzzers.
#   clang-14, -fsanitize=address,undefined (-fno-sanitize-recover=all: UBSan aborts too)
#   plus -fsanitize=fuzzer-no-link (coverage for libFuzzer; the test programs link without
#   libFuzzer and the sanitizer runtime's no-op hooks take the coverage callbacks).
# PSOAS_SANITIZE=ON adds the sanitizer flags (top-level CMakeLists.txt), PSOAS_FUZZ=ON the
# five harnesses (tests/fuzz). Debug with -O1 keeps the run fast and the stacks readable.

# psoas_configure_hardening_tree SOURCE_DIR BUILD_DIR
psoas_configure_hardening_tree() {
  local src="$1" out="$2"
  if ! command -v clang++-14 >/dev/null; then
    echo "hardening: clang++-14 is missing; install clang-14 and libclang-rt-14-dev (bash tools/dev.sh test does)." >&2
    return 1
  fi
  if [ -f "$out/CMakeCache.txt" ] && grep -q "^PSOAS_FUZZ:BOOL=ON" "$out/CMakeCache.txt" &&
     grep -q "^PSOAS_SANITIZE:BOOL=ON" "$out/CMakeCache.txt"; then
    return 0
  fi
  mkdir -p "$out"
  CC=clang-14 CXX=clang++-14 cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_FLAGS="-Wno-unknown-warning-option -fsanitize=fuzzer-no-link" \
    -DPSOAS_SANITIZE=ON -DPSOAS_FUZZ=ON -DPSOAS_BUILD_TESTS=ON -DPSOAS_BUILD_BENCH=OFF \
    -DPSOAS_HARDENING_CI=OFF >"$out/configure.log" 2>&1 || { cat "$out/configure.log"; return 1; }
}

# psoas_available_targets BUILD_DIR: every target name the tree knows, one per line.
psoas_available_targets() {
  cmake --build "$1" --target help | sed -n 's/^\.\.\. \([A-Za-z0-9_-]*\).*/\1/p'
}

# psoas_sanitizer_env SOURCE_DIR [REPORT_DIR]: sanitizer settings for every run. Leaks inside
# system libraries we do not build are suppressed in lsan.supp (each line says why); a leak in
# our code fails. With REPORT_DIR, every process (also the psoas-atlas children a test starts,
# whose stderr the test may swallow) writes its reports to REPORT_DIR/report.<pid>, and
# psoas_sanitizer_reports finds them; a report also makes the process exit with code 86.
psoas_sanitizer_env() {
  local src="$1" reports="${2:-}" log=""
  if [ -n "$reports" ]; then
    mkdir -p "$reports"
    log=":log_path=$reports/report"
  fi
  # No strict_string_checks: with it ASan checks a strndup() source up to its NUL even when the
  # length argument stops earlier, and libxkbcommon-x11 (Qt's xcb keyboard set-up) legally
  # strndup()s X atom names that have no NUL, a false heap-buffer-overflow in every widget test.
  # intercept_tls_get_addr=0: clang-14's LeakSanitizer records dynamic-TLS blocks by intercepting
  # __tls_get_addr, and for a library that is dlopen'ed at run time (Mesa's llvmpipe driver, loaded
  # by libGL/libEGL) it can record a bogus range (seen: "DTLS 10 at 0x0000000034cd-0x0018000045cf").
  # At exit the leak check scans that range, its tracer thread takes SIGSEGV ("Tracer caught signal
  # 11") and LSan dies with "LeakSanitizer has encountered a fatal error" after every test passed;
  # it failed app_tests on fresh machines. Without the interceptor LSan still scans each thread's
  # static TLS and the whole heap, so leaks in our code are still found (checked: a deliberate leak
  # in a test program is still reported with this setting).
  export ASAN_OPTIONS="detect_leaks=1:intercept_tls_get_addr=0:halt_on_error=1:abort_on_error=0:exitcode=86:detect_stack_use_after_return=1:check_initialization_order=1$log"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86:suppressions=$src/tests/hardening/ubsan.supp$log"
  export LSAN_OPTIONS="suppressions=$src/tests/hardening/lsan.supp:print_suppressions=0"
  # Readable stacks (file:line) when llvm-14's symbolizer is installed.
  if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
    export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
  fi
}

# psoas_sanitizer_tool_failure FILE...: prints a line naming the sanitizer's own failure (not a
# finding in our code) if any of the files holds one, and succeeds then.
psoas_sanitizer_tool_failure() {
  local f
  for f in "$@"; do
    [ -e "$f" ] || continue
    if grep -q -E "Sanitizer has encountered a fatal error|Tracer caught signal|CHECK failed: sanitizer_" "$f"; then
      echo "sanitizer TOOL failure in $f (the sanitizer runtime itself crashed or aborted; this is not a leak or" \
           "error found in our code, and the test results before it stand): $(grep -m1 -E 'Tracer caught signal|CHECK failed|encountered a fatal error' "$f")"
      return 0
    fi
  done
  return 1
}

# psoas_sanitizer_reports REPORT_DIR: prints every report written there and fails if any.
psoas_sanitizer_reports() {
  local f found=1
  for f in "$1"/report.*; do
    [ -e "$f" ] || continue
    found=0
    echo "---- sanitizer report $f"
    cat "$f"
  done
  return $(( 1 - found ))
}

# psoas_keep_modules_library SOURCE_DIR BUILD_DIR: builds KeepModulesLoaded.c (uninstrumented)
# and prints the path of the library to preload.
psoas_keep_modules_library() {
  local src="$1" out="$2" lib="$2/libpsoas_keep_modules.so"
  if [ ! -f "$lib" ] || [ "$src/tests/hardening/KeepModulesLoaded.c" -nt "$lib" ]; then
    clang-14 -shared -fPIC -O1 -Wall -Wextra -o "$lib" "$src/tests/hardening/KeepModulesLoaded.c"
  fi
  echo "$lib"
}
