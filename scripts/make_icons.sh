#!/usr/bin/env bash
# Renders resources/icons/*.svg to the PNGs the app embeds (Qt's SVG module is not a dependency).
# Needs rsvg-convert (Debian: librsvg2-bin). Run after editing an icon; commit SVG and PNG.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for svg in *.svg; do
  name="${svg%.svg}"
  size=48
  [[ "$name" == app ]] && size=256
  rsvg-convert -w "$size" -h "$size" "$svg" -o "png/$name.png"
done
echo "rendered $(ls png | wc -l) icons into resources/icons/png"
