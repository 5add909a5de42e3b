#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and drops the ones it reports as removed (RS0017). Run after a deliberate public API change, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for proj in src/*/; do
  name=$(basename "$proj")
  [ -f "$proj/PublicAPI.Unshipped.txt" ] || continue
  for _ in 1 2 3; do
    # Only this project's own diagnostics: a referenced project's errors (built first) name that project in brackets.
    out=$(dotnet build "$proj" --no-incremental 2>&1 | grep -F "/$name.csproj]" || true)
    added=$(grep -oP "error RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$out" | sort -u || true)
    removed=$(grep -oP "error RS0017: Symbol '\K.*(?=' is part of the declared API, but is either not public or could not be found)" <<<"$out" | sort -u || true)
    [ -z "$added$removed" ] && break
    if [ -n "$removed" ]; then
      while IFS= read -r sym; do grep -vxF -- "$sym" "$proj/PublicAPI.Unshipped.txt" > "$proj/PublicAPI.tmp" || true; mv "$proj/PublicAPI.tmp" "$proj/PublicAPI.Unshipped.txt"; done <<<"$removed"
    fi
    if [ -n "$added" ]; then printf '%s\n' "$added" >> "$proj/PublicAPI.Unshipped.txt"; fi
    { head -1 "$proj/PublicAPI.Unshipped.txt"; tail -n +2 "$proj/PublicAPI.Unshipped.txt" | sort -u; } > "$proj/PublicAPI.tmp"
    mv "$proj/PublicAPI.tmp" "$proj/PublicAPI.Unshipped.txt"
  done
  echo "$name: $(($(wc -l < "$proj/PublicAPI.Unshipped.txt") - 1)) unshipped symbols"
done
