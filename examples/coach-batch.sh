#!/usr/bin/env bash
# A coach's batch run: score a cohort folder against the junior template, keep machine-readable
# results, write the cohort summary (Markdown and HTML) and a study plan per candidate, and carry
# on past bad sheets (exit code 2 says some failed).
#
#   examples/coach-batch.sh [COHORT_DIR] [OUT_DIR]
#
# SKILLGAP may point at the binary (default: skillgap on PATH).
set -uo pipefail
skillgap=${SKILLGAP:-skillgap}
cohort=${1:-examples/cohort}
out=${2:-out}
mkdir -p "$out"

"$skillgap" score "$cohort" --template junior-backend --format jsonl --quiet > "$out/results.jsonl"
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
  echo "scoring failed (exit $status)" >&2
  exit "$status"
fi
"$skillgap" score "$cohort" --template junior-backend --format markdown --summary --quiet \
  > "$out/cohort.md" 2>/dev/null
# The cohort page to hand over (one self-contained HTML file), and a study plan per candidate.
"$skillgap" score "$cohort" --template junior-backend --summary --quiet \
  --out "$out/cohort.html" 2>/dev/null
mkdir -p "$out/plans"
# Each plan is named after the candidate ("Ada Lovelace" -> ada-lovelace.md); a sheet without a
# name keeps its place number, and a second "Ada" becomes ada-2.md.
name_of() {
  printf '%s\n' "$1" | sed -n 's/^{.*"candidate":"\([^"]*\)".*/\1/p' | head -n 1 |
    tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//'
}
n=0
while IFS= read -r results; do
  n=$((n + 1))
  name=$(name_of "$results")
  [ -n "$name" ] || name="candidate-$n"
  [ -e "$out/plans/$name.json" ] && name="$name-$n"
  printf '%s\n' "$results" > "$out/plans/$name.json"
  "$skillgap" plan "$out/plans/$name.json" --format markdown > "$out/plans/$name.md"
done < "$out/results.jsonl"
# Who is ready? jq is optional; without it, count the lines.
if command -v jq >/dev/null; then
  jq -r 'select(.templates) | [.candidate, .templates[0].verdict, (.templates[0].readiness|round)] | @tsv' \
    "$out/results.jsonl"
else
  echo "$(wc -l < "$out/results.jsonl") candidate(s) scored; see $out/"
fi
[ "$status" -eq 2 ] && echo "some sheets could not be scored: see the errors above" >&2
exit "$status"
