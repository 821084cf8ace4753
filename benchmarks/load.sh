#!/usr/bin/env bash
# Durable throughput of the service through the AWS API: starts the service's jar on a fresh
# PostgreSQL database (127.0.0.1:5432), runs benchmarks/load-driver against it, prints the figures
# and stops the service. Needs a PostgreSQL server that lets $STEPFLOW_PG_USER (postgres) create
# databases, as .ci/run sets up.
#
# Usage: benchmarks/load.sh [--executions 2000] [--clients 16] [--warmup 200]
# Environment: STEPFLOW_LOAD_JFR=1 records the service with Java Flight Recorder into
#   benchmarks/load-driver/target/service.jfr; STEPFLOW_LOAD_JAVA_OPTS adds JVM options and
#   STEPFLOW_LOAD_SERVICE_ARGS service settings (e.g. "--stepflow.executions.workers=16").
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
java="$JAVA_HOME/bin/java"
pg_user="${STEPFLOW_PG_USER:-postgres}"
out=benchmarks/load-driver/target
jar=orchestrator-service/target/orchestrator-service-0.1.0-SNAPSHOT.jar

if [ ! -f "$jar" ]; then
  ./mvnw -q -B -pl orchestrator-service -am package -DskipTests -Dspotless.check.skip=true
fi
./mvnw -q -B -f benchmarks/load-driver/pom.xml package dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$PWD/$out/classpath" >/dev/null
mkdir -p "$out"
# run from a copy: a build in the same checkout may rewrite the jar meanwhile
cp "$jar" "$out/service.jar"

port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
db="stepflow_load_$(date +%s)"
psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "CREATE DATABASE $db"

service_pid=""
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" && wait "$service_pid" 2>/dev/null || true
  fi
  psql -q -h 127.0.0.1 -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
}
trap cleanup EXIT

jvm_opts=(-Xmx1g)
if [ "${STEPFLOW_LOAD_JFR:-0}" = 1 ]; then
  jvm_opts+=("-XX:StartFlightRecording=filename=$out/service.jfr,settings=profile,dumponexit=true")
fi
# shellcheck disable=SC2206
jvm_opts+=(${STEPFLOW_LOAD_JAVA_OPTS:-})
app_opts=(--server.port="$port" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db"
  --spring.datasource.username="$pg_user" --spring.datasource.password=
  --stepflow.data-dir="$out/data")
# shellcheck disable=SC2206
app_opts+=(${STEPFLOW_LOAD_SERVICE_ARGS:-})
"$java" "${jvm_opts[@]}" -jar "$out/service.jar" "${app_opts[@]}" >"$out/service.log" 2>&1 &
service_pid=$!
echo "service: pid $service_pid on port $port, database $db, log $out/service.log"
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  kill -0 "$service_pid" 2>/dev/null || { echo "the service exited; see $out/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || {
  echo "the service was not ready within 60 s; see $out/service.log" >&2
  exit 1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; PostgreSQL on the same machine"
"$java" -cp "$out/classes:$(cat "$out/classpath")" io.stepflow.benchmarks.LoadDriver \
  --endpoint "http://127.0.0.1:$port" --service-pid "$service_pid" "$@"
