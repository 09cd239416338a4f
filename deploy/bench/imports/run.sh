#!/usr/bin/env bash
# Bulk import and export through the gateway (not run in CI): IMPORT_CASES cases of 1-6 members with personal data in
# one NDJSON file, imported with `deploy/local/corridor import` (streamed through the gateway, then followed to the
# end), then exported. Prints cases/s, CPU milliseconds per case of case-service, the gateway and PostgreSQL (steadier
# than cases/s on a shared machine), the resident memory of case-service and the gateway sampled every second, and the
# load average. Needs the local runtime (deploy/local/corridor up); all traffic stays on 127.0.0.1.
#   deploy/bench/imports/run.sh          (IMPORT_CASES=100000 by default)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run=$(realpath -m "${CORRIDOR_RUN_DIR:-$root/deploy/local/.run}")
IMPORT_CASES=${IMPORT_CASES:-100000}
gateway="http://127.0.0.1:${CORRIDOR_GATEWAY_PORT:-8080}"
key() { jq -r --arg org "$1" --arg role "$2" '.[] | select(.org == $org and .roles == [$role]) | .apiKey' "$run/credentials.json"; }
pid_of() { cat "$run/pids/$1.pid"; }
cpu_ms() { # user + system CPU of a process and its children so far, in ms
  awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15 + $16 + $17) * 1000 / hz) }' "/proc/$1/stat"
}
postgres_cpu_ms() { # this runtime's PostgreSQL: its postmaster and every process it started (backends included)
  local postmaster total=0 pid
  postmaster=$(head -1 "$run/state/postgres/postmaster.pid")
  for pid in $postmaster $(pgrep -P "$postmaster" || true); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(cpu_ms "$pid")))
  done
  echo $total
}
rss_mb() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$1/status"; }

work=$(mktemp -d)
sampler=
finish() {
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap finish EXIT

prefix="bench-$(date +%s)"
python3 "$here/generate.py" "$IMPORT_CASES" "$prefix" >"$work/cases.ndjson"
members=$(grep -o '"alias"' "$work/cases.ndjson" | wc -l)
echo "== $IMPORT_CASES cases, $members members, $(($(stat -c %s "$work/cases.ndjson") / 1048576)) MiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

case_pid=$(pid_of case-service)
gateway_pid=$(pid_of gateway)
( while true; do
    printf '%s case-service %s MB, gateway %s MB\n' "$(date +%T)" "$(rss_mb "$case_pid")" "$(rss_mb "$gateway_pid")"
    sleep 1
  done ) >"$work/rss.log" &
sampler=$!

case_cpu=$(cpu_ms "$case_pid"); gateway_cpu=$(cpu_ms "$gateway_pid"); pg_cpu=$(postgres_cpu_ms)
started=$(date +%s.%N)
"$root/deploy/local/corridor" import "$work/cases.ndjson" --key "$(key crossing-hope caseworker)" 2>/dev/null
ended=$(date +%s.%N)
case_cpu=$(($(cpu_ms "$case_pid") - case_cpu)); gateway_cpu=$(($(cpu_ms "$gateway_pid") - gateway_cpu))
pg_cpu=$(($(postgres_cpu_ms) - pg_cpu))
kill "$sampler"; sampler=
awk -v n="$IMPORT_CASES" -v s="$started" -v e="$ended" -v c="$case_cpu" -v g="$gateway_cpu" -v p="$pg_cpu" 'BEGIN {
  printf "import: %.1f s, %.0f cases/s; CPU per case: case-service %.2f ms, gateway %.3f ms, PostgreSQL %.2f ms\n",
    e - s, n / (e - s), c / n, g / n, p / n }'
echo "load average after the import $(cut -d' ' -f1-3 /proc/loadavg)"
echo "resident memory, every 10 s:"
awk 'NR % 10 == 1' "$work/rss.log"
echo "peak: case-service $(awk '{ if ($3 > m) m = $3 } END { print m }' "$work/rss.log") MB, gateway $(awk '{ if ($6 > m) m = $6 } END { print m }' "$work/rss.log") MB"

echo "== export of the organisation's cases (protection officer: personal data, audited)"
case_cpu=$(cpu_ms "$case_pid")
started=$(date +%s.%N)
exported=$(curl -fsS -H "Authorization: ApiKey $(key crossing-hope protection-officer)" "$gateway/api/v1/cases/export" | wc -l)
ended=$(date +%s.%N)
case_cpu=$(($(cpu_ms "$case_pid") - case_cpu))
awk -v n="$exported" -v s="$started" -v e="$ended" -v c="$case_cpu" 'BEGIN {
  printf "export: %d cases in %.1f s, %.0f cases/s; case-service CPU per case %.3f ms\n", n, e - s, n / (e - s), c / n }'
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
