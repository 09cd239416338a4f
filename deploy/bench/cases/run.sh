#!/usr/bin/env bash
# case-service benchmark (not run in CI): case creation and journey recording through the gateway and straight to
# case-service, pgbench running the same transaction shape (a case row and an outbox row) against the same
# PostgreSQL in the same run, and the time from a policy publication to the alerts on ALERT_CASES open cases.
# Needs the local runtime with the gateway's per-key rate limit raised, or requests through it are 429s:
#   CORRIDOR_GATEWAY_RATE_LIMIT_REQUESTS=1000000 CORRIDOR_GATEWAY_RATE_LIMIT_BURST=1000000 deploy/local/corridor up
# All traffic stays on 127.0.0.1.
#   deploy/bench/cases/run.sh            (N=2000 C=16 ALERT_CASES=10000 by default)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run="$root/deploy/local/.run"
. "$root/deploy/local/java-home.sh"
pick_java_home
java="$JAVA_HOME/bin/java"
N=${N:-2000}
C=${C:-16}
ALERT_CASES=${ALERT_CASES:-10000}
gateway="http://127.0.0.1:${CORRIDOR_GATEWAY_PORT:-8080}"
direct="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_PORT:-8081}"
pg_port=${CORRIDOR_POSTGRES_PORT:-15432}
export PGPASSWORD="$(cat "$run/keys/postgres-password")"
psql() { command psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1)
[ -x "$pgbench" ] || pgbench=$(command -v pgbench) || { echo "pgbench not found (apt-get install postgresql-contrib)"; exit 1; }
key() { jq -r --arg org "$1" --arg role "$2" '.[] | select(.org == $org and .roles == [$role]) | .apiKey' "$run/credentials.json"; }
load() { "$java" "$root/deploy/bench/LoadClient.java" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$root/deploy/bench/case.json" case.json
caseworker="ApiKey $(key crossing-hope caseworker)"
token=$(load token "$run/keys/signing-key.pem" crossing-hope caseworker)

echo "== case creation (N=$N, concurrency $C)"
printf 'through gateway: '; load post "$gateway/api/v1/cases" "$caseworker" case.json "$C" "$N"; cp ids.out gateway-ids
printf 'direct:          '; load post "$direct/api/v1/cases" "$token" case.json "$C" "$N"; cp ids.out direct-ids

echo "== journey recording (N=$N, concurrency $C, spread over the cases just created)"
printf 'through gateway: '; load journey "$gateway" "$caseworker" gateway-ids "$C" "$N"
printf 'direct:          '; load journey "$direct" "$token" direct-ids "$C" "$N"

echo "== pgbench, same transaction shape (case row + outbox row), N=$N, $C clients"
psql -d postgres -c "DROP DATABASE IF EXISTS bench_cases" -c "CREATE DATABASE bench_cases"
psql -d bench_cases -c "CREATE TABLE case_file (id uuid PRIMARY KEY, organisation text, status text, members bytea,
    revision int, created_at timestamptz)" \
  -c "CREATE TABLE outbox_event (id bigserial PRIMARY KEY, event_id uuid UNIQUE, topic text, record_key text, type text,
    payload jsonb, occurred_at timestamptz, published_at timestamptz)"
cat >tx.sql <<'SQL'
BEGIN;
INSERT INTO case_file VALUES (gen_random_uuid(), 'crossing-hope', 'OPEN', gen_random_bytes(600), 0, now());
INSERT INTO outbox_event (event_id, topic, record_key, type, payload, occurred_at)
  VALUES (gen_random_uuid(), 'corridor.case-events', 'key', 'org.corridor.case.opened',
          '{"status": "open", "people": 2, "sexAgeBands": [{"sex": "female", "ageBand": "18-59", "count": 1}]}', now());
END;
SQL
psql -d bench_cases -c "CREATE EXTENSION IF NOT EXISTS pgcrypto"
"$pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$C" -j 2 -t $((N / C)) -f tx.sql -l --log-prefix=pgb bench_cases \
  | grep -E "tps|latency average"
cat pgb.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "pgbench: p50=%.2fms p99=%.2fms\n", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}'
psql -d postgres -c "DROP DATABASE bench_cases"

echo "== policy publication to alerts on $ALERT_CASES open cases in LA"
# cases that only cross LA, without vulnerabilities, so LA's policy alone sets their risk
cat >alert-case.json <<'JSON'
{"members": [{"alias": "Bench-C", "sex": "male", "ageBand": "18-59"}], "currentCountry": "LA", "plannedRoute": ["LA", "KR"]}
JSON
in_la="FROM case_file WHERE current_country = 'LA' AND planned_route = '{LA,KR}' AND status NOT IN ('RESETTLED','REPATRIATED','CLOSED')"
missing=$((ALERT_CASES - $(psql -d cases -c "SELECT count(*) $in_la")))
if [ $missing -gt 0 ]; then load post "$direct/api/v1/cases" "$token" alert-case.json "$C" "$missing" >/dev/null; fi
cases=$(psql -d cases -c "SELECT count(*) $in_la")
publish() { # risk level -> publishes a version of LA's policy from today
  local draft
  draft=$(curl -fsS -H "Authorization: ApiKey $(key crossing-hope policy-editor)" -H 'Content-Type: application/json' \
    -d "{\"validFrom\": \"$(date -u +%F)\", \"refugeeRecognition\": \"ad-hoc\", \"repatriation\": \"none\",
         \"detention\": \"occasional\", \"embassyHandover\": \"occasional\", \"riskLevel\": \"$1\",
         \"summary\": \"Benchmark publication.\", \"sources\": [\"deploy/bench/cases/run.sh\"]}" \
    "$gateway/api/v1/countries/LA/policy/drafts" | jq -r .id)
  curl -fsS -o /dev/null -X POST -H "Authorization: ApiKey $(key open-road policy-approver)" \
    "$gateway/api/v1/countries/LA/policy/drafts/$draft/publish"
}
await() { # SQL count, target, seconds
  local deadline=$((SECONDS + $3))
  until [ "$(psql -d cases -c "$1")" -ge "$2" ]; do [ $SECONDS -lt $deadline ] || { echo "timed out"; return 1; }; sleep 0.2; done
}
publish low
await "SELECT count(*) $in_la AND risk_level = 'LOW'" "$cases" 900
since=$(psql -d cases -c "SELECT now()")
started=$(date +%s.%N)
publish critical
await "SELECT count(*) FROM case_alert a JOIN case_file c ON c.id = a.case_id
       WHERE a.created_at >= '$since' AND c.planned_route = '{LA,KR}'" "$cases" 900
awk -v start="$started" -v end="$(date +%s.%N)" -v cases="$cases" \
  'BEGIN {printf "alerts on %d open cases %.1f s after the publication was accepted\n", cases, end - start}'
