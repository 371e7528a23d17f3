#!/usr/bin/env bash
# Builds the test suites with AddressSanitizer + UndefinedBehaviorSanitizer (clang-14, the
# shared instrumented tree of hardening_tree.sh) and runs them. Any sanitizer report, leak in
# our code, failed test or crash fails the run.
#   usage: run_sanitizers.sh SOURCE_DIR BUILD_DIR [build|run|all]
#     build: compile the test programs, psoas-atlas and the fuzz harnesses (so that
#            run_fuzzers.sh has nothing left to compile); run: run them; all (default): both.
# Needs a display for the widget tests (tools/dev.sh runs it under xvfb-run).
# What runs: every test program, all of its test cases (except solver_tests' [random] case,
# ui_tests' [stall] timing case and most of model_tests: see catch_args below, with the
# reasons), but not shape_fidelity_tests (tools/shapefidelity measuring the committed model
# against the reference scans in tests/data/scans: offline geometry over trusted files, about
# 17 s in Release and many times that under ASan; the product never runs it), nor the model-builder tests
# (modelb_tests and the modelbuilder_* ctest cases): the builder is an offline tool built on
# OpenVDB whose output the Release run checks byte for byte against the committed model, and
# compiling OpenVDB's headers with ASan multiplies the build time several-fold for code that
# never sees user input.
# GL work (render tests, --render, widget tests) goes to Mesa's llvmpipe, which is not
# instrumented; the test programs run with KeepModulesLoaded.c preloaded so that leaks kept by
# Mesa's driver are attributed to it by name (see lsan.supp) instead of to an unloaded module.
# PSOAS_SANITIZE_ONLY="core_tests io_tests" limits the run to some programs.
set -euo pipefail
src="$(cd "${1:?source dir}" && pwd)"
out="${2:?build dir}"
step="${3:-all}"
case "$step" in build|run|all) ;; *) echo "run_sanitizers.sh: step '$step' is unknown; use build, run or all" >&2; exit 2 ;; esac
jobs="${PSOAS_HARDENING_JOBS:-2}"
# shellcheck source=hardening_tree.sh
source "$src/tests/hardening/hardening_tree.sh"
psoas_configure_hardening_tree "$src" "$out"
out="$(cd "$out" && pwd)" # the test programs run from inside it

wanted=(${PSOAS_SANITIZE_ONLY:-core_tests scene_tests io_tests solver_tests content_tests app_tests lesson_tests
        model_tests hardening_tests render_tests content_panel_tests ui_tests explore_ui_tests teach_ui_tests
        handout_tests})
available="$(psoas_available_targets "$out")"
targets=()
for t in "${wanted[@]}"; do
  if grep -qx "$t" <<<"$available"; then targets+=("$t"); fi
done

if [ "$step" != run ]; then
  # hardening_tests runs the command-line cases against the instrumented psoas-atlas.
  build_targets=("${targets[@]}")
  grep -qx psoas-atlas <<<"$available" && build_targets+=(psoas-atlas)
  if [ -z "${PSOAS_SANITIZE_ONLY:-}" ]; then
    for f in $(grep -x 'fuzz_[a-z_]*' <<<"$available" || true); do build_targets+=("$f"); done
  fi
  echo "== ASan+UBSan build: ${build_targets[*]}"
  start=$(date +%s)
  # Test discovery runs each test program at build time; leaks at its exit are not test results.
  ASAN_OPTIONS=detect_leaks=0 QT_QPA_PLATFORM=offscreen cmake --build "$out" -j "$jobs" --target "${build_targets[@]}"
  echo "== ASan+UBSan build took $(( $(date +%s) - start )) s"
fi
[ "$step" = build ] && exit 0

reports="$out/sanitizer-reports"
rm -rf "$reports"
psoas_sanitizer_env "$src" "$reports"
# Catch arguments per program. solver_tests leaves out its [random] case only: 100,000 random
# poses through the same solve/deform code the other deform cases run once each; under ASan on a
# loaded 2-core machine it takes over 20 minutes. The Release run keeps it.
# model_tests runs its loading case only (the real 217k-triangle model, catalog and rig through
# io::loadModel and the JSON readers): its other cases are the tests' own geometry queries over
# the committed model (minutes under ASan), not code that reads untrusted input; the Release run
# keeps them, and the loader is also fuzzed and fed the bad-model corpus here.
# ui_tests leaves out its [stall] case: it compares frame times (the first drag against later
# ones), which ASan's uneven slowdown makes meaningless; the Release run keeps it.
declare -A catch_args=([solver_tests]="~[random]" [model_tests]="*catalog and rig load through the project*"
                       [ui_tests]="~[stall]")
keep_modules="$(psoas_keep_modules_library "$src" "$out")"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
[ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=offscreen
failed=()
for t in "${targets[@]}"; do
  if [ ! -x "$out/$t" ]; then
    echo "== $t is not built in $out; run the build step first" >&2
    failed+=("$t")
    continue
  fi
  start=$(date +%s)
  rm -f "$reports"/report.*
  args=()
  [ -n "${catch_args[$t]:-}" ] && args=("${catch_args[$t]}")
  if (cd "$out" && LD_PRELOAD="$keep_modules" timeout 1800 "./$t" "${args[@]}" >"$out/$t.asan.log" 2>&1) &&
     psoas_sanitizer_reports "$reports" >/dev/null; then
    echo "== $t passed under ASan+UBSan ($(( $(date +%s) - start )) s): $(grep -E '^(All tests passed|test cases:)' "$out/$t.asan.log" | tail -n 1)"
  else
    if tool="$(psoas_sanitizer_tool_failure "$out/$t.asan.log" "$reports"/report.*)"; then
      echo "== $t: $tool"
      echo "== $t FAILED: sanitizer tool failure, not a finding in our code ($(( $(date +%s) - start )) s); log: $out/$t.asan.log"
    else
      echo "== $t FAILED under ASan+UBSan ($(( $(date +%s) - start )) s); log: $out/$t.asan.log"
    fi
    grep -n -E "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:|FAILED|failed" "$out/$t.asan.log" | head -n 20 || true
    tail -n 80 "$out/$t.asan.log"
    # Reports of this program and of any psoas-atlas it started; kept next to its log.
    psoas_sanitizer_reports "$reports" | tee -a "$out/$t.asan.log" | head -n 200 || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== FAILED under ASan+UBSan: ${failed[*]}"
  exit 1
fi
echo "== ASan+UBSan: ${targets[*]} passed with no sanitizer report"
