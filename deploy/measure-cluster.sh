#!/usr/bin/env bash
# Runs/s and memory per student with 0 (embedded), 1 or 2 cluster silos on this machine, loopback only.
#
#   dotnet build DataSelection.sln -c Release
#   deploy/measure-cluster.sh embedded   # one process: gateway + silo + SQLite
#   deploy/measure-cluster.sh 1          # redis-server + 1 silo + 1 gateway (client mode)
#   deploy/measure-cluster.sh 2          # redis-server + 2 silos + 1 gateway
#
# Environment: STUDENTS (400), REPEATS (3), THINK (0.5), RAMP (5), FRESH (20) for `dataselection loadtest`;
# CONCURRENT (8) students each doing PER_STUDENT (5) fresh Part 1 runs at once (curl), to load the CPU;
# SATURATE (1000) students with think 0 and ramp 0 (0 to skip); OUT (a temporary folder) for the reports.
# Every process it starts is stopped on exit: gateway, then silos, then Redis.
set -euo pipefail

SILOS=${1:-1}
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}   # the built checkout
STUDENTS=${STUDENTS:-400}
REPEATS=${REPEATS:-3}
THINK=${THINK:-0.5}
RAMP=${RAMP:-5}
FRESH=${FRESH:-20}
CONCURRENT=${CONCURRENT:-8}
PER_STUDENT=${PER_STUDENT:-5}
SATURATE=${SATURATE:-1000}
OUT=${OUT:-$(mktemp -d /tmp/measure-cluster.XXXXXX)}
mkdir -p "$OUT"

SILO="$ROOT/silo/bin/Release/net10.0/DataSelection.Silo"
GATEWAY="$ROOT/gateway/bin/Release/net10.0/DataSelection.Gateway"
CLIENT="$ROOT/client/bin/Release/net10.0/dataselection"
URL=http://127.0.0.1:5411
REDIS_PORT=6390

GATEWAY_PID=""
SILO_PIDS=()
REDIS_PID=""

stop() { # pid, seconds: SIGTERM, then SIGKILL if it is still there
  local pid=$1 wait=${2:-40}
  [[ -z "$pid" ]] && return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq $((wait * 10))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$GATEWAY_PID" 40
  for pid in "${SILO_PIDS[@]}"; do stop "$pid" 40; done
  stop "$REDIS_PID" 10
}
trap cleanup EXIT

ready() { # url: wait up to 90 s for 200
  for _ in $(seq 900); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "not ready: $1" >&2
  return 1
}

child() { # the process under a `timeout` wrapper
  local c
  c=$(ps --ppid "$1" -o pid= | head -n 1 | tr -d ' ')
  echo "${c:-$1}"
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$(child "$1")/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(child "$1")/stat"; }

TOKEN_KEY=$(head -c 36 /dev/urandom | base64 | tr -d '\n')   # 48 characters
LIMITS=(--DataSelection:RateLimits:Enabled=false)   # one address plays a whole cohort

if [[ "$SILOS" == embedded ]]; then
  timeout 3600 dotnet "$GATEWAY.dll" --DataSelection:DataDirectory="$OUT/data" "${LIMITS[@]}" --Urls=$URL \
    >"$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  ready $URL/health/ready
  WATCH=$GATEWAY_PID
else
  timeout 3600 redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir "$OUT" --appendonly yes --appendfsync always \
    --save "" >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 100); do redis-cli -p $REDIS_PORT ping >/dev/null 2>&1 && break; sleep 0.1; done
  for i in $(seq "$SILOS"); do
    timeout 3600 "$SILO" --DataSelection:Mode=cluster --DataSelection:Redis=127.0.0.1:$REDIS_PORT \
      --DataSelection:SiloPort=$((11310 + i)) --DataSelection:GatewayPort=$((30310 + i)) \
      --DataSelection:ClusterId=c1 --Urls=http://127.0.0.1:$((5310 + i)) >"$OUT/silo$i.log" 2>&1 &
    SILO_PIDS+=($!)
    ready http://127.0.0.1:$((5310 + i))/health/ready
  done
  timeout 3600 "$GATEWAY" --DataSelection:Mode=client --DataSelection:Redis=127.0.0.1:$REDIS_PORT \
    --DataSelection:ClusterId=c1 --DataSelection:TokenKey="$TOKEN_KEY" "${LIMITS[@]}" --Urls=$URL \
    >"$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  ready $URL/health/ready
  WATCH=${SILO_PIDS[0]}
fi

memory() { # label
  local line="$1 rss_kb:"
  if [[ "$SILOS" == embedded ]]; then line+=" gateway+silo=$(rss_kb "$GATEWAY_PID")"; else
    for i in "${!SILO_PIDS[@]}"; do line+=" silo$((i + 1))=$(rss_kb "${SILO_PIDS[$i]}")"; done
    line+=" gateway=$(rss_kb "$GATEWAY_PID")"
  fi
  echo "$line" | tee -a "$OUT/memory.txt"
}

