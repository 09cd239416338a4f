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
