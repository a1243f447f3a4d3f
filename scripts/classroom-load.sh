#!/usr/bin/env bash
# Measures a live class on this machine, as docs/BENCHMARKS.md reports it: a Release embedded gateway
# and the load generator (`dataselection loadtest`) on the same cores, nothing else running.
#
#   scripts/classroom-load.sh [output-dir]
#
# Environment (defaults in brackets):
#   SIZES        active class sizes, one gateway for all of them in a row ["200 1000 2000"]
#   DURATION     each active run [45s]     RAMP  joins spread over [15s]
#   RUNS         runs per minute per student [60]
#   FRESH        share of runs with never-computed settings [0.01]
#   FRESH_RANGE  where their values fall: near (the default size) or anywhere [near]
#   STALENESS    students for the dashboard-staleness run (6 runs/min, fresh gateway; 0 skips) [5000]
#   IDLE         connected idle students for the memory run (fresh gateway; 0 skips) [10000]
#   PORT         gateway port [5080]
#   TIMELINE     1: each run also writes <name>.timeline.csv, every action's start and latency [0]
# Each run writes <output-dir>/<name>.json and prints its one-line summary.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/classroom-load}
sizes=${SIZES:-"200 1000 2000"}
duration=${DURATION:-45s}
ramp=${RAMP:-15s}
runs=${RUNS:-60}
fresh=${FRESH:-0.01}
fresh_range=${FRESH_RANGE:-near}
staleness=${STALENESS:-5000}
idle=${IDLE:-10000}
port=${PORT:-5080}
timeline=${TIMELINE:-0}
url="http://127.0.0.1:$port"
mkdir -p "$out"

dotnet build gateway -c Release -v q -nologo >/dev/null
dotnet build client -c Release -v q -nologo >/dev/null

gateway_pid=""
start_gateway() {
  stop_gateway
  if curl -sf "$url/health/ready" >/dev/null; then
    echo "something already answers on $url: stop it, or set PORT" >&2
    exit 1
  fi
  local data
  data=$(mktemp -d)
  dotnet gateway/bin/Release/net10.0/DataSelection.Gateway.dll --Urls="$url" \
    --DataSelection:DataDirectory="$data" --DataSelection:RateLimits:Enabled=false >"$out/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 1 60); do
    kill -0 "$gateway_pid" 2>/dev/null || { echo "the gateway exited; see $out/gateway.log" >&2; exit 1; }
    curl -sf "$url/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "the gateway did not become ready; see $out/gateway.log" >&2
  exit 1
}
stop_gateway() {
  if [[ -n "$gateway_pid" ]]; then
    kill "$gateway_pid" 2>/dev/null || true
    wait "$gateway_pid" 2>/dev/null || true
    gateway_pid=""
  fi
}
trap stop_gateway EXIT

loadtest() {
  local name=$1
  shift
  if [[ "$timeline" == 1 ]]; then
    set -- "$@" --timeline "$out/$name.timeline.csv"
  fi
  dotnet client/bin/Release/net10.0/dataselection.dll loadtest --url "$url" "$@" -o "$out/$name.json" | tail -n 1
}

start_gateway
for n in $sizes; do
  loadtest "active-$n" --students "$n" --instructors 1 --duration "$duration" --ramp "$ramp" \
    --runs-per-minute "$runs" --fresh-share "$fresh" --fresh-range "$fresh_range"
done
if [[ "$staleness" != 0 ]]; then
  start_gateway
  loadtest "active-$staleness" --students "$staleness" --instructors 2 --duration 75s --ramp 30s \
    --runs-per-minute 6 --fresh-share "$fresh" --fresh-range "$fresh_range"
fi
if [[ "$idle" != 0 ]]; then
  start_gateway
  loadtest "idle-$idle" --students 0 --idle-students "$idle" --instructors 1 --duration 90s --ramp 50s
fi
