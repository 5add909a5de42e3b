#!/usr/bin/env bash
# Runs every samples/scripts/*.cs file-based app (dotnet run -c Release FILE.cs) and checks its output: each
# `// expect: REGEX` line in a script must match at least one output line (grep -E), and the exit code must be 0.
# Usage: eng/run-scripts.sh [script.cs ...]   (default: all scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p artifacts/scripts
scripts=("$@"); [ ${#scripts[@]} -gt 0 ] || scripts=(samples/scripts/*.cs)
failed=0
for s in "${scripts[@]}"; do
  name=$(basename "$s" .cs); out=artifacts/scripts/$name.out
  t0=$(date +%s)
  if ! dotnet run -c Release "$s" >"$out" 2>&1; then
    echo "FAIL $name: exit code $? (output in $out)"; tail -20 "$out"; failed=1; continue
  fi
  missing=0
  while IFS= read -r re; do
    grep -Eq -- "$re" "$out" || { echo "FAIL $name: no output line matches /$re/"; missing=1; }
  done < <(sed -n 's|^// expect: ||p' "$s")
  n=$(grep -c '^// expect: ' "$s" || true)
  [ "$n" -gt 0 ] || { echo "FAIL $name: no '// expect:' lines"; missing=1; }
  if [ $missing -ne 0 ]; then tail -30 "$out"; failed=1; else echo "ok   $name ($n expectations, $(( $(date +%s) - t0 ))s)"; fi
done
exit $failed
