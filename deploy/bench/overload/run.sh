#!/usr/bin/env bash
# Overload benchmark (not run in CI): case creation through the gateway, first at rising concurrency to find the one
# that saturates it, then at 4 and 16 times that. Each caller sends its next request when the last is answered, or
# after the Retry-After of a refusal (deploy/bench/LoadClient.java, mode overload). For each run: goodput (2xx/s),
# refusals (503/429 per second), p50/p99 of the admitted requests, p99 of the refusals, and how long after the load
# stopped five requests in a row were answered 2xx; and from the gateway's access log, how long it took to refuse.
# Needs the local runtime with the gateway's per-key rate limit raised, or the callers (one demo key) meet 429 first:
#   CORRIDOR_GATEWAY_RATE_LIMIT_REQUESTS=1000000 CORRIDOR_GATEWAY_RATE_LIMIT_BURST=1000000 deploy/local/corridor up
# All traffic stays on 127.0.0.1.
#   deploy/bench/overload/run.sh            (SWEEP="1 2 4 8 16 32" SWEEP_SECONDS=15 SECONDS_EACH=30 by default)
# BACKOFF=no: the callers at 4x and 16x ignore Retry-After and send again at once.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run=$(realpath -m "${CORRIDOR_RUN_DIR:-$root/deploy/local/.run}")
. "$root/deploy/local/java-home.sh"
pick_java_home
java="$JAVA_HOME/bin/java"
SWEEP=${SWEEP:-1 2 4 8 16 32}
SWEEP_SECONDS=${SWEEP_SECONDS:-15}
SECONDS_EACH=${SECONDS_EACH:-30}
BACKOFF=${BACKOFF:-yes}
gateway="http://127.0.0.1:${CORRIDOR_GATEWAY_PORT:-8080}"
caseworker="ApiKey $(jq -r '.[] | select(.org == "crossing-hope" and .roles == ["caseworker"]) | .apiKey' "$run/credentials.json")"
access_log="$run/logs/gateway.log"
load() { # concurrency, seconds -> the client's figures, then the gateway's own time to refuse (its access log)
  local from; from=$(wc -l <"$access_log")
  "$java" "$root/deploy/bench/LoadClient.java" overload "$gateway/api/v1/cases" "$caseworker" "$work/case.json" "$@"
  for status in 201 503; do
    tail -n +"$((from + 1))" "$access_log" | { grep -oE "POST cases $status [0-9]+us" || true; } | sed -E 's/.* ([0-9]+)us/\1/' | sort -n \
      | awk -v s=$status '{a[NR] = $1} END {if (NR) printf "  gateway: %d answered %s in p50=%.1fms p99=%.1fms (access log)\n", NR, s, a[int(NR * 0.5) + 1] / 1000, a[int(NR * 0.99) + 1] / 1000}'
  done
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/deploy/bench/case.json" "$work/case.json"

echo "== finding the concurrency that saturates case creation (${SWEEP_SECONDS} s each)"
best=0
for c in $SWEEP; do
  load "$c" "$SWEEP_SECONDS" | tee -a "$work/sweep"
done
# saturated: the best goodput of a run nothing was refused in; the saturating concurrency: the least that reached 90 % of it
best=$(awk '/refused=0.0\/s/ {g=$0; sub(/.* goodput=/, "", g); sub(/\/s.*/, "", g); if (g + 0 > best) best = g + 0} END {print best}' "$work/sweep")
saturating=$(awk -v best="$best" '/refused=0.0\/s/ {g=$0; sub(/.* goodput=/, "", g); sub(/\/s.*/, "", g); c=$0; sub(/^concurrency=/, "", c); sub(/ .*/, "", c);
  if (g + 0 >= 0.9 * best && (least == "" || c + 0 < least)) least = c + 0} END {print least}' "$work/sweep")
at_saturation=$(grep "^concurrency=$saturating " "$work/sweep")
echo "saturated: $best/s, reached at concurrency $saturating: $at_saturation"

for factor in 4 16; do
  c=$((saturating * factor))
  echo "== ${factor}x: concurrency $c for $SECONDS_EACH s"
  load "$c" "$SECONDS_EACH" $([ "$BACKOFF" = no ] && echo no-backoff) | tee "$work/line"; line=$(head -n 1 "$work/line")
  awk -v f="$factor" -v g="$(echo "$line" | field goodput)" -v p="$(echo "$line" | sed -E 's/.*admitted p50=[0-9]+ms p99=([0-9]+)ms.*/\1/')" \
      -v best="$best" -v p0="$(echo "$at_saturation" | sed -E 's/.*admitted p50=[0-9]+ms p99=([0-9]+)ms.*/\1/')" \
      'BEGIN {printf "%dx: goodput %.0f %% of saturated (target >= 90 %%), admitted p99 %.2f x saturation'"'"'s (target <= 2)\n", f, 100 * g / best, p / p0}'
done
