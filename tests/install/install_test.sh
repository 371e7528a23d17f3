#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed program from another working
# folder, where it must find its data in <prefix>/share/psoas-atlas and nothing in the source or
# build tree: PSOAS_NO_BUILD_TREE=1 turns off the build-tree lookup (the marker file beside a
# program in the build folder, see src/core/AssetPaths.h), and the data are moved away once to
# show that the program then fails instead of falling back to the source tree.
# Then validates the .desktop, AppStream, MIME, man page and bash completion files.
#   install_test.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
work="$tmp/work"
mkdir -p "$work/home"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }

share="$prefix/share"
for f in bin/psoas-atlas share/psoas-atlas/models/lumbopelvic.glb share/psoas-atlas/models/catalog.json \
         share/psoas-atlas/models/rig.json share/psoas-atlas/models/coordinates.json share/psoas-atlas/poses/neutral.json \
         share/psoas-atlas/lessons share/psoas-atlas/content.db \
         share/applications/org.psoasatlas.PsoasAtlas.desktop share/icons/hicolor/scalable/apps/psoas-atlas.svg \
         share/icons/hicolor/48x48/apps/psoas-atlas.png share/metainfo/org.psoasatlas.PsoasAtlas.metainfo.xml \
         share/mime/packages/psoas-atlas.xml share/man/man1/psoas-atlas.1.gz \
         share/bash-completion/completions/psoas-atlas share/doc/psoas-atlas/LICENSE \
         share/doc/psoas-atlas/LICENSE-CC-BY-4.0.txt share/doc/psoas-atlas/ATTRIBUTION.md share/doc/psoas-atlas/copyright; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ ! -e "$prefix/bin/psoas-atlas-build-tree.txt" ] || fail "the build-tree marker was installed"

# The installed program, run from an unrelated folder with a clean environment.
exe="$prefix/bin/psoas-atlas"
run() {
  (cd "$work" && env -u PSOAS_ASSETS PSOAS_NO_BUILD_TREE=1 HOME="$work/home" XDG_DATA_HOME="$work/home/data" \
       XDG_CONFIG_HOME="$work/home/config" QT_QPA_PLATFORM=offscreen "$exe" "$@")
}

step "--version"
version="$(run --version)"
[[ $version =~ ^psoas-atlas\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"

step "--list-structures"
run --list-structures > "$work/structures.csv" || fail "--list-structures exited $?"
grep -q '^psoas_major_l,' "$work/structures.csv" || fail "--list-structures has no psoas_major_l"

step "--render out.png"
run --render out.png --size 320x240 --view left --pose anterior_pelvic_tilt || fail "--render exited $?"
[ "$(head -c 8 "$work/out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "out.png is not a PNG"

step "--kinematics"
run --kinematics --set hip_flexion_r=30 > "$work/kinematics.csv" || fail "--kinematics exited $?"
grep -q 'psoas_major_r' "$work/kinematics.csv" || fail "--kinematics printed no psoas_major_r rows"

step "the data come from the prefix"
mv "$share/psoas-atlas/poses/sitting.json" "$tmp/sitting.json"
run --list-poses > "$work/poses.csv"
! grep -q '^sitting,' "$work/poses.csv" || fail "--list-poses still lists a pose removed from the prefix"
mv "$tmp/sitting.json" "$share/psoas-atlas/poses/sitting.json"
mv "$share/psoas-atlas" "$share/psoas-atlas.away"
if run --list-structures > /dev/null 2> "$work/missing.txt"; then
  fail "with the installed data moved away the program still found data somewhere (the source tree?)"
fi
grep -q "share/psoas-atlas" "$work/missing.txt" || fail "the message does not name share/psoas-atlas: $(cat "$work/missing.txt")"
mv "$share/psoas-atlas.away" "$share/psoas-atlas"

step "the installed tree can be moved"
mv "$prefix" "$tmp/moved"
exe="$tmp/moved/bin/psoas-atlas"
run --list-poses | grep -q '^sitting,' || fail "a moved prefix does not find its poses"
mv "$tmp/moved" "$prefix"
exe="$prefix/bin/psoas-atlas"

step "man page has every option of --help"
man="$(gzip -dc "$share/man/man1/psoas-atlas.1.gz")"
grep -q '^\.TH PSOAS\\-ATLAS 1' <<< "$man" || fail "man page has no .TH line"
for option in $(run --help | grep -oE '^ +(-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
  grep -qF -- "${option//-/\\-}" <<< "$man" || fail "man page lacks $option"
done
if command -v groff > /dev/null; then
  warnings="$(groff -man -Tutf8 -ww -z <<< "$man" 2>&1)" || true
  [ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
fi

step "bash completion"
completion="$share/bash-completion/completions/psoas-atlas"
bash -n "$completion" || fail "the completion script is not valid bash"
if [ -f /usr/share/bash-completion/bash_completion ]; then
  # complete LINE...: what bash would offer for the last word of the line
  out="$(cd "$work" && PSOAS_NO_BUILD_TREE=1 bash -c '
    source /usr/share/bash-completion/bash_completion; source "$1"; exe=$2; shift 2
    compopt() { :; } # only valid inside a real completion
    for line in "$@"; do
      COMP_LINE="$exe $line"; COMP_POINT=${#COMP_LINE}
      read -ra COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      _psoas_atlas; printf "%s\n" "${COMPREPLY[@]}"
    done' _ "$completion" "$exe" "--pose " "--view obl" "--set hip_fl" "--list-p" "--layers skeleton,psoas_major_")"
  for want in neutral sitting oblique hip_flexion_r= --list-poses skeleton,psoas_major_l; do
    grep -qx -- "$want" <<< "$out" || fail "completion does not offer $want (got: $(tr '\n' ' ' <<< "$out"))"
  done
else
  echo "SKIP: bash-completion is not installed; the completion script was only syntax-checked"
fi

step "desktop file"
desktop="$share/applications/org.psoasatlas.PsoasAtlas.desktop"
if command -v desktop-file-validate > /dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate"
else
  echo "SKIP: desktop-file-validate (package desktop-file-utils) is missing; the .desktop file is not validated"
fi
grep -qx 'Exec=psoas-atlas %f' "$desktop" || fail "the desktop file's Exec line changed"

step "AppStream metadata"
if command -v appstreamcli > /dev/null; then
  appstreamcli validate --no-net --explain "$share/metainfo/org.psoasatlas.PsoasAtlas.metainfo.xml" ||
    fail "appstreamcli validate"
else
  echo "SKIP: appstreamcli (package appstream) is missing; the metainfo file is not validated"
fi

step "MIME type"
if command -v update-mime-database > /dev/null; then
  update-mime-database "$share/mime" || fail "update-mime-database"
  [ -f "$share/mime/application/x-psoas-lesson+json.xml" ] || fail "no application/x-psoas-lesson+json after update-mime-database"
else
  echo "SKIP: update-mime-database (package shared-mime-info) is missing; the MIME file is not checked"
fi
echo "== installed program works from $prefix"
