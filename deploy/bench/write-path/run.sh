#!/usr/bin/env bash
# The write path, side by side in one run (issue 13; not run in CI): case creation and journey recording through a
# gateway and straight to case-service, at concurrency 1 and C, and pgbench replaying exactly the statements one
# creation and one journey event issue (create-case.pgbench, record-journey.pgbench, captured from the runtime's
# PostgreSQL with log_statement=all) at the same concurrency against a copy of case-service's schema; the ratios;
# the gateway's CPU per proxied request and what it adds at p50 with one connection; case-service's CPU per creation
# and per journey event; each service's resident memory.
# Needs the local runtime (deploy/local/corridor up) and a built gateway (gateway/target/quarkus-app): the requests
# through the gateway go to a gateway of the benchmark's own (deploy/bench/bench-gateway.sh, rate limit raised) whose
# CPU time is read from /proc. All traffic stays on 127.0.0.1.
#   deploy/bench/write-path/run.sh      N=2000 C=16 N1=200 ROUNDS=3 WARMUP=1000 by default
# CAPTURE=1 captures the two pgbench scripts again first (do so whenever case-service's statements change; it sets
# log_statement=all on the runtime's PostgreSQL for a few seconds and resets it). JFR=FILE records a profile of the
# benchmark's gateway into FILE.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run=$(realpath -m "${CORRIDOR_RUN_DIR:-$root/deploy/local/.run}")
. "$root/deploy/local/java-home.sh"
pick_java_home
. "$root/deploy/bench/bench-gateway.sh"
N=${N:-2000}
C=${C:-16}
N1=${N1:-200}
ROUNDS=${ROUNDS:-3}
direct="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_PORT:-8081}"
gateway="http://127.0.0.1:$bench_gateway_port"
pg_port=${CORRIDOR_POSTGRES_PORT:-15432}
export PGPASSWORD="$(cat "$run/keys/postgres-password")"
psql() { command psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
[ -x "$pgbench" ] || pgbench=$(command -v pgbench) || { echo "pgbench not found (apt-get install postgresql-contrib)"; exit 1; }
load() { "$JAVA_HOME/bin/java" "$root/deploy/bench/LoadClient.java" "$@"; }
caseworker="ApiKey $(jq -r '.[] | select(.org == "crossing-hope" and .roles == ["caseworker"]) | .apiKey' "$run/credentials.json")"
# an internal token lives five minutes: each direct run gets a fresh one
token() { load token "$run/keys/signing-key.pem" crossing-hope caseworker; }
field() { sed -E "s/(^|.* )$1=([0-9.]+).*/\2/"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

work=$(mktemp -d)
cleanup() {
  stop_bench_gateway
  psql -d postgres -c "DROP DATABASE IF EXISTS bench_write_path WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
cp "$root/deploy/bench/case.json" case.json
echo "load average at the start: $(load_average) ($(nproc) cores, shared by the runtime, the load client and pgbench)"
start_bench_gateway "$root" "$run" "$work" ${JFR:+-XX:StartFlightRecording=filename=$(realpath -m "$JFR"),settings=profile}

capture() { # script name, created|existing (what the request did to the case in ids.out), the table whose row for that
  # case marks the request's own transaction, then the command that sends it
  local name=$1 case_was=$2 table=$3 log from
  shift 3
  log=$(ls -t "$run/state/postgres/log/"*.log | head -n 1)
  psql -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %d '" \
    -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  from=$(stat -c %s "$log")
  "$@" >/dev/null
  sleep 0.5
  psql -d postgres -c "ALTER SYSTEM RESET log_statement" -c "ALTER SYSTEM RESET log_line_prefix" -c "SELECT pg_reload_conf()" >/dev/null
  tail -c +$((from + 1)) "$log" >request.log
  python3 "$here/pgbench_script.py" cases request.log "$(head -n 1 ids.out)" "$case_was" "$table" >"$here/$name.pgbench"
  echo "captured $here/$name.pgbench: $(grep -vc '^[-\\]' "$here/$name.pgbench") statements"
}
if [ "${CAPTURE:-0}" = 1 ] || [ ! -f "$here/create-case.pgbench" ] || [ ! -f "$here/record-journey.pgbench" ]; then
  echo "== capturing the statements of one case creation and one journey event"
  # once unlogged first, so that what case-service reads once and keeps (the policy versions' terms) is kept, as it
  # is under load
  load post "$direct/api/v1/cases" "$(token)" case.json 1 1 >/dev/null
  load journey "$direct" "$(token)" ids.out 1 1 >/dev/null
  capture create-case created case_file load post "$direct/api/v1/cases" "$(token)" case.json 1 1
  capture record-journey existing journey_entry load journey "$direct" "$(token)" ids.out 1 1
fi

WARMUP=${WARMUP:-1000}
echo "== warming up (gateway and case-service, $WARMUP creations each)"
load post "$gateway/api/v1/cases" "$caseworker" case.json 4 "$WARMUP" >/dev/null
load post "$direct/api/v1/cases" "$(token)" case.json 4 "$WARMUP" >/dev/null

proxied=0
gateway_ticks=0
jit=0
through_gateway() { # LoadClient arguments after the mode: counts the requests and the gateway's CPU time spent on them
  local before after jit_before
  before=$(bench_gateway_cpu_ticks)
  jit_before=$(bench_gateway_jit_ticks)
  load "$@" | tee -a gateway-runs
  after=$(bench_gateway_cpu_ticks)
  gateway_ticks=$((gateway_ticks + after - before))
  jit=$((jit + $(bench_gateway_jit_ticks) - jit_before))
  proxied=$((proxied + $(tail -n 1 gateway-runs | field requests)))
}

echo "== one connection, $ROUNDS alternating rounds of $N1 creations (what the gateway adds at p50)"
for round in $(seq 1 "$ROUNDS"); do
  printf 'direct:          '; load post "$direct/api/v1/cases" "$(token)" case.json 1 "$N1" | tee -a direct-1
  printf 'through gateway: '; through_gateway post "$gateway/api/v1/cases" "$caseworker" case.json 1 "$N1"
  tail -n 1 gateway-runs >>gateway-1
done

case_service_pid=$(cat "$run/pids/case-service.pid")
case_service_ticks() { awk '{print $14 + $15}' "/proc/$case_service_pid/stat"; }
echo "== case creation, N=$N, concurrency $C"
ticks_before=$(case_service_ticks)
printf 'through gateway: '; through_gateway post "$gateway/api/v1/cases" "$caseworker" case.json "$C" "$N"
create_gateway=$(tail -n 1 gateway-runs | field throughput); cp ids.out gateway-ids
printf 'direct:          '; load post "$direct/api/v1/cases" "$(token)" case.json "$C" "$N" | tee create-direct; cp ids.out direct-ids
create_ticks=$(($(case_service_ticks) - ticks_before))

echo "== journey recording, N=$N, concurrency $C, spread over the cases just created"
ticks_before=$(case_service_ticks)
printf 'through gateway: '; through_gateway journey "$gateway" "$caseworker" gateway-ids "$C" "$N"
journey_gateway=$(tail -n 1 gateway-runs | field throughput)
printf 'direct:          '; load journey "$direct" "$(token)" direct-ids "$C" "$N"
journey_ticks=$(($(case_service_ticks) - ticks_before))

echo "== pgbench: the captured statements, N=$N, $C clients, against a copy of case-service's schema"
psql -d postgres -c "DROP DATABASE IF EXISTS bench_write_path WITH (FORCE)" -c "CREATE DATABASE bench_write_path"
# case-service's Flyway locations (quarkus.flyway.locations), in version order
ls "$root"/case-service/src/main/resources/db/migration/V*.sql "$root"/platform/src/main/resources/db/{outbox,inbox,idempotency}/V*.sql | awk -F/ '{v = $NF; sub(/^V/, "", v); sub(/__.*/, "", v); gsub(/_/, ".", v); print v "\t" $0}' \
  | sort -V | cut -f2 | while read -r migration; do psql -d bench_write_path -f "$migration" >/dev/null; done
# what the requests read but do not write (the policies in force, for risk scoring) is copied as it is
written=$(grep -ohiE '^insert into [a-z_]+' "$here"/*.pgbench | awk '{print tolower($3)}' | sort -u)
for table in $(psql -d bench_write_path -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"); do
  if ! grep -qx "$table" <<<"$written"; then
    psql -d cases -c "\\copy $table TO STDOUT" | psql -d bench_write_path -c "\\copy $table FROM STDIN"
  fi
done
pgbench_run() { # script, then extra pgbench options -> "tps p50 p99"
  local script=$1
  shift
  rm -f pgb.*
  "$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$C" -j 2 -t $((N / C)) -f "$here/$script" -l --log-prefix=pgb "$@" \
    bench_write_path >pgbench.out 2>&1 || { cat pgbench.out; exit 1; }
  grep -q "number of failed transactions: 0 " pgbench.out || { grep -E "failed|error" pgbench.out; exit 1; }
  cat pgb.* | awk '{print $3}' | sort -n | awk -v tps="$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' pgbench.out)" \
    '{a[NR] = $1} END {printf "%.0f %.2f %.2f\n", tps, a[int(NR * 0.5) + 1] / 1000, a[int(NR * 0.99) + 1] / 1000}'
}
read -r create_tps create_p50 create_p99 <<<"$(pgbench_run create-case.pgbench)"
echo "create-case.pgbench:    $create_tps transactions/s p50=${create_p50}ms p99=${create_p99}ms"
# the journey script's case is drawn from the cases just created by the creation script
psql -d bench_write_path -c "CREATE TABLE bench_case AS SELECT row_number() OVER () AS n, id FROM case_file"
read -r journey_tps journey_p50 journey_p99 <<<"$(pgbench_run record-journey.pgbench -D seq=0 -D per_client=$((N / C)))"
echo "record-journey.pgbench: $journey_tps transactions/s p50=${journey_p50}ms p99=${journey_p99}ms"

echo "== summary (load average now $(load_average))"
awk -v g="$create_gateway" -v p="$create_tps" 'BEGIN {printf "case creation through the gateway / pgbench of its statements: %.1f %% (target >= 50 %%)\n", 100 * g / p}'
awk -v g="$journey_gateway" -v p="$journey_tps" 'BEGIN {printf "journey recording through the gateway / pgbench of its statements: %.1f %% (target >= 50 %%)\n", 100 * g / p}'
awk -v ticks="$gateway_ticks" -v jit="$jit" -v hz="$(getconf CLK_TCK)" -v n="$proxied" \
  'BEGIN {printf "gateway CPU (utime+stime): %.0f ms for %d proxied requests, %.2f ms each (target <= 0.5); of it the JIT compiler %.2f ms each\n",
          ticks * 1000 / hz, n, ticks * 1000 / hz / n, jit * 1000 / hz / n}'
# everything the process did meanwhile, its relay publishing the events and its JIT compiler included
awk -v create="$create_ticks" -v journey="$journey_ticks" -v hz="$(getconf CLK_TCK)" -v n=$((2 * N)) \
  'BEGIN {printf "case-service CPU (utime+stime) over the concurrency runs, through the gateway and straight: %.2f ms per creation, %.2f ms per journey event\n",
          create * 1000 / hz / n, journey * 1000 / hz / n}'
paste -d' ' <(field p50 <direct-1) <(field p50 <gateway-1) | awk '{print $2 - $1}' | sort -n \
  | awk '{add[NR] = $1} END {printf "gateway adds at p50, one connection: %.2f ms (median of %d rounds; target <= 1)\n", NR % 2 ? add[(NR + 1) / 2] : (add[NR / 2] + add[NR / 2 + 1]) / 2, NR}'
metrics=$(curl -fsS "http://127.0.0.1:$bench_gateway_management_port/q/metrics")
echo "gateway concurrency limit to case-service now $(grep -E '^gateway_upstream_concurrency_limit\{.*case-service' <<<"$metrics" | awk '{print $2}'); \
refused at it: $(grep -E '^gateway_upstream_errors_total\{.*kind="overloaded"' <<<"$metrics" | awk '{s += $2} END {print s + 0}') requests"
printf 'resident memory after the benchmark (target <= 300 MB):'
for service in gateway case-service policy-service report-service; do
  printf ' %s %s MB' "$service" $(($(awk '/^VmRSS/ {print $2}' "/proc/$(cat "$run/pids/$service.pid")/status") / 1024))
done
echo "; the benchmark's gateway $(($(awk '/^VmRSS/ {print $2}' "/proc/$bench_gateway_pid/status") / 1024)) MB"
