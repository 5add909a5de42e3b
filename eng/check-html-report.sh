#!/usr/bin/env bash
# Opens an HTML report in headless Chromium, fails on any console message or script error and on any chart without
# drawn marks, and saves a screenshot.  Usage: eng/check-html-report.sh REPORT.html SCREENSHOT.png [EXPECTED_CHARTS]
# The page's inline check script writes {"charts": {id: marks}, "errors": [...]} into <pre id="cx-check">; we read it
# from --dump-dom.  Console output is taken from Chromium's stderr log (--enable-logging=stderr): the report page
# logs nothing, so every CONSOLE line is an error.
set -euo pipefail
html=$(realpath "$1"); png=$2; expected=${3:-3}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-html-report: no chromium on PATH" >&2; exit 1; }
profile=$(mktemp -d); log=$(mktemp); dom=$(mktemp)
trap 'rm -rf "$profile" "$log" "$dom"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars "--user-data-dir=$profile")

timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "file://$html" >"$dom" 2>"$log"
if grep -q ':CONSOLE' "$log"; then
  echo "check-html-report: console messages:" >&2; grep ':CONSOLE' "$log" >&2; exit 1
fi
/usr/bin/python3 - "$dom" "$expected" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="cx-check"[^>]*data-done="true"[^>]*>(.*?)</pre>', dom, re.S)
if not m:
    sys.exit("check-html-report: the page's check script did not run (no #cx-check marker)")
check = json.loads(html.unescape(m.group(1)))
charts, errors = check["charts"], check["errors"]
if errors:
    sys.exit(f"check-html-report: script errors: {errors}")
if len(charts) != int(sys.argv[2]):
    sys.exit(f"check-html-report: expected {sys.argv[2]} charts, found {len(charts)}: {charts}")
empty = [k for k, v in charts.items() if v == 0]
if empty:
    sys.exit(f"check-html-report: charts without drawn marks: {empty}")
print("check-html-report: marks per chart " + ", ".join(f"{k}={v}" for k, v in charts.items()) + "; no console errors")
PY

rm -rf "$profile"; mkdir -p "$profile" "$(dirname "$png")"
timeout 120 "$browser" "${flags[@]}" --window-size=1400,1900 --screenshot="$(realpath -m "$png")" "file://$html" >/dev/null 2>"$log" \
  || { cat "$log" >&2; exit 1; }
[ -s "$png" ] || { echo "check-html-report: no screenshot written" >&2; exit 1; }
echo "check-html-report: screenshot $png ($(stat -c %s "$png") bytes)"
