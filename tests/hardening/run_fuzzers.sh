#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang-14, -fsanitize=fuzzer + ASan + UBSan over the whole
# project) in their own tree and runs each for a bounded time from its seed corpus in
# tests/fuzz/<name>/corpus. A crash, sanitizer report, leak or timeout fails.
#   usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR [SECONDS_PER_FUZZER] [NAME...]
# PSOAS_FUZZ_SECONDS overrides the time per fuzzer (default 45). New inputs the fuzzer finds
# go to BUILD_DIR/corpus/<name> (the committed seed corpus is never modified); crashing
# inputs are saved as BUILD_DIR/artifacts/<name>-crash-*.
set -euo pipefail
src="${1:?source dir}"
out="${2:?build dir}"
seconds="${3:-${PSOAS_FUZZ_SECONDS:-45}}"
shift 3 2>/dev/null || shift $#
jobs="${PSOAS_HARDENING_JOBS:-2}"

if ! command -v clang++-14 >/dev/null; then
  echo "run_fuzzers.sh: clang++-14 is missing; install clang-14 and libclang-rt-14-dev (bash tools/dev.sh test does)." >&2
  exit 1
fi
if [ ! -f "$out/CMakeCache.txt" ]; then
  flags="-Wno-unknown-warning-option -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
  CC=clang-14 CXX=clang++-14 cmake -S "$src" -B "$out" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DPSOAS_FUZZ=ON -DPSOAS_BUILD_TESTS=ON -DPSOAS_BUILD_BENCH=OFF -DPSOAS_HARDENING_CI=OFF >/dev/null
fi

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$src"/tests/fuzz/*/corpus; do names+=("$(basename "$(dirname "$d")")"); done
fi
available="$(cmake --build "$out" --target help | sed -n 's/^\.\.\. \([A-Za-z0-9_-]*\).*/\1/p')"
targets=()
run=()
for n in "${names[@]}"; do
  if grep -qx "fuzz_$n" <<<"$available"; then targets+=("fuzz_$n"); run+=("$n"); fi
done
echo "== building ${targets[*]} (clang-14, libFuzzer + ASan + UBSan)"
cmake --build "$out" -j "$jobs" --target "${targets[@]}"

declare -A maxlen=([content_parser]=16384 [model_loader]=65536 [cli_values]=256 [lesson]=16384)
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$out/artifacts"
failed=()
for n in "${run[@]}"; do
  mkdir -p "$out/corpus/$n"
  echo "== fuzz_$n for ${seconds} s"
  if "$out/fuzz_$n" "$out/corpus/$n" "$src/tests/fuzz/$n/corpus" -max_total_time="$seconds" -timeout=20 \
       -rss_limit_mb=2048 -max_len="${maxlen[$n]:-4096}" -artifact_prefix="$out/artifacts/$n-" \
       -print_final_stats=1 >"$out/fuzz_$n.log" 2>&1; then
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
