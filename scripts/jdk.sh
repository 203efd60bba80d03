# Sourced by Slipway's scripts: sets JAVA_HOME to a JDK 21 or newer, preferring the newest
# Temurin under /usr/lib/jvm, and fails with a clear message when there is none.
# Reads the JDK's release file: running "java -version" would cost a JVM start each time.
java_major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$v" ] && echo "$v" || "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, a, "."); print a[1]; exit}'
}
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 21 ]; then
  JAVA_HOME=""
  for candidate in $(ls -d /usr/lib/jvm/*temurin* /usr/lib/jvm/*-jdk* 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ]; then
      JAVA_HOME="$candidate"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "Slipway needs a JDK 21 or newer (none found under /usr/lib/jvm; set JAVA_HOME)." >&2
    exit 1
  fi
fi
export JAVA_HOME
