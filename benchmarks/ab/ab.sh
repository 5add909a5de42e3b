#!/usr/bin/env bash
# In-process A/B timing of CxMetrics builds under the same machine noise (see Host/Program.cs).
# Usage: benchmarks/ab/ab.sh [-g agent|channel] [-d days] [-n rows] [-r rounds] REV...   (REV: a git revision, or "." = the working tree)
# Example: benchmarks/ab/ab.sh -g agent HEAD~1 .   (CXAB_PERIOD=week or month groups by that period instead of days; CXAB_SORTED=1 orders the rows by opened_at); CXAB_TRACE=1 prints every call with its page faults
set -euo pipefail
cd "$(dirname "$0")/../.."
grouping=agent rows=1000000 rounds=30 days=90
while getopts "g:d:n:r:" opt; do
  case $opt in g) grouping=$OPTARG ;; d) days=$OPTARG ;; n) rows=$OPTARG ;; r) rounds=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-g agent|channel] [-d days] [-n rows] [-r rounds] REV..."; exit 2; }
out=artifacts/ab
rm -rf "$out" && mkdir -p "$out"
dotnet build src/CxMetrics -c Release -v q -nologo >/dev/null
dotnet build benchmarks/ab/Driver -c Release -v q -nologo -o "$out/driver" >/dev/null
dotnet build benchmarks/ab/Host -c Release -v q -nologo -o "$out/host" >/dev/null
folders=()
for rev in "$@"; do
  label=$( [ "$rev" = . ] && echo "working-tree" || git rev-parse --short "$rev")
  if [ "$rev" = . ]; then
    src=src/CxMetrics
  else
    tree=$(mktemp -d)/tree
    git worktree add -q --detach "$tree" "$rev"
    src=$tree/src/CxMetrics
  fi
  dotnet build "$src" -c Release -v q -nologo -o "$out/$label" >/dev/null
  [ "$rev" = . ] || git worktree remove --force "$tree"
  folders+=("$out/$label")
done
CXAB_DAYS=$days dotnet "$out/host/AbHost.dll" "$out/driver/AbDriver.dll" "$grouping" "$rows" "$rounds" "${folders[@]}"
