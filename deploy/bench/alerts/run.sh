#!/usr/bin/env bash
# Policy publication to alerts (not run in CI): the time from a policy publication to the alerts on ALERT_CASES open
# cases, and to the last of them delivered to a webhook receiver the script starts (LoadClient's receive mode) and
# subscribes for the cases' organisation. (Case creation and journey recording are measured by
# deploy/bench/write-path/run.sh.)
# Needs the local runtime; the publications go through its gateway, the cases straight to case-service.
# All traffic stays on 127.0.0.1.
#   deploy/bench/alerts/run.sh            (ALERT_CASES=10000 C=16 by default; ALERT_CASES=100000 for the larger target)
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
load() { "$java" -cp "$work/classes" LoadClient "$@"; }

work=$(mktemp -d)
receiver=
subscription=
coordinator="ApiKey $(key crossing-hope coordinator)"
finish() {
  if [ -n "$subscription" ]; then
    curl -fsS -o /dev/null -X DELETE -H "Authorization: $coordinator" "$gateway/api/v1/subscriptions/$subscription" || true
  fi
  if [ -n "$receiver" ]; then kill "$receiver" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap finish EXIT
cd "$work"
# compiled once: each run from source would compile it again
"$JAVA_HOME/bin/javac" -d "$work/classes" "$root/deploy/bench/LoadClient.java"

echo "== policy publication to alerts on $ALERT_CASES open cases in LA"
# cases that only cross LA, without vulnerabilities, so LA's policy alone sets their risk
cat >alert-case.json <<'JSON'
{"members": [{"alias": "Bench-C", "sex": "male", "ageBand": "18-59"}], "currentCountry": "LA", "plannedRoute": ["LA", "KR"]}
JSON
in_la="FROM case_file WHERE current_country = 'LA' AND planned_route = '{LA,KR}' AND status NOT IN ('RESETTLED','REPATRIATED','CLOSED')"
missing=$((ALERT_CASES - $(psql -d cases -c "SELECT count(*) $in_la")))
while [ $missing -gt 0 ]; do # in rounds, each with a fresh token (a token is valid five minutes)
  round=$((missing < 2000 ? missing : 2000))
  load post "$direct/api/v1/cases" "$(load token "$run/keys/signing-key.pem" crossing-hope caseworker)" alert-case.json "$C" "$round" >/dev/null
  missing=$((missing - round))
done
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

# the receiver, on a port of its own choosing; an earlier run's subscriptions (their receivers gone) are ended first
"$java" -cp "$work/classes" LoadClient receive "$work/secret" "$work/port" >"$work/receiver.log" 2>&1 &
receiver=$!
for _ in $(seq 120); do [ -s "$work/port" ] && break; sleep 0.5; done
[ -s "$work/port" ] || { echo "the webhook receiver did not start"; cat "$work/receiver.log"; exit 1; }
receiver_url="http://127.0.0.1:$(cat "$work/port")"
for old in $(curl -fsS -H "Authorization: $coordinator" "$gateway/api/v1/subscriptions?limit=100" \
             | jq -r '.items[] | select(.status == "active" and (.url | endswith("/bench-alerts/webhooks"))) | .id'); do
  curl -fsS -o /dev/null -X DELETE -H "Authorization: $coordinator" "$gateway/api/v1/subscriptions/$old"
done
curl -fsS -H "Authorization: $coordinator" -H 'Content-Type: application/json' \
  -d "{\"url\": \"$receiver_url/bench-alerts/webhooks\", \"events\": [\"alert.raised\"]}" \
  "$gateway/api/v1/subscriptions" >subscription.json
subscription=$(jq -r .id subscription.json)
jq -r .secret subscription.json >"$work/secret"
receiver_stat() { curl -fsS "$receiver_url/stats" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

since=$(psql -d cases -c "SELECT now()")
started=$(date +%s.%N)
publish critical
await "SELECT count(*) FROM case_alert a JOIN case_file c ON c.id = a.case_id
       WHERE a.created_at >= '$since' AND c.planned_route = '{LA,KR}'" "$cases" 900
stored=$(date +%s.%N)
awk -v start="$started" -v end="$stored" -v cases="$cases" \
  'BEGIN {printf "alerts on %d open cases %.1f s after the publication was accepted\n", cases, end - start}'
queued=$(psql -d cases -c "SELECT count(*) FROM webhook_delivery WHERE subscription_id = '$subscription'")
deadline=$((SECONDS + 900))
until [ "$(receiver_stat distinct)" -ge "$queued" ]; do
  [ $SECONDS -lt $deadline ] || { echo "timed out: $(receiver_stat distinct) of $queued alerts delivered"; exit 1; }
  sleep 0.2
done
awk -v start="$started" -v stored="$stored" -v last="$(receiver_stat last-new-ms)" -v n="$queued" \
  'BEGIN {printf "the last of %d alerts delivered to a webhook receiver %.1f s after the publication was accepted (%.1f s after the last was stored)\n",
          n, last / 1000 - start, last / 1000 - stored}'
echo "receiver: $(curl -fsS "$receiver_url/stats")"