redis_stats() { # label
  [[ -z "$REDIS_PID" ]] && return 0
  local info
  info=$(redis-cli -p $REDIS_PORT info all | tr -d '\r')
  echo "$1 redis: commands=$(grep -oP '^total_commands_processed:\K\d+' <<<"$info")" \
    "aof_bytes=$(grep -oP '^aof_current_size:\K\d+' <<<"$info")" \
    "keys=$(redis-cli -p $REDIS_PORT dbsize | tr -d '\r')" \
    "used_memory=$(grep -oP '^used_memory:\K\d+' <<<"$info")" | tee -a "$OUT/redis.txt"
  { echo "# $1"; grep '^cmdstat_' <<<"$info"; } >>"$OUT/redis-commandstats.txt"
}

cpu_line() { # CPU seconds used so far by each process this script started
  local line="cpu_s:" i
  for i in "${!SILO_PIDS[@]}"; do line+=" silo$((i + 1))=$(cpu_ticks "${SILO_PIDS[$i]}")"; done
  line+=" gateway=$(cpu_ticks "$GATEWAY_PID")"
  [[ -n "$REDIS_PID" ]] && line+=" redis=$(cpu_ticks "$REDIS_PID")"
  echo "$line"
}

class_rate() { # report.json: runs/s and requests/s of the class phase (total - joins - fresh runs)
  jq -r '(.latency_ms.run_fresh // {count:0,p50:0}) as $f
    | (.seconds - .latency_ms.join.max / 1000 - $f.count * $f.p50 / 1000) as $class
    | "class phase \($class * 100 | round / 100) s: cached runs \(.latency_ms.run_cached.count) -> \(.latency_ms.run_cached.count / $class * 10 | round / 10) runs/s, \((.latency_ms.lock.count + .latency_ms.run_cached.count + .latency_ms.reflection.count + .latency_ms.state.count) / $class | round) requests/s; errors \(.errors)"' "$1"
}

echo "mode: $SILOS silo(s); reports in $OUT"
memory "idle"
redis_stats "idle"

for r in $(seq "$REPEATS"); do
  cpu0=$(cpu_ticks "$WATCH")
  "$CLIENT" loadtest --url $URL --students "$STUDENTS" --fresh-runs "$FRESH" --think "$THINK" --ramp "$RAMP" \
    -o "$OUT/load$r.json" 2>&1 | tail -n 7
  cpu1=$(cpu_ticks "$WATCH")
  class_rate "$OUT/load$r.json"
  echo "first silo (or embedded process) CPU during the run: $(( (cpu1 - cpu0) * 10 )) ms"
  memory "after load $r ($((r * STUDENTS)) students)"
  redis_stats "after load $r"
done

if (( SATURATE > 0 )); then
  echo "saturation: $SATURATE students, think 0, ramp 0, no fresh runs"
  echo "before (clock ticks) $(cpu_line)"
  "$CLIENT" loadtest --url $URL --students "$SATURATE" --fresh-runs 0 --think 0 --ramp 0 -o "$OUT/saturate.json" 2>&1 | tail -n 7
  class_rate "$OUT/saturate.json"
  echo "after (clock ticks) $(cpu_line)"
  memory "after saturation"
  redis_stats "after saturation"
fi

# CONCURRENT students run PER_STUDENT never-computed Part 1 settings each, all at once: CPU-bound throughput.
if (( CONCURRENT > 0 )); then
  code=$(curl -fs -X POST $URL/api/sessions -H 'content-type: application/json' -d '{"title":"fresh"}' | jq -r .code)
  nonce=$((RANDOM % 900 + 1))
  : >"$OUT/fresh-times.txt"
  student() {
    local i=$1 token t j
    token=$(curl -fs -X POST "$URL/api/sessions/$code/students" -H 'content-type: application/json' \
      -d "{\"name\":\"F$i\",\"track\":\"tiny-pioneer\"}" | jq -r .token)
    curl -fs -o /dev/null -X PUT $URL/api/me/parts/1/lock -H "authorization: Bearer $token" \
      -H 'content-type: application/json' -d '{"prediction":{"value":30}}'
    for j in $(seq "$PER_STUDENT"); do
      t=$(awk -v i="$i" -v j="$j" -v n="$nonce" -v c="$CONCURRENT" -v p="$PER_STUDENT" \
        'BEGIN { printf "%.9f", 0.5 + 0.4 * ((i - 1) * p + j) / (c * p + 1) + 1e-7 * n }')
      curl -fs -o /dev/null -w '%{http_code} %{time_total}\n' -X POST $URL/api/me/parts/1/runs \
        -H "authorization: Bearer $token" -H 'content-type: application/json' \
        -d "{\"parameters\":{\"threshold\":$t}}" >>"$OUT/fresh-times.txt"
    done
  }
  start=$(date +%s.%N)
  workers=()
  for i in $(seq "$CONCURRENT"); do student "$i" & workers+=($!); done
  wait "${workers[@]}" || true
  end=$(date +%s.%N)
  sort -k2 -n "$OUT/fresh-times.txt" | awk -v s="$start" -v e="$end" '
    { ok += ($1 == 200); t[NR] = $2 * 1000 }
    END { n = NR; printf "concurrent fresh runs: %d (%d ok) in %.2f s -> %.2f runs/s; latency p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
          n, ok, e - s, n / (e - s), t[int(n * 0.5) + (n * 0.5 > int(n * 0.5))], t[int(n * 0.95) + (n * 0.95 > int(n * 0.95))], t[n] }'
  memory "after concurrent fresh runs"
  redis_stats "after concurrent fresh runs"
fi
