#!/usr/bin/env bash
# Psoas Atlas benchmarks: builds ./build-bench (Release, -DPSOAS_BUILD_BENCH=ON), runs every
# benchmark and prints a Markdown table (also written to build-bench/bench-results.md).
#   bash bench/run.sh                 everything
#   PSOAS_BENCH_RUNS=20 bash bench/run.sh   more hyperfine runs (default 10)
#   PSOAS_BENCH_MODEL=foo.glb ...     another model (default assets/models/lumbopelvic.glb)
# Installs what it needs if missing (f3d, hyperfine, xvfb, time, libbenchmark-dev, python3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
build="$root/build-bench"
runs="${PSOAS_BENCH_RUNS:-10}"
model="${PSOAS_BENCH_MODEL:-$root/assets/models/lumbopelvic.glb}"

packages=(f3d hyperfine xvfb xauth time libbenchmark-dev python3 cmake g++)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ ! -f "$model" ]; then
  echo "bench/run.sh: the model '$model' does not exist. Set PSOAS_BENCH_MODEL to a .glb file." >&2
  exit 1
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPSOAS_BUILD_BENCH=ON -DPSOAS_BUILD_TESTS=OFF >/dev/null
fi
targets=(psoas-atlas)
available="$(cmake --build "$build" --target help | sed -n 's/^\.\.\. \([A-Za-z0-9_-]*\).*/\1/p')"
for t in render_bench solver_bench content_bench; do
  grep -qx "$t" <<<"$available" && targets+=("$t")
done
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

out="$build/bench-out"
mkdir -p "$out"
export PSOAS_BENCH_MODEL="$model"
modelArgs=()
[ "$model" != "$root/assets/models/lumbopelvic.glb" ] && modelArgs=(--model "$model")

# 1. Start to first image, whole processes. Ours needs no display (EGL); F3D needs an X
#    server, so it gets an Xvfb started once beforehand (its start-up is not counted).
echo "== 1/5 start to first image (hyperfine, $runs runs each)"
Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
hyperfine --style basic --warmup 2 --runs "$runs" --export-json "$out/startup.json" \
  -n psoas-atlas "env -u DISPLAY $build/psoas-atlas --render $out/ours.png --size 1280x720 ${modelArgs[*]}" \
  -n f3d "env DISPLAY=:77 f3d --output $out/f3d.png --resolution 1280,720 $model"

# 2. Interactive frame time at 1920x1080 (render_bench).
if [ -x "$build/render_bench" ]; then
  echo "== 2/5 frame time while the camera moves (render_bench)"
  env -u DISPLAY "$build/render_bench" --benchmark_out="$out/render.json" --benchmark_out_format=json
fi
# 3. Full pose update and 4. content search.
if [ -x "$build/solver_bench" ]; then
  echo "== 3/5 pose update (solver_bench)"
  "$build/solver_bench" --benchmark_repetitions=5 --benchmark_out="$out/solver.json" --benchmark_out_format=json
fi
if [ -x "$build/content_bench" ]; then
  echo "== 4/5 content search (content_bench)"
  "$build/content_bench" --benchmark_out="$out/content.json" --benchmark_out_format=json
fi

# 5. Peak memory of the GUI with the model and content loaded: run it under Xvfb for a
#    while (it draws and loads everything), then end it; GNU time reports the peak RSS.
echo "== 5/5 peak memory of the GUI (/usr/bin/time -v, 15 s under Xvfb)"
DISPLAY=:77 QT_QPA_PLATFORM=xcb /usr/bin/time -v -o "$out/memory.txt" \
  timeout -s TERM 15 "$build/psoas-atlas" ${modelArgs[@]+"${modelArgs[@]}"} >/dev/null 2>&1 || true

python3 "$root/bench/summarize.py" "$out" "$model" | tee "$build/bench-results.md"
