#!/usr/bin/env bash
# Takes the main-window screenshots in docs/ (English and Chinese) under Xvfb, from a fresh
# profile filled with the demo conversations in docs/screenshots/, the Jobs page while a real
# LoRA fine-tuning job runs on the demo model (live loss chart), and the Evaluation page
# (docs/screenshots/evaluation-<lang>.png) after two real runs of the sample tasks on the model.
# Needs xvfb-run and a CJK font
# (Debian: xvfb fonts-wqy-microhei).
#
#   scripts/screenshots.sh [build-dir]      (default: build)
#
# The model picker shows $MINDLLM_SCREENSHOT_MODEL when set (a model folder), otherwise a small
# random model made with `mindllm-cli init` when the CLI is built. The Jobs shots fine-tune that
# model on domains/law/sft_alpaca.jsonl with `mindllm-cli finetune` (full fine-tuning: the demo
# model is random, so adapters alone would barely move its loss) and are taken while the job runs,
# when it reaches step $MINDLLM_SCREENSHOT_JOB_STEP (default 40 of 120: the same length of loss curve
# however busy the machine is) or $MINDLLM_SCREENSHOT_JOB_MS (default 300000) after the start,
# whichever comes first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
studio=$build/app/mindllm-studio
cli=$build/app/mindllm-cli
[[ -x $studio ]] || { echo "no $studio: build the mindllm-studio target first" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "xvfb-run not found (apt-get install xvfb)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A model to show in the picker: a small random one made by the CLI, when the CLI is built.
model_args=()
model=
if [[ -n ${MINDLLM_SCREENSHOT_MODEL:-} ]]; then
  model=$MINDLLM_SCREENSHOT_MODEL
elif [[ -x $cli ]] && "$cli" init --preset small-llama --tokenizer "$root/tests/fixtures/tokenizer/bpe" \
     --out "$work/models/mindllm-small-demo" >/dev/null 2>&1; then
  model=$work/models/mindllm-small-demo
fi
[[ -n $model ]] && model_args=(--model "$model")

day() { date -u -d "-$1 day" +%F; }
for lang in en zh_CN; do
  profile=$work/$lang
  mkdir -p "$profile"
  # The demo's dates are relative to today, so the sidebar shows Today / Yesterday / ... sections.
  sed -e "s/{{D0}}/$(day 0)/g" -e "s/{{D1}}/$(day 1)/g" -e "s/{{D3}}/$(day 3)/g" \
      -e "s/{{D5}}/$(day 5)/g" -e "s/{{D12}}/$(day 12)/g" \
      "$root/docs/screenshots/demo_$lang.json" > "$profile/demo.json"
  out=$root/docs/screenshot-$lang.png
  LANG=${lang}.UTF-8 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
    "$studio" --data-dir "$profile" --lang "$lang" --import "$profile/demo.json" --open-latest \
    --screenshot "$out" "${model_args[@]}"
  echo "wrote $out"

  # The Jobs page: a real fine-tuning job (the app runs the mindllm-cli beside it), taken
  # while it trains, so the loss chart is live. Closing the app then interrupts the job.
  data=$root/domains/law/sft_alpaca.jsonl
  if [[ -n $model && -f $data ]]; then
    cat > "$profile/law-job.json" <<JSON
{"name": "law-assistant", "command": "finetune", "base_model": "$model", "dataset": "$data",
 "method": "full",
 "hyperparameters": {"epochs": 0, "max_steps": 120, "warmup_steps": 3, "lr": 0.003, "micro_batch": 2,
                     "grad_accum": 1, "seq_len": 512, "eval_every": 5, "checkpoint_every": 50, "domain": "law"}}
JSON
    out=$root/docs/screenshot-jobs-$lang.png
    LANG=${lang}.UTF-8 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
      "$studio" --data-dir "$profile" --lang "$lang" --submit-job "$profile/law-job.json" \
      --screenshot "$out" --screenshot-at-step "${MINDLLM_SCREENSHOT_JOB_STEP:-40}" \
      --screenshot-delay "${MINDLLM_SCREENSHOT_JOB_MS:-300000}" "${model_args[@]}"
    echo "wrote $out"
  fi
done

# The Evaluation page: the sample tasks run twice on the model (two app starts on one profile, so
# the second shows both runs, read back from the database), then the page is captured.
if [[ ${#model_args[@]} -gt 0 ]]; then
  for lang in en zh_CN; do
    profile=$work/eval-$lang
    mkdir -p "$profile"
    out=$root/docs/screenshots/evaluation-$lang.png
    for pass in first second; do
      LANG=${lang}.UTF-8 QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        "$studio" --data-dir "$profile" --lang "$lang" --page evaluation --evaluate ceval,cmmlu,mmlu,domain_choice \
        --screenshot "$work/eval-$pass.png" "${model_args[@]}"
    done
    cp "$work/eval-second.png" "$out"
    echo "wrote $out"
  done
else
  echo "no model for the Evaluation page screenshot (build mindllm-cli or set MINDLLM_SCREENSHOT_MODEL)" >&2
fi
