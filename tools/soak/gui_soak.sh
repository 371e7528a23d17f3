#!/usr/bin/env bash
# A scripted long GUI session for memory and stability: starts psoas-atlas with a lesson under
# its own Xvfb (3840x2160 screen, software GL), then for MINUTES (default 30) cycles through
# view presets, lesson steps (which set poses and layers), presentation mode, labels, x-ray,
# isolate/show all, the ghost pose, orbit drags and screenshots/exports, and resizes the window
# up to 3840x2160 and back. It samples the program's resident memory every 10 s into
# OUT/rss.csv (seconds,rss_mb) and prints the peak and the growth over the last 10 minutes.
#   usage: tools/soak/gui_soak.sh BUILD_DIR OUT_DIR [MINUTES] [LESSON]
# Needs xvfb, xdotool and x11-apps (xwd for the screenshots it keeps in OUT).
set -euo pipefail
build="$(cd "${1:?build dir}" && pwd)"
out="${2:?output dir}"
minutes="${3:-30}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lesson="${4:-$here/assets/lessons/anterior_pelvic_tilt_for_patients.json}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 3840x2160x24 -noreset -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb=$!
export DISPLAY="$display" QT_QPA_PLATFORM=xcb HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config"
mkdir -p "$HOME"
sleep 2
"$build/psoas-atlas" "$lesson" >"$out/app.log" 2>&1 &
app=$!
cleanup() { kill "$app" 2>/dev/null || true; sleep 1; kill "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
win=""
for _ in $(seq 60); do
  win="$(xdotool search --pid "$app" --onlyvisible --name 'Psoas Atlas' 2>/dev/null | head -1 || true)"
  [ -n "$win" ] && break
  sleep 1
done
[ -n "$win" ] || { echo "the window did not appear"; cat "$out/app.log"; exit 1; }
echo "seconds,rss_mb" >"$out/rss.csv"
start=$(date +%s)
sample() {
  local rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$app/status" 2>/dev/null || echo 0)
  echo "$(( $(date +%s) - start )),$(( rss / 1024 ))" >>"$out/rss.csv"
}
# Real (XTEST) key presses to the focused window: there is no window manager to activate it, and
# Qt ignores the synthetic events `xdotool key --window` would send.
key() { xdotool windowfocus "$win" 2>/dev/null || true; xdotool key --delay 120 "$@" 2>/dev/null; }
drag() { # orbit: press in the view, move, release
  xdotool mousemove --window "$win" 600 400 mousedown 1
  for s in $(seq 1 12); do xdotool mousemove --window "$win" $((600 + s * 25)) $((400 + s * 8)); done
  xdotool mouseup 1
}
resize() { xdotool windowsize --sync "$win" "$1" "$2" 2>/dev/null || xdotool windowsize "$win" "$1" "$2"; sleep 3; }
round=0
last_sample=0
while :; do
  now=$(( $(date +%s) - start ))
  [ "$now" -ge $(( minutes * 60 )) ] && break
  if [ $(( now - last_sample )) -ge 10 ]; then sample; last_sample=$now; fi
  kill -0 "$app" 2>/dev/null || { echo "psoas-atlas exited during the soak (round $round)"; cat "$out/app.log"; exit 1; }
  round=$((round + 1))
  for v in 1 2 3 4 5 6 7; do key "$v"; done
  drag
  key l x x i shift+h g g a Escape
  key F5 Right Right Right Right Left space Escape   # presentation mode through the lesson's steps
  key ctrl+z ctrl+y
  if [ $((round % 5)) -eq 0 ]; then resize 3840 2160; xwd -root -display "$display" -silent >"$out/big.xwd" || true; resize 1280 720; fi
  if [ $((round % 7)) -eq 0 ]; then resize 1920 1080; fi
  [ $((round % 20)) -eq 1 ] && xwd -root -display "$display" -silent >"$out/last.xwd" || true
done
sample
kill -0 "$app" 2>/dev/null || { echo "psoas-atlas exited at the end of the soak"; exit 1; }
# The kernel's high-water mark catches the peaks between two samples too.
echo "peak RSS between samples too (VmHWM): $(( $(awk '/VmHWM/ {print $2}' "/proc/$app/status") / 1024 )) MB"
grep -E "VmHWM|VmRSS" "/proc/$app/status" >"$out/status-at-end.txt" || true
python3 - "$out/rss.csv" "$minutes" <<'PY'
import csv, sys
rows = [(int(s), int(m)) for s, m in csv.reader(open(sys.argv[1])) if s.isdigit()]
peak = max(m for _, m in rows)
end = rows[-1][0]
tail = [m for s, m in rows if s >= end - 600]
print(f"rounds done; samples {len(rows)}; peak RSS {peak} MB; last 10 min: {tail[0]} -> {tail[-1]} MB "
      f"(min {min(tail)}, max {max(tail)})")
PY
echo "rounds: $round"
