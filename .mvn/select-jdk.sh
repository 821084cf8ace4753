# Sourced by ./mvnw and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK 21+ under /usr/lib/jvm
# (or STEPFLOW_JDK_SEARCH_DIR). Leaves JAVA_HOME alone when none is found, so that the build's
# enforcer rule can say what is wrong.

stepflow_jdk_major() {
  # Prints the feature version of the JDK at $1 (21, 25, ...), or nothing when $1 is no JDK.
  [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

stepflow_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(stepflow_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      return 0
    fi
  fi
  best=""
  best_major=0
  for candidate in "${STEPFLOW_JDK_SEARCH_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$candidate" ] || continue
    major=$(stepflow_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    JAVA_HOME="$best"
    export JAVA_HOME
  fi
}

stepflow_select_jdk
