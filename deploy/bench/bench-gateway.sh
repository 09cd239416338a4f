# A gateway of the benchmarks' own, sourced by deploy/bench/gateway/run.sh and deploy/bench/write-path/run.sh: a copy
# of gateway/target/quarkus-app (so that a rebuild during the run changes nothing under it), with the runtime's heap
# settings, in front of the local runtime's services, on CORRIDOR_BENCH_GATEWAY_PORT, with the per-caller rate limit
# raised and its concurrency limit to each service held at its maximum (64 calls in flight), so that a benchmark
# measures the gateway's cost rather than its limits. Nothing of the runtime is changed. BENCH_GATEWAY_APP names
# another build's quarkus-app directory to run instead (an earlier build, to compare).
#   start_bench_gateway ROOT RUN_DIR WORK_DIR [extra JVM options...]   sets bench_gateway_pid and bench_gateway_port
#                                                   (its health and metrics on bench_gateway_management_port, 10 above)
#   stop_bench_gateway
#   bench_gateway_cpu_ticks, bench_gateway_jit_ticks   its CPU time so far (utime+stime, clock ticks), and the part of it
#                                                      spent by the JIT compiler threads
# The caller sources deploy/local/java-home.sh and calls pick_java_home first, and stops the gateway on exit.

bench_gateway_pid=""
bench_gateway_port=${CORRIDOR_BENCH_GATEWAY_PORT:-18080}
bench_gateway_management_port=$((bench_gateway_port + 10))

start_bench_gateway() {
  local root=$1 run=$2 work=$3
  shift 3
  local app=${BENCH_GATEWAY_APP:-$root/gateway/target/quarkus-app}
  [ -f "$app/quarkus-run.jar" ] \
    || { echo "bench: no gateway build in $app: run ./mvnw -pl gateway package -DskipTests first" >&2; return 1; }
  cp -r "$app" "$work/gateway"
  echo "bench: starting a gateway on :$bench_gateway_port (log in $work/gateway.log while it runs)"
  env QUARKUS_HTTP_PORT="$bench_gateway_port" QUARKUS_MANAGEMENT_PORT="$bench_gateway_management_port" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${CORRIDOR_POSTGRES_PORT:-15432}/gateway" \
      QUARKUS_DATASOURCE_PASSWORD="$(cat "$run/keys/postgres-password")" \
      SMALLRYE_JWT_SIGN_KEY_LOCATION="$run/keys/signing-key.pem" \
      CORRIDOR_GATEWAY_API_KEY_IMPORT="$run/api-keys.json" \
      CORRIDOR_GATEWAY_UPSTREAMS_CASE_SERVICE="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_PORT:-8081}" \
      CORRIDOR_GATEWAY_UPSTREAMS_POLICY_SERVICE="http://127.0.0.1:${CORRIDOR_POLICY_SERVICE_PORT:-8082}" \
      CORRIDOR_GATEWAY_UPSTREAMS_REPORT_SERVICE="http://127.0.0.1:${CORRIDOR_REPORT_SERVICE_PORT:-8083}" \
      CORRIDOR_GATEWAY_UPSTREAMS_MANAGEMENT_CASE_SERVICE="http://127.0.0.1:${CORRIDOR_CASE_SERVICE_MANAGEMENT_PORT:-$((${CORRIDOR_CASE_SERVICE_PORT:-8081} + 10))}" \
      CORRIDOR_GATEWAY_UPSTREAMS_MANAGEMENT_POLICY_SERVICE="http://127.0.0.1:${CORRIDOR_POLICY_SERVICE_MANAGEMENT_PORT:-$((${CORRIDOR_POLICY_SERVICE_PORT:-8082} + 10))}" \
      CORRIDOR_GATEWAY_UPSTREAMS_MANAGEMENT_REPORT_SERVICE="http://127.0.0.1:${CORRIDOR_REPORT_SERVICE_MANAGEMENT_PORT:-$((${CORRIDOR_REPORT_SERVICE_PORT:-8083} + 10))}" \
      CORRIDOR_GATEWAY_RATE_LIMIT_REQUESTS=1000000000 CORRIDOR_GATEWAY_RATE_LIMIT_BURST=1000000000 \
      CORRIDOR_GATEWAY_CONCURRENCY_INITIAL_LIMIT=64 CORRIDOR_GATEWAY_CONCURRENCY_MIN_LIMIT=64 \
      MALLOC_ARENA_MAX=2 "$JAVA_HOME/bin/java" $CORRIDOR_SERVICE_JVM_OPTIONS "$@" -jar "$work/gateway/quarkus-run.jar" >"$work/gateway.log" 2>&1 &
  bench_gateway_pid=$!
  local attempt
  for attempt in $(seq 1 600); do  # up to five minutes: on a loaded machine a start takes minutes
    # (a build from before the management interface answers beside its API)
    curl -fsS "http://127.0.0.1:$bench_gateway_management_port/q/health/ready" >/dev/null 2>&1 && return 0
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

bench_gateway_cpu_ticks() { awk '{print $14 + $15}' "/proc/$bench_gateway_pid/stat"; }
# what a longer warm-up would not have left in a measurement
bench_gateway_jit_ticks() {
  cat /proc/"$bench_gateway_pid"/task/*/stat | awk '/\(C[12] CompilerThre\)/ {sub(/.*\) /, ""); split($0, f, " "); s += f[12] + f[13]} END {print s + 0}'
}
