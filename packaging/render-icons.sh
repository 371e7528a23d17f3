#!/usr/bin/env bash
# Regenerates packaging/icons/psoas-atlas-<N>.png from psoas-atlas.svg (run after editing the SVG;
# needs rsvg-convert from librsvg2-bin). The PNGs are committed: the window icon is built from them
# (src/ui/AppIcon.qrc) so the program needs no SVG plugin, and they go to the hicolor theme beside
# the scalable SVG.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for n in 16 32 48 64 128 256; do
  rsvg-convert -w "$n" -h "$n" psoas-atlas.svg -o "icons/psoas-atlas-$n.png"
done
