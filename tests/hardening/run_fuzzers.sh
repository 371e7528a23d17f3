#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, libFuzzer + ASan + UBSan; the shared instrumented
# tree of hardening_tree.sh) and runs each for a bounded time from its seed corpus in
# tests/fuzz/<name>/corpus. A crash, sanitizer report, leak, timeout or out-of-memory fails.
#   usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR [SECONDS_PER_FUZZER] [NAME...]
# PSOAS_FUZZ_SECONDS sets the time per fuzzer when the third argument is not given (default
# 60). New inputs the fuzzer finds go to BUILD_DIR/corpus/<name> (the committed seed corpus
# is never modified); a failing input is saved as BUILD_DIR/artifacts/<name>-crash-* (or
# -leak-, -timeout-, -oom-); reproduce it with `BUILD_DIR/fuzz_<name> FILE`.
# PSOAS_FUZZ_SEED (default 1) fixes libFuzzer's random seed, so a CI run explores the same
# inputs every time and a red run can be repeated; 0 lets libFuzzer pick one (longer runs).
set -euo pipefail
src="$(cd "${1:?source dir}" && pwd)"
out="${2:?build dir}"
seconds="${3:-${PSOAS_FUZZ_SECONDS:-60}}"
shift 3 2>/dev/null || shift $#
jobs="${PSOAS_HARDENING_JOBS:-2}"
# shellcheck source=hardening_tree.sh
source "$src/tests/hardening/hardening_tree.sh"
psoas_configure_hardening_tree "$src" "$out"
out="$(cd "$out" && pwd)" # the test programs run from inside it

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$src"/tests/fuzz/*/corpus; do names+=("$(basename "$(dirname "$d")")"); done
fi
available="$(psoas_available_targets "$out")"
targets=()
run=()
for n in "${names[@]}"; do
  if grep -qx "fuzz_$n" <<<"$available"; then targets+=("fuzz_$n"); run+=("$n")
  else echo "== fuzz_$n is not a target of $out" >&2; exit 1; fi
done
echo "== building ${targets[*]} (clang-14, libFuzzer + ASan + UBSan)"
cmake --build "$out" -j "$jobs" --target "${targets[@]}"

declare -A maxlen=([content_parser]=16384 [model_loader]=65536 [cli_values]=256 [lesson]=16384)
psoas_sanitizer_env "$src"
mkdir -p "$out/artifacts"
failed=()
for n in "${run[@]}"; do
  mkdir -p "$out/corpus/$n"
  echo "== fuzz_$n for ${seconds} s"
  # -timeout: one input taking longer than 10 s is a hang, and fails.
  if "$out/fuzz_$n" "$out/corpus/$n" "$src/tests/fuzz/$n/corpus" -max_total_time="$seconds" -timeout=10 \
       -seed="${PSOAS_FUZZ_SEED:-1}" \
       -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len="${maxlen[$n]:-4096}" \
       -artifact_prefix="$out/artifacts/$n-" -print_final_stats=1 >"$out/fuzz_$n.log" 2>&1; then
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|Done [0-9]+ runs" "$out/fuzz_$n.log" || true
  else
    tail -n 60 "$out/fuzz_$n.log"
    failed+=("$n")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== FUZZER FAILURES: ${failed[*]} (inputs in $out/artifacts/)"
  exit 1
fi
echo "== fuzzers passed: ${run[*]}"
