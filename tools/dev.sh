#!/usr/bin/env bash
# Psoas Atlas set-up: installs missing Debian 12 packages, builds (Release) into ./build,
# then starts the viewer (`run`) or runs the whole test suite (`test`).
# Idempotent and incremental: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode="${1:-run}"
shift || true

packages=(
  cmake make g++ pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6openglwidgets6
  libassimp-dev libglm-dev catch2 nlohmann-json3-dev libsqlite3-dev libmd4c-dev libmd4c-html0-dev
  libgl-dev libegl-dev libepoxy-dev libgl1-mesa-dri libegl-mesa0 libglx-mesa0 fonts-dejavu-core
  xvfb xauth
  libopenvdb-dev libboost-iostreams-dev libmeshoptimizer-dev libtinygltf-dev libstb-dev libeigen3-dev
  libbenchmark-dev
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== Installing missing packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPSOAS_BUILD_TESTS=ON
fi

case "$mode" in
  run)
    cmake --build build --target psoas-atlas -j "$jobs"
    exec ./build/psoas-atlas "$@"
    ;;
  test)
    cmake --build build -j "$jobs"
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
    if [ -z "${DISPLAY:-}" ]; then
      exec xvfb-run -a -s "-screen 0 1920x1080x24" ctest --test-dir build --output-on-failure -j "$jobs" "$@"
    fi
    exec ctest --test-dir build --output-on-failure -j "$jobs" "$@"
    ;;
  *)
    echo "usage: tools/dev.sh run [viewer options] | test [ctest options]" >&2
    exit 2
    ;;
esac
