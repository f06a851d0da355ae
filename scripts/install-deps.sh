#!/usr/bin/env bash
# Installs the Debian 12 packages MindLLM Studio builds and runs with. Skips apt when all are present.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libtorch-dev libgloo-dev libopenblas0-pthread            # LibTorch 1.13 (CPU); OpenBLAS makes its matmuls ~30x faster
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libgl-dev xvfb xauth fonts-wqy-microhei      # Chinese glyphs for the Xvfb screenshots
  libsentencepiece-dev sentencepiece libsqlite3-dev nlohmann-json3-dev libpcre2-dev libicu-dev zlib1g-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
