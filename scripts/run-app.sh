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
  if "$BIN/mindllm-cli" demo build --help >/dev/null 2>&1; then
    "$BIN/mindllm-cli" demo build --out "$DEFAULT_MODEL"
  else
    echo "run-app: the demo pipeline is not built yet; creating an untrained small model so the app can start"
    "$BIN/mindllm-cli" init --preset small-llama --tokenizer tests/fixtures/tokenizer/bpe --out "$DEFAULT_MODEL"
  fi
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  echo "run-app: no display found; starting under xvfb-run"
  exec xvfb-run -a "$BIN/mindllm-studio" --model "$DEFAULT_MODEL"
fi
exec "$BIN/mindllm-studio" --model "$DEFAULT_MODEL"
