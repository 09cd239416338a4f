#!/usr/bin/env bash
# What tracing costs on the write path: case creations straight to case-service, with OpenTelemetry as shipped
# (context propagation, trace ids in the logs and on the events, spans sampled at the configured ratio) and with its
# SDK switched off (QUARKUS_OTEL_SDK_DISABLED=true), in one run.
#   deploy/bench/tracing/run.sh [requests per round, default 2000] [rounds, default 3] [concurrency, default 16]
# Needs the local runtime (deploy/local/corridor up: PostgreSQL, Kafka, the demo keys) and a built case-service. It
# runs case-services of its own, one at a time, from a copy of that build, on a spare port, against the runtime's
# database and broker, and stops them; nothing of the runtime is started, stopped or changed. Each round measures
# both, in alternating order, each after a warm-up; it prints creations per second and the case-service process's
# CPU time per creation (user + system, from /proc), which a busy shared machine disturbs less than throughput.
# Extra environment for the traced instance (say QUARKUS_OTEL_TRACES_SAMPLER_ARG=1) goes in TRACED_ENV.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run="$root/deploy/local/.run"
requests=${1:-2000}
rounds=${2:-3}
concurrency=${3:-16}
postgres_port=${CORRIDOR_POSTGRES_PORT:-15432}
kafka_port=${CORRIDOR_KAFKA_PORT:-19092}
bench_port=${CORRIDOR_BENCH_CASE_SERVICE_PORT:-18081}

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# shellcheck source=../../local/java-home.sh
. "$root/deploy/local/java-home.sh"
pick_java_home || exit 1
java="$JAVA_HOME/bin/java"
load() { "$java" "$root/deploy/bench/LoadClient.java" "$@"; }

[ -f "$run/keys/signing-key.pem" ] || die "no local runtime keys: start it with deploy/local/corridor up"
[ -f "$root/case-service/target/quarkus-app/quarkus-run.jar" ] \
  || die "no case-service build: run ./mvnw -pl case-service -am install -DskipTests first"

work=$(mktemp -d)
service_pid=""
stop_service() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid"
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=""
}
trap 'stop_service; rm -rf "$work"' EXIT

cp -r "$root/case-service/target/quarkus-app" "$work/case-service"
cd "$work"
cat >case.json <<'JSON'
{"members": [{"alias": "Bench-A", "sex": "female", "ageBand": "18-59", "vulnerabilities": ["pregnant"],
              "legalName": "Bench Legal Name", "dateOfBirth": "1990", "placeOfOrigin": "Bench Town"},
             {"alias": "Bench-B", "sex": "male", "ageBand": "5-11"}],
 "currentCountry": "LA", "plannedRoute": ["LA", "TH", "KR"]}
JSON
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

measure() { # label, extra environment... : starts an instance, warms it up, measures one batch, stops it
  local label=$1; shift
  env "$@" QUARKUS_HTTP_PORT="$bench_port" QUARKUS_MANAGEMENT_PORT=$((bench_port + 10)) \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$postgres_port/cases" \
      QUARKUS_DATASOURCE_PASSWORD="$(cat "$run/keys/postgres-password")" \
      KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" \
      MP_JWT_VERIFY_PUBLICKEY_LOCATION="$run/keys/public-key.pem" \
      CORRIDOR_CASES_KEY_DIRECTORY="$run/keys/cases" \
      CORRIDOR_CASES_AUDIT_KEY_DIRECTORY="$run/keys/audit" \
      CORRIDOR_CASES_AUDIT_CHECKPOINTS_SIGNING_KEY="$run/keys/checkpoints/signing-key.pem" \
      CORRIDOR_CASES_AUDIT_CHECKPOINTS_PUBLIC_KEY="$run/keys/checkpoints/public-key.pem" \
      CORRIDOR_IDEMPOTENCY_KEY_DIRECTORY="$run/keys/idempotency/case-service" \
      "$java" -Xmx256m -XX:+UseSerialGC -jar "$work/case-service/quarkus-run.jar" >"$work/$label.log" 2>&1 &
  service_pid=$!
  local waited=0
  until curl -fsS "http://127.0.0.1:$((bench_port + 10))/q/health/ready" >/dev/null 2>&1; do
    [ $waited -lt 600 ] || die "case-service did not start: $(tail -n 5 "$work/$label.log")"
    sleep 0.2; waited=$((waited + 1))
  done
  local before after line token
  # a fresh internal token each time: they live minutes
  token=$(load token "$run/keys/signing-key.pem" crossing-hope caseworker)
  load post "http://127.0.0.1:$bench_port/api/v1/cases" "$token" case.json "$concurrency" $((requests / 2)) >/dev/null
  before=$(cpu_ticks "$service_pid")
  line=$(load post "http://127.0.0.1:$bench_port/api/v1/cases" "$token" case.json "$concurrency" "$requests")
  after=$(cpu_ticks "$service_pid")
  stop_service
  awk -v label="$label" -v line="$line" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%-9s %s | CPU %.2f ms per creation\n", label, line, ticks * 1000 / hz / n}'
}

say "$rounds rounds of $requests case creations at concurrency $concurrency, straight to case-service on :$bench_port"
# shellcheck disable=SC2086
for round in $(seq "$rounds"); do
  # which goes first alternates, so that neither always meets the same moment of a shared machine's load
  if [ $((round % 2)) -eq 1 ]; then
    measure traced ${TRACED_ENV:-}
    measure untraced QUARKUS_OTEL_SDK_DISABLED=true
  else
    measure untraced QUARKUS_OTEL_SDK_DISABLED=true
    measure traced ${TRACED_ENV:-}
  fi
done
