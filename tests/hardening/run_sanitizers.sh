#!/usr/bin/env bash
# Builds the test suites with AddressSanitizer + UndefinedBehaviorSanitizer (clang-14, the
# shared instrumented tree of hardening_tree.sh) and runs them. Any sanitizer report, leak in
# our code, failed test or crash fails the run.
#   usage: run_sanitizers.sh SOURCE_DIR BUILD_DIR
# Needs a display for the widget tests (tools/dev.sh runs it under xvfb-run).
# What runs: every test program, all of its test cases, except
#   - the model-builder tests (modelb_tests, modelbuilder_*: an offline tool on OpenVDB, whose
#     output is checked byte for byte by the normal run; instrumenting OpenVDB's headers makes
#     the build many times slower), and
#   - in the widget suites (ui_tests, explore_ui_tests, teach_ui_tests), nothing: all of
#     their cases run. Their GL work goes to Mesa's llvmpipe, which is not instrumented.
# PSOAS_SANITIZE_ONLY="core_tests io_tests" limits the run to some programs.
set -euo pipefail
src="$(cd "${1:?source dir}" && pwd)"
out="${2:?build dir}"
jobs="${PSOAS_HARDENING_JOBS:-2}"
# shellcheck source=hardening_tree.sh
source "$src/tests/hardening/hardening_tree.sh"
psoas_configure_hardening_tree "$src" "$out"

wanted=(${PSOAS_SANITIZE_ONLY:-core_tests scene_tests io_tests solver_tests content_tests app_tests lesson_tests
        model_tests hardening_tests render_tests content_panel_tests ui_tests explore_ui_tests teach_ui_tests})
available="$(psoas_available_targets "$out")"
targets=()
for t in "${wanted[@]}"; do
  if grep -qx "$t" <<<"$available"; then targets+=("$t"); fi
done
# hardening_tests runs the command-line cases against the instrumented psoas-atlas.
if grep -qx psoas-atlas <<<"$available"; then build_targets=("${targets[@]}" psoas-atlas); else build_targets=("${targets[@]}"); fi
echo "== ASan+UBSan build: ${build_targets[*]}"
# Test discovery runs each test program at build time; leaks at its exit are not test results.
ASAN_OPTIONS=detect_leaks=0 QT_QPA_PLATFORM=offscreen cmake --build "$out" -j "$jobs" --target "${build_targets[@]}"

psoas_sanitizer_env "$src"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
[ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=offscreen
failed=()
for t in "${targets[@]}"; do
  start=$(date +%s)
  if (cd "$out" && timeout 1800 "./$t" >"$out/$t.asan.log" 2>&1); then
    echo "== $t passed under ASan+UBSan ($(( $(date +%s) - start )) s): $(grep -E '^(All tests passed|test cases:)' "$out/$t.asan.log" | tail -n 1)"
  else
    echo "== $t FAILED under ASan+UBSan ($(( $(date +%s) - start )) s); log: $out/$t.asan.log"
    grep -n -E "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:|FAILED|failed" "$out/$t.asan.log" | head -n 20 || true
    tail -n 80 "$out/$t.asan.log"
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== FAILED under ASan+UBSan: ${failed[*]}"
  exit 1
fi
echo "== ASan+UBSan: ${targets[*]} passed with no sanitizer report"
