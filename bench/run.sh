#!/usr/bin/env bash
# Performance budget (docs/architecture.md §7), measured as medians of whole-process runs (not timed tests):
#   (a) empty-stack synth: the jsii floor     (b) synth --env prod: budget ≤ 2× (a)
#   (c) preflight analysis of the prod assembly alone: budget < 1 s     (d) dotnet test: budget < 2 min
# Usage: bash bench/run.sh [runs]   (default 5; dotnet test runs once unless BENCH_TEST_RUNS is set)
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release bench/EmptyStack -o "$work/empty" -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }
dotnet build -c Release src/EksPlatform.Cli -o "$work/cli" -v q -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }

# median_ms RUNS COMMAND...: runs the command RUNS times, prints the median wall time in milliseconds.
median_ms() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

floor=$(median_ms "$runs" dotnet "$work/empty/EmptyStack.dll" "$work/empty.out")
synth=$(median_ms "$runs" dotnet "$work/cli/eks-platform.dll" synth --env prod --out "$work/prod.out")
preflight=$(median_ms "$runs" dotnet "$work/cli/eks-platform.dll" plan --env prod --assembly "$work/prod.out" --format json)
tests=$(median_ms "${BENCH_TEST_RUNS:-1}" dotnet test)

ratio=$(awk -v s="$synth" -v f="$floor" 'BEGIN { printf "%.2f", s / f }')
printf '%-44s %8s\n' "measure (median of $runs runs)" "ms"
printf '%-44s %8d\n' "(a) empty-stack synth (jsii floor)" "$floor"
printf '%-44s %8d   %sx the floor (budget 2.00x)\n' "(b) synth --env prod" "$synth" "$ratio"
printf '%-44s %8d   (budget 1000 ms, whole process)\n' "(c) preflight analysis (plan --assembly)" "$preflight"
printf '%-44s %8d   (budget 120000 ms)\n' "(d) dotnet test" "$tests"
