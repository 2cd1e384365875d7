#!/usr/bin/env bash
# catsim 0.21.0 and `skillgap simulate` side by side on the frozen inputs (1000 examinees, the
# 300-item 2PL bank, the shared uniform draws): both times, their ratio, and whether skillgap
# reproduces catsim's item sequences. Not part of CI: it installs catsim from PyPI into a venv.
#
# usage: benches/cat_vs_catsim.sh [INPUT_DIR]   (default: ../shared/bench/cat)
set -euo pipefail
cd "$(dirname "$0")/.."
inputs="$(realpath "${1:-../shared/bench/cat}")"
venv="target/catsim-venv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for file in bank_2PL.csv examinees.csv uniforms.csv trace_catsim_2PL.csv; do
  [[ -f "$inputs/$file" ]] || { echo "error: $inputs/$file is missing; pass the frozen inputs' folder" >&2; exit 2; }
done

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet "catsim==0.21.0" numpy scipy
cargo build --release --quiet

echo "catsim 0.21.0 (Python, one process, replaying the uniform draws)..."
catsim_json="$("$venv/bin/python" benches/catsim_replay.py "$inputs" "$work/trace_catsim.csv")"
echo "skillgap simulate (release build, single thread)..."
./target/release/skillgap simulate --bank "$inputs/bank_2PL.csv" --examinees "$inputs/examinees.csv" \
  --uniforms "$inputs/uniforms.csv" --reference "$work/trace_catsim.csv" --format json > "$work/skillgap.json"
./target/release/skillgap simulate --bank "$inputs/bank_2PL.csv" --examinees "$inputs/examinees.csv" \
  --uniforms "$inputs/uniforms.csv" --reference "$inputs/trace_catsim_2PL.csv" --format json > "$work/frozen.json"

"$venv/bin/python" - "$catsim_json" "$work/skillgap.json" "$work/frozen.json" <<'PY'
import json, sys
catsim = json.loads(sys.argv[1])
ours = json.load(open(sys.argv[2]))
frozen = json.load(open(sys.argv[3]))
ref, ref_frozen = ours["reference"], frozen["reference"]
print(f"catsim:   {catsim['seconds']:.3f} s for {catsim['examinees']} examinees")
print(f"skillgap: {ours['simulation_seconds']:.4f} s simulation time (RMSE {ours['rmse']:.4f}, mean length {ours['mean_length']:.2f})")
print(f"ratio:    skillgap is {catsim['seconds'] / ours['simulation_seconds']:.0f}x faster")
print(f"same item sequences as this catsim run: {ref['same_items']}/{ref['compared']}, "
      f"|dtheta| <= 1e-4: {ref['same_items_and_theta']}, max |dtheta| {ref['max_theta_difference']:.2e}")
print(f"same item sequences as the frozen trace: {ref_frozen['same_items']}/{ref_frozen['compared']}, "
      f"|dtheta| <= 1e-4: {ref_frozen['same_items_and_theta']}, max |dtheta| {ref_frozen['max_theta_difference']:.2e}")
PY
