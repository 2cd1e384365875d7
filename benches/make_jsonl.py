#!/usr/bin/env python3
"""Writes N JSON Lines answer sheets for the throughput and memory benchmark.

    python3 benches/make_jsonl.py examples/sheets/ada.json 100000 > /tmp/sheets-100k.jsonl

Each line is the given sheet with its own candidate name and a rotated set of answers, so the
scorer cannot get away with caching one result."""
import json, sys

sheet = json.load(open(sys.argv[1]))
count = int(sys.argv[2])
ids = sorted(sheet["answers"])
values = [sheet["answers"][i] for i in ids]
out = sys.stdout
for n in range(count):
    shift = n % len(values)
    rotated = values[shift:] + values[:shift]
    line = dict(sheet, candidate=f"candidate-{n}", answers=dict(zip(ids, rotated)))
    # Rotating can put a list on a single-choice question; keep such answers as they were.
    for i, original in zip(ids, values):
        if isinstance(line["answers"][i], list) != isinstance(original, list):
            line["answers"][i] = original
    out.write(json.dumps(line, separators=(",", ":")) + "\n")
