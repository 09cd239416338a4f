#!/usr/bin/env bash
# Policy publication to alerts (not run in CI): the time from a policy publication to the alerts on ALERT_CASES open
# cases. (Case creation and journey recording are measured by deploy/bench/write-path/run.sh.)
# Needs the local runtime; the publications go through its gateway, the cases straight to case-service.
# All traffic stays on 127.0.0.1.
#   deploy/bench/alerts/run.sh            (ALERT_CASES=10000 C=16 by default)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run=$(realpath -m "${CORRIDOR_RUN_DIR:-$root/deploy/local/.run}")
. "$root/deploy/local/java-home.sh"
pick_java_home
java="$JAVA_HOME/bin/java"
C=${C:-16}
ALERT_CASES=${ALERT_CASES:-10000}
gateway="http://127.0.0.1:${CORRIDOR_GATEWAY_PORT:-8080}"
direct="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_PORT:-8081}"
pg_port=${CORRIDOR_POSTGRES_PORT:-15432}
export PGPASSWORD="$(cat "$run/keys/postgres-password")"
psql() { command psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
key() { jq -r --arg org "$1" --arg role "$2" '.[] | select(.org == $org and .roles == [$role]) | .apiKey' "$run/credentials.json"; }
load() { "$java" "$root/deploy/bench/LoadClient.java" "$@"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
token=$(load token "$run/keys/signing-key.pem" crossing-hope caseworker)

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
         \"summary\": \"Benchmark publication.\", \"sources\": [\"deploy/bench/alerts/run.sh\"]}" \
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
