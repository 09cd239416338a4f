# A gateway of the benchmarks' own, sourced by deploy/bench/gateway/run.sh and deploy/bench/write-path/run.sh: a copy
# of gateway/target/quarkus-app (so that a rebuild during the run changes nothing under it), with the runtime's heap
# settings, in front of the local runtime's services, on CORRIDOR_BENCH_GATEWAY_PORT, with the per-caller rate limit
# raised and its concurrency limit to each service held at its maximum (64 calls in flight), so that a benchmark
# measures the gateway's cost rather than its limits. Nothing of the runtime is changed.
#   start_bench_gateway ROOT RUN_DIR WORK_DIR [extra JVM options...]   sets bench_gateway_pid and bench_gateway_port
#   stop_bench_gateway
# The caller sources deploy/local/java-home.sh and calls pick_java_home first, and stops the gateway on exit.

bench_gateway_pid=""
bench_gateway_port=${CORRIDOR_BENCH_GATEWAY_PORT:-18080}

start_bench_gateway() {
  local root=$1 run=$2 work=$3
  shift 3
  [ -f "$root/gateway/target/quarkus-app/quarkus-run.jar" ] \
    || { echo "bench: no gateway build: run ./mvnw -pl gateway package -DskipTests first" >&2; return 1; }
  cp -r "$root/gateway/target/quarkus-app" "$work/gateway"
  echo "bench: starting a gateway on :$bench_gateway_port (log in $work/gateway.log while it runs)"
  env QUARKUS_HTTP_PORT="$bench_gateway_port" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${CORRIDOR_POSTGRES_PORT:-15432}/gateway" \
      QUARKUS_DATASOURCE_PASSWORD="$(cat "$run/keys/postgres-password")" \
      SMALLRYE_JWT_SIGN_KEY_LOCATION="$run/keys/signing-key.pem" \
      CORRIDOR_GATEWAY_API_KEY_IMPORT="$run/api-keys.json" \
      CORRIDOR_GATEWAY_UPSTREAMS_CASE_SERVICE="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_PORT:-8081}" \
      CORRIDOR_GATEWAY_UPSTREAMS_POLICY_SERVICE="http://127.0.0.1:${CORRIDOR_POLICY_SERVICE_PORT:-8082}" \
      CORRIDOR_GATEWAY_UPSTREAMS_REPORT_SERVICE="http://127.0.0.1:${CORRIDOR_REPORT_SERVICE_PORT:-8083}" \
      CORRIDOR_GATEWAY_RATE_LIMIT_REQUESTS=1000000000 CORRIDOR_GATEWAY_RATE_LIMIT_BURST=1000000000 \
      CORRIDOR_GATEWAY_CONCURRENCY_INITIAL_LIMIT=64 CORRIDOR_GATEWAY_CONCURRENCY_MIN_LIMIT=64 \
      "$JAVA_HOME/bin/java" -Xmx256m -XX:+UseSerialGC "$@" -jar "$work/gateway/quarkus-run.jar" >"$work/gateway.log" 2>&1 &
  bench_gateway_pid=$!
  local attempt
  for attempt in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$bench_gateway_port/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$bench_gateway_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$work/gateway.log" >&2
  echo "bench: the gateway did not start" >&2
  return 1
}

stop_bench_gateway() {
  if [ -n "$bench_gateway_pid" ] && kill -0 "$bench_gateway_pid" 2>/dev/null; then
    kill "$bench_gateway_pid"
    wait "$bench_gateway_pid" 2>/dev/null || true
  fi
  bench_gateway_pid=""
}
