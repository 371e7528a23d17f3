#!/usr/bin/env bash
# Psoas Atlas set-up: installs missing Debian 12 packages, builds (Release) into ./build,
# then starts the viewer (`run`) or runs the whole test suite (`test`).
# `package` builds the Debian package build/psoas-atlas_<version>_<arch>.deb (CPack; install it with
# `sudo apt-get install ./build/psoas-atlas_*.deb`; see packaging/README.md).
# Idempotent and incremental: a second run installs nothing and rebuilds only what changed.
#
# `test` runs, in order, and fails if any stage fails:
#   1. the Release build and the whole ctest suite (under Xvfb when there is no display);
#   2. the test programs again with AddressSanitizer + UndefinedBehaviorSanitizer
#      (tests/hardening/run_sanitizers.sh, clang-14 tree in build/hardening);
#   3. the five libFuzzer harnesses, PSOAS_FUZZ_SECONDS (default 60) each
#      (tests/hardening/run_fuzzers.sh, same tree).
# Stages 2 and 3 also run when a Release test failed (every report counts), not when the
# Release build failed. Arguments after `test` go to ctest and then only stage 1 runs
# (`test -R render`); PSOAS_HARDENING=0 skips stages 2 and 3.
# `harden` runs stages 2 and 3 only. Each stage's time is printed at the end and written to
# build/stage-times.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s) # the summary's total includes package installation and configuration

mode="${1:-run}"
shift || true

packages=(
  cmake make g++ pkg-config git
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6openglwidgets6
  libassimp-dev libglm-dev catch2 nlohmann-json3-dev libsqlite3-dev libmd4c-dev libmd4c-html0-dev
  libgl-dev libegl-dev libepoxy-dev libgl1-mesa-dri libegl-mesa0 libglx-mesa0 fonts-dejavu-core
  xvfb xauth
  libopenvdb-dev libboost-iostreams-dev libmeshoptimizer-dev libtinygltf-dev libstb-dev libeigen3-dev zlib1g-dev
  libbenchmark-dev
  clang-14 libclang-rt-14-dev llvm-14
  # packaging and its test (tests/install): .deb dependencies (dpkg-shlibdeps, file), the
  # validators of the .desktop and AppStream files, the MIME database, the completion helpers
  dpkg-dev file desktop-file-utils appstream shared-mime-info bash-completion groff-base
  # the handout test (tests/handout) reads the PDFs back: pdfinfo, pdftotext, pdftoppm
  poppler-utils
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
  test|harden)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
    xvfb=()
    # -noreset: by default Xvfb resets when its last client leaves, and a test that connects during
    # that reset is refused ("could not connect to display :99"); that failed a CI run once.
    [ -z "${DISPLAY:-}" ] && xvfb=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")
    hardening="${PSOAS_HARDENING:-}"
    if [ -z "$hardening" ]; then
      # On for `test` and `harden`; off when `test` is given ctest arguments (a partial run).
      hardening=1
      [ "$mode" = test ] && [ $# -gt 0 ] && hardening=0
    fi
    summary=()
    status=0
    stage() { # stage NAME COMMAND...: runs it, records its time and result, never exits
      local name="$1" start rc=0
      shift
      start=$(date +%s)
      echo "==== stage: $name"
      "$@" || rc=$?
      local took=$(( $(date +%s) - start ))
      summary+=("$(printf '%-34s %6d s  %s' "$name" "$took" "$([ $rc -eq 0 ] && echo passed || echo "FAILED (exit $rc)")")")
      [ $rc -eq 0 ] || status=1
      return $rc
    }
    if [ "$mode" = test ]; then
      if stage "Release build" cmake --build build -j "$jobs"; then
        stage "Release tests (ctest)" "${xvfb[@]}" ctest --test-dir build --output-on-failure -j "$jobs" "$@" || true
      fi
    fi
    if [ "$hardening" = 1 ] && { [ "$mode" = harden ] || [ $status -eq 0 ] || [ "${#summary[@]}" -gt 1 ]; }; then
      export PSOAS_HARDENING_JOBS="$jobs"
      # One instrumented tree (clang-14) for both: the build stage compiles the test programs,
      # psoas-atlas and the five fuzz harnesses; the model-builder tests are left out (see
      # run_sanitizers.sh).
      if stage "ASan+UBSan build (clang-14)" bash tests/hardening/run_sanitizers.sh . build/hardening build; then
        stage "ASan+UBSan tests" "${xvfb[@]}" bash tests/hardening/run_sanitizers.sh . build/hardening run || true
        stage "libFuzzer, ${PSOAS_FUZZ_SECONDS:-60} s x 5" \
          bash tests/hardening/run_fuzzers.sh . build/hardening "${PSOAS_FUZZ_SECONDS:-60}" || true
      fi
    fi
    summary+=("$(printf '%-34s %6d s' "total (with set-up)" "$(( $(date +%s) - started ))")")
    summary+=("load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)")
    echo "==== summary"
    printf '%s\n' "${summary[@]}" | tee build/stage-times.txt
    [ $status -eq 0 ] && echo "==== all stages passed" || echo "==== FAILED"
    exit $status
    ;;
  package)
    # `package` builds everything (CPack installs the whole tree first), then the .deb.
    cmake --build build -j "$jobs"
    cmake --build build --target package
    ls -l build/psoas-atlas_*.deb
    ;;
  *)
    echo "usage: tools/dev.sh run [viewer options] | test [ctest options] | harden | package" >&2
    exit 2
    ;;
esac
