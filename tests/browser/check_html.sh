#!/usr/bin/env bash
# Renders the example HTML reports in headless Chromium and checks what a reader would see:
# the radar chart and the study plan on a candidate's page, the cohort's histogram, and that a
# candidate named <script>alert(1)</script> is shown as text, never run.
#
# Each page is also laid out with tests/browser/layout_check.js injected into a copy (the reports
# themselves run no script): no cut labels, chart texts inside their charts, axes with ticks, legends,
# no glyph bars in tables, dates on one line, verdict badges with enough contrast; at two widths.
#
# Usage: tests/browser/check_html.sh [OUTPUT_DIR]
# Skips (exit 0) when Chromium is not installed; CI (.ci/run) installs Debian's `chromium`.
# The pages, DOM dumps and screenshots are left in OUTPUT_DIR (default: a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
    echo "check_html: Chromium is not installed; skipping the browser check" >&2
    echo "check_html: install it with: apt-get install -y chromium" >&2
    exit 0
fi

out=${1:-$(mktemp -d)}
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

fail() {
    echo "check_html: FAILED: $*" >&2
    echo "check_html: pages, DOM dumps and screenshots are in $out" >&2
    exit 1
}

cargo build --locked --quiet
skillgap=target/debug/skillgap

# Headless Chromium with nothing that reaches the network.
browse() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>>"$out/chromium.log"
}

# render NAME: dumps the DOM of $out/NAME.html to NAME.dom.html and takes NAME.png.
render() {
    local page="$out/$1.html"
    browse --dump-dom "file://$(realpath "$page")" >"$out/$1.dom.html" ||
        fail "Chromium could not render $page (see $out/chromium.log)"
    [[ -s "$out/$1.dom.html" ]] ||
        fail "Chromium rendered nothing for $page (see $out/chromium.log)"
    browse --screenshot="$out/$1.png" --window-size=1200,2000 "file://$(realpath "$page")" >/dev/null ||
        fail "Chromium could not take a screenshot of $page"
    local size
    size=$(stat -c %s "$out/$1.png" 2>/dev/null || echo 0)
    # A blank 1200×2000 page compresses to a few kilobytes; a drawn report to far more.
    ((size > 30000)) || fail "the screenshot of $page looks blank ($size bytes): $out/$1.png"
}

# layout NAME WIDTH: lays out a copy of NAME.html with the layout check and fails on its findings.
layout() {
    local copy="$out/$1.layout-$2.html"
    # The copy drops the page's Content-Security-Policy so the check may run; nothing else changes.
    sed -e '/http-equiv="Content-Security-Policy"/d' "$out/$1.html" |
        awk -v script="tests/browser/layout_check.js" '
            /<\/body>/ { print "<script>"; while ((getline line < script) > 0) print line; print "</script>" }
            { print }' >"$copy"
    browse --dump-dom --window-size="$2",2000 "file://$(realpath "$copy")" >"$out/$1.layout-$2.dom.html" ||
        fail "Chromium could not lay out $copy"
    local report
    report=$(sed -n '/<pre id="layout-check">/,/<\/pre>/p' "$out/$1.layout-$2.dom.html")
    [[ -n "$report" ]] || fail "$1 at $2 px: the layout check did not run (see $out/chromium.log)"
    if grep -q 'FAIL' <<<"$report"; then
        fail "$1 at $2 px: $(grep FAIL <<<"$report" | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g')"
    fi
}

# reject NAME TEXT...: no TEXT is in NAME's DOM.
reject() {
    local name=$1
    shift
    for text in "$@"; do
        if grep -qF -- "$text" "$out/$name.dom.html"; then
            fail "$name: the page has '$text'"
        fi
    done
}

# expect NAME TEXT...: each TEXT is in NAME's DOM as Chromium built it.
expect() {
    local name=$1
    shift
    for text in "$@"; do
        grep -qF -- "$text" "$out/$name.dom.html" || fail "$name: the page has no '$text'"
    done
}

# A candidate's page, with a study plan.
"$skillgap" score examples/sheets/ben.toml --plan --start 2026-11-23 --format json >"$out/ben.json"
"$skillgap" report "$out/ben.json" --format html --out "$out/ben.html"
render ben
expect ben '<svg class="radar"' '<polygon class="candidate"' '<polygon class="required"' \
    '<g class="skill-bar"' 'Gaps, by priority' '<section id="plan">' 'Steps, in order' \
    'Learning pathways that fit' 'Ben Example' \
    'class="level-shade"' 'Shade = chance of the level' 'class="requirement"' \
    '% sure' 'Percentages say how sure' '<svg class="timeline"' 'class="measure-first"' \
    'Weeks from the start of the plan' 'measure first'
# Okabe–Ito, not red and green; no terminal glyph bars; no "±" on a level.
reject ben '#dc2626' '#15803d' '█' '▒' '±'
grep -qE 'verdict-not-yet"><span aria-hidden="true">✗ </span>(probably |leaning )?not yet — (over |under )?[0-9]+ %' "$out/ben.dom.html" ||
    fail "ben: the verdict does not say how sure it is"
layout ben 1200
layout ben 720

# A cohort page.
"$skillgap" score examples/cohort --summary --quiet --format html --out "$out/cohort.html" 2>/dev/null ||
    true # one example sheet is broken on purpose: exit 2, the page is still written
[[ -s "$out/cohort.html" ]] || fail "score did not write $out/cohort.html"
render cohort
expect cohort '<svg class="histogram"' 'Most common gaps' 'Candidates' \
    'class="y-tick"' '>Readiness (%)</text>' '>Candidates</text>' 'url(#histogram-0-hatch)' \
    'class="bin-count"' '% sure' 'Percentages say how sure'
reject cohort '#dc2626' '#15803d' '█'
layout cohort 1200
layout cohort 720

# Escaping: the name must come back as text, and the page must hold no script at all.
sed 's|^candidate = .*|candidate = "<script>alert(1)</script>"|' examples/sheets/ben.toml >"$out/evil.toml"
"$skillgap" score "$out/evil.toml" --plan --start 2026-11-23 --format html --out "$out/evil.html"
render evil
expect evil '&lt;script&gt;alert(1)&lt;/script&gt;'
if grep -qi '<script' "$out/evil.dom.html"; then
    fail "evil: the DOM has a <script> element"
fi
if grep -qi 'alert' "$out/chromium.log"; then
    fail "evil: Chromium logged an alert (see $out/chromium.log)"
fi

echo "check_html: ok: radar, shaded bars, timeline and cohort histogram rendered and laid out at 1200 and 720 px; the hostile name stayed text ($out)"
