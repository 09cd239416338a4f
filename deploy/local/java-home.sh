# Sourced by deploy/local/corridor, ./mvnw and .ci/run (POSIX sh, so that mvnw can): exports JAVA_HOME as a JDK 21 or newer
# (JAVA_HOME itself if it is one, else the newest under /usr/lib/jvm), since the machine default may be older.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

pick_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java") || continue
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=${candidate%/}; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "no JDK 21 or newer found: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME=$best
}

# The JVM options of the local runtime's services (and of the benchmarks' copies of them). The heap is at most 256 MB
# and starts at 64 MB instead of the machine's default (a 64th of its memory: all 256 MB, committed from the start,
# on this machine); after a collection it is kept between 20 and 40 % free, so a service holds about the heap its
# live data needs instead of all it ever touched. glibc keeps two malloc arenas instead of eight per core
# (MALLOC_ARENA_MAX, set in the environment) and gives memory the JVM freed back every 10 s (TrimNativeHeapInterval):
# the JIT compiler's and JFR's transient buffers otherwise stay resident. Native Memory Tracking figures in
# docs/BENCHMARKS.md ("Resident memory"); the Kubernetes manifests and the compose file set the same ratios, arena
# count and trim (their heap is a share of the container's memory).
CORRIDOR_SERVICE_JVM_OPTIONS="-Xmx256m -Xms64m -XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:TrimNativeHeapInterval=10000"
