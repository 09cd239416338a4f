#!/usr/bin/env bash
# What the gateway adds: the same request (GET /api/v1/countries, answered by policy-service) sent straight to the
# service and through the gateway, in one run, measured with wrk.
#   deploy/bench/gateway/run.sh [seconds per measurement, default 6] [rounds, default 5]
# JFR=FILE records a profile of the benchmark's gateway (settings=profile) for the whole run; JVM_OPTIONS adds options
# to its JVM (to compare JIT settings, say); BENCH_GATEWAY_APP runs another build (deploy/bench/bench-gateway.sh).
# Needs the local runtime (deploy/local/corridor up: PostgreSQL, policy-service, the demo keys) and a built gateway
# (gateway/target/quarkus-app). It runs a gateway of its own from a copy of that build, on a spare port, with the
# rate limit raised so that it measures the gateway's cost rather than its limit, and stops it at the end; nothing of
# the runtime is started, stopped or changed. The machine is shared, so the two paths are measured in alternating
# rounds and each figure is a median over the rounds; what the gateway adds is the median of the rounds' differences.
# The gateway's CPU per proxied request is its process's CPU time (utime+stime, /proc) over the rounds through it,
# divided by the requests wrk completed in them; the part spent by the JIT compiler threads is printed beside it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
run=$(realpath -m "${CORRIDOR_RUN_DIR:-$root/deploy/local/.run}")
seconds=${1:-6}
rounds=${2:-5}
policy_port=${CORRIDOR_POLICY_SERVICE_PORT:-8082}
policy_management_port=${CORRIDOR_POLICY_SERVICE_MANAGEMENT_PORT:-$((policy_port + 10))}
path=/api/v1/countries

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# shellcheck source=../../local/java-home.sh
. "$root/deploy/local/java-home.sh"
pick_java_home || exit 1

curl -fsS "http://127.0.0.1:$policy_management_port/q/health/ready" >/dev/null 2>&1 \
  || die "policy-service is not ready on :$policy_port: start the local runtime with deploy/local/corridor up"
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi

work=$(mktemp -d)
# shellcheck source=../bench-gateway.sh
. "$root/deploy/bench/bench-gateway.sh"
cleanup() {
  stop_bench_gateway
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck disable=SC2086
start_bench_gateway "$root" "$run" "$work" ${JFR:+-XX:StartFlightRecording=filename=$(realpath -m "$JFR"),settings=profile} \
  ${JVM_OPTIONS:-} || exit 1

api_key=$(python3 -c 'import json, sys; print(next(c["apiKey"] for c in json.load(open(sys.argv[1])) if c["roles"] == ["caseworker"]))' \
  "$run/credentials.json")
gateway=(-H "Authorization: ApiKey $api_key" "http://127.0.0.1:$bench_gateway_port$path")
direct=()
# the service is called with an internal token as the gateway signs it; it lives five minutes, so each round gets one
sign_direct() {
  direct=(-H "Authorization: $("$JAVA_HOME/bin/java" "$root/deploy/bench/LoadClient.java" token "$run/keys/signing-key.pem" crossing-hope caseworker)"
          "http://127.0.0.1:$policy_port$path")
}
sign_direct
answers_200() { # target
  local -n request=$1
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "${request[@]}")
  [ "$status" = 200 ] || die "$1 answers $status, not 200"
}
answers_200 direct
answers_200 gateway

# wrk's summary in milliseconds: p50 p99 requests/s requests
measure() { # connections, threads, target
  local -n target=$3
  wrk -t"$2" -c"$1" -d"${seconds}s" --latency "${target[@]}" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    $2 == "requests" && $3 == "in" { requests = $1 }
    $1 == "Non-2xx" { bad = $NF }
    END { if (bad) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 } printf "%.3f %.3f %.0f %d\n", p50, p99, rps, requests }'
}

say "warming up both paths (${seconds}s each)"
measure 4 1 direct >/dev/null
measure 4 1 gateway >/dev/null

report() { # title, connections, threads
  say "measuring: $1, $rounds rounds of ${seconds}s per path"
  local round straight through cpu jit
  : >"$work/rounds"
  for round in $(seq 1 "$rounds"); do
    sign_direct
    straight=$(measure "$2" "$3" direct)
    cpu=$(bench_gateway_cpu_ticks)
    jit=$(bench_gateway_jit_ticks)
    through=$(measure "$2" "$3" gateway)
    echo "$straight $through $(($(bench_gateway_cpu_ticks) - cpu)) $(($(bench_gateway_jit_ticks) - jit))" >>"$work/rounds"
  done
  awk -v title="$1" -v path="$path" -v hz="$(getconf CLK_TCK)" '
    function median(values, n,    sorted, i, j, t) {
      for (i = 1; i <= n; i++) sorted[i] = values[i]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
      return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
    }
    { n++; d50[n] = $1; d99[n] = $2; drps[n] = $3; g50[n] = $5; g99[n] = $6; grps[n] = $7; a50[n] = $5 - $1; a99[n] = $6 - $2
      proxied += $8; ticks += $9; jit += $10 }
    END {
      printf "\n%s, GET %s (medians of %d rounds)\n", title, path, n
      printf "  %-20s %9s %9s %11s\n", "", "p50 ms", "p99 ms", "requests/s"
      printf "  %-20s %9.3f %9.3f %11d\n", "straight to service", median(d50, n), median(d99, n), median(drps, n)
      printf "  %-20s %9.3f %9.3f %11d\n", "through the gateway", median(g50, n), median(g99, n), median(grps, n)
      printf "  %-20s %9.3f %9.3f\n", "gateway adds", median(a50, n), median(a99, n)
      printf "  gateway CPU: %.3f ms per proxied request (%d requests), of it the JIT compiler %.3f ms\n\n",
        ticks * 1000 / hz / proxied, proxied, jit * 1000 / hz / proxied }' "$work/rounds"
}

report "latency, 1 connection" 1 1
report "throughput, 32 connections" 32 2
say "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg); wrk, the services and the gateway share them"
