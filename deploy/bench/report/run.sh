#!/usr/bin/env bash
# report-service benchmark (not run in CI): report latency with CASES cases projected, and the lag from an event to
# the reports, both under a steady load of RATE events/s. It starts a PostgreSQL, a Kafka broker and a report-service of its
# own on private ports in a temporary directory, so it never touches the local runtime, and stops them at the end.
# A synthetic case-service writes valid case events straight to the topic (CaseEventLoad.java).
#   ./mvnw -pl deploy/infra,report-service -am package -DskipTests
#   deploy/bench/report/run.sh      (CASES=100000 EVENTS=full RATE=500 LAG_SECONDS=60 REQUESTS=400 C=4 by default;
#                                    CASES=1000000 EVENTS=final for the million-case figure)
# JFR=file.jfr records a JFR profile of report-service while the reports are read; REPORT_JAR runs another build of
# it (a copy of target/quarkus-app, to compare before and after a change). Ports: BENCH_POSTGRES_PORT,
# BENCH_KAFKA_PORT (and the one after it), BENCH_REPORT_PORT.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
. "$root/deploy/local/java-home.sh"
pick_java_home
java="$JAVA_HOME/bin/java"
CASES=${CASES:-100000}
EVENTS=${EVENTS:-full}
RATE=${RATE:-500}
JFR=${JFR:-}
LAG_SECONDS=${LAG_SECONDS:-60}
REQUESTS=${REQUESTS:-400}
C=${C:-4}
pg_port=${BENCH_POSTGRES_PORT:-25432}
kafka_port=${BENCH_KAFKA_PORT:-29092}
port=${BENCH_REPORT_PORT:-28083}
jar=${REPORT_JAR:-$root/report-service/target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] && [ -d "$root/deploy/infra/target/lib" ] || { echo "build first: ./mvnw -pl deploy/infra,report-service -am package -DskipTests"; exit 1; }

work=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
  rm -rf "$work"
}
trap stop EXIT
start() { # log name, command...
  local log=$1; shift
  setsid "$@" </dev/null >"$work/$log.log" 2>&1 &
  pids+=($!)
}
wait_for() { # seconds, command...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ $SECONDS -lt $deadline ] || { echo "timed out: $*"; tail -20 "$work"/*.log; exit 1; }; sleep 0.5; done
}
load() { "$java" "$root/deploy/bench/LoadClient.java" "$@"; }
events=("$java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$root/deploy/infra/target/lib/*" "$here/CaseEventLoad.java")
events() { "${events[@]}" "$@"; }
token() { load token "$work/signing-key.pem" "$1" "$2"; }
overview_total() {
  curl -fsS -H "Authorization: $(token bench analyst)" "http://127.0.0.1:$port/api/v1/reports/overview" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["totals"]["all"]["count"] or 0)'
}

openssl rand -hex 16 >"$work/postgres-password"
for server in "postgres $pg_port $work/postgres-password" "kafka $kafka_port"; do
  # shellcheck disable=SC2086 # the server's arguments
  start "${server%% *}" "$java" -Xmx512m -XX:+UseSerialGC -cp "$root/deploy/infra/target/classes:$root/deploy/infra/target/lib/*" \
    org.corridor.infra.LocalInfrastructure "${server%% *}" "$work/state" ${server#* }
done
wait_for 120 test -f "$work/state/postgres.ready" -a -f "$work/state/kafka.ready"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/signing-key.pem" 2>/dev/null
openssl pkey -in "$work/signing-key.pem" -pubout -out "$work/public-key.pem" 2>/dev/null
start report-service env QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT=$((port + 10)) \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/reports" \
  QUARKUS_DATASOURCE_PASSWORD="$(cat "$work/postgres-password")" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/public-key.pem" \
  "$java" -Xmx256m -XX:+UseSerialGC -jar "$jar"
wait_for 120 curl -fsS "http://127.0.0.1:$((port + 10))/q/health/ready"

echo "== projection: $CASES synthetic cases ($EVENTS journeys) written to corridor.case-events"
started=$(date +%s.%N)
produced=$(events load "127.0.0.1:$kafka_port" "$CASES" "$EVENTS")
echo "$produced"
people=$(sed -E 's/.*people=([0-9]+).*/\1/' <<<"$produced")
count=$(sed -E 's/.*events=([0-9]+).*/\1/' <<<"$produced")
until [ "$(overview_total)" = "$people" ]; do sleep 1; done
awk -v start="$started" -v end="$(date +%s.%N)" -v events="$count" \
  'BEGIN {printf "all %d events applied %.0f s after the first was sent: %.0f events/s\n", events, end - start, events / (end - start)}'

echo "== report latency with $CASES cases, $REQUESTS requests per report, concurrency $C (analyst: all organisations), while new cases arrive at $RATE events/s"
start background "${events[@]}" steady "127.0.0.1:$kafka_port" "$RATE"
background=${pids[-1]}
report_service=${pids[2]}
[ -z "$JFR" ] || "$JAVA_HOME/bin/jcmd" "$report_service" JFR.start name=reports settings=profile filename="$(realpath "$JFR")" >/dev/null
for report in overview demographics vulnerabilities "arrivals?interval=year" "arrivals?interval=month" \
              "detentions?interval=month" "overview?format=hxl"; do
  analyst=$(token bench analyst) # tokens live five minutes: one per report
  printf '%-26s ' "$report"; load get "http://127.0.0.1:$port/api/v1/reports/$report" "$analyst" "$C" "$REQUESTS"
done
printf '%-26s ' "overview (one organisation)"
load get "http://127.0.0.1:$port/api/v1/reports/overview" "$(token bench-org-7 coordinator)" "$C" "$REQUESTS"
[ -z "$JFR" ] || "$JAVA_HOME/bin/jcmd" "$report_service" JFR.stop name=reports >/dev/null
kill -TERM -- "-$background"; while kill -0 "$background" 2>/dev/null; do sleep 0.2; done
cat "$work/background.log"

echo "== event-to-report lag: new cases at $RATE events/s for $LAG_SECONDS s, a probe event every 200 ms"
events lag "127.0.0.1:$kafka_port" "http://127.0.0.1:$port" "$(token bench-probe coordinator)" "$RATE" "$LAG_SECONDS"
curl -fsS "http://127.0.0.1:$((port + 10))/q/metrics" | grep -E '^corridor_report_event_lag_seconds\{.*quantile' \
  | sed -E 's/.*quantile="([0-9.]+)".* ([0-9.eE+-]+)$/server-side lag (all events, since start) q\1 = \2 s/'
