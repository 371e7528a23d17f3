#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, libFuzzer + ASan + UBSan; the shared instrumented
# tree of hardening_tree.sh) and runs each for a bounded time from its seed corpus in
# tests/fuzz/<name>/corpus. A crash, sanitizer report, leak, timeout or out-of-memory fails.
#   usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR [SECONDS_PER_FUZZER] [NAME...]
# PSOAS_FUZZ_SECONDS sets the time per fuzzer when the third argument is not given (default
# 60). New inputs the fuzzer finds go to BUILD_DIR/corpus/<name> (the committed seed corpus
# is never modified); a failing input is saved as BUILD_DIR/artifacts/<name>-crash-* (or
# -leak-, -timeout-, -oom-); reproduce it with `BUILD_DIR/fuzz_<name> FILE`.
# Each fuzzer runs a fixed number of inputs (about SECONDS' worth on a 2-core machine, table
# below) with a fixed random seed, PSOAS_FUZZ_SEED (default 1), so every CI run tries the very
# same inputs and a local run predicts CI; SECONDS x 2 caps the time on a slower machine.
# A time-only bound made CI red on one machine and green on another (the slower machine ran
# fewer inputs and stopped before reaching the one that failed). PSOAS_FUZZ_RUNS=0 lifts the
# input count (then SECONDS bounds the run) and PSOAS_FUZZ_SEED=0 lets libFuzzer pick a seed,
# for exploring longer: `PSOAS_FUZZ_RUNS=0 PSOAS_FUZZ_SEED=0 run_fuzzers.sh . build/hardening 3600`.
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

# Inputs per fuzzer: about 60 s each on the CI machine (2 cores, clang-14 ASan+UBSan build).
declare -A runs=([content_parser]=1000000 [model_loader]=25000 [cli_values]=1500000 [lesson]=500000 [data_files]=100000)
declare -A maxlen=([content_parser]=16384 [model_loader]=65536 [cli_values]=256 [lesson]=16384 [data_files]=65536)
psoas_sanitizer_env "$src"
# Without address-space randomisation a counted run is repeatable: code whose branches depend
# on pointer values (assimp orders some maps by address) otherwise steers libFuzzer elsewhere.
norandom=""
if setarch "$(uname -m)" -R true 2>/dev/null; then norandom="setarch $(uname -m) -R"; fi
mkdir -p "$out/artifacts"
failed=()
for n in "${run[@]}"; do
  count="${PSOAS_FUZZ_RUNS:-${runs[$n]:-0}}"
  # A counted run starts from the committed seed corpus alone, as on a fresh CI machine.
  [ "$count" != 0 ] && rm -rf "$out/corpus/$n"
  mkdir -p "$out/corpus/$n"
  cap=$((seconds * 2))
  [ "$count" = 0 ] && cap="$seconds"
  echo "== fuzz_$n: $([ "$count" = 0 ] && echo "for ${seconds} s" || echo "$count inputs (at most ${cap} s)")"
  # -timeout: one input taking longer than 10 s is a hang, and fails.
  if $norandom "$out/fuzz_$n" "$out/corpus/$n" "$src/tests/fuzz/$n/corpus" -max_total_time="$cap" -runs="$([ "$count" = 0 ] && echo -1 || echo "$count")" \
       -timeout=10 -seed="${PSOAS_FUZZ_SEED:-1}" \
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
