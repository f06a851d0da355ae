#!/usr/bin/env bash
# Sets up, builds and starts MindLLM Studio on the default model (built on first run if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BIN=${BUILD_DIR:-build}/app
DATA_DIR=${XDG_DATA_HOME:-$HOME/.local/share}/MindLLM/MindLLM\ Studio
DEFAULT_MODEL="${MINDLLM_DEFAULT_MODEL:-$DATA_DIR/models/default}"
if [ ! -f "$DEFAULT_MODEL/config.json" ]; then
  # The default model is made here, by the product's own pipeline from resources/corpus
  # (docs/DEMO_MODEL.md): about 16 minutes on 2 cores. Interrupted? Run this script again: the
  # build resumes where it stopped.
  echo "run-app: no default model yet; building it with 'mindllm-cli demo build'"
  "$BIN/mindllm-cli" demo build --out "$DEFAULT_MODEL"
fi
APP=("$BIN/mindllm-studio" --model "$DEFAULT_MODEL" --assistant legal)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  echo "run-app: no display found; starting under xvfb-run"
  exec xvfb-run -a "${APP[@]}"
fi
exec "${APP[@]}"
