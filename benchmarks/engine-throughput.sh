#!/usr/bin/env bash
# State transitions per second of the in-memory engine on one thread (JMH).
# Usage: benchmarks/engine-throughput.sh [extra JMH options, e.g. -wi 5 -i 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
cp_file=orchestrator-engine/target/benchmark.classpath
# One reactor run: compile, and write each module's test classpath; the engine's is written last.
./mvnw -q -B -pl orchestrator-engine -am test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test 2>/dev/null
classpath="orchestrator-engine/target/test-classes:orchestrator-engine/target/classes:states-language/target/classes:$(cat "$cp_file")"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" -cp "$classpath" org.openjdk.jmh.Main EngineThroughputBenchmark \
  -f 1 -t 1 -wi 3 -w 2s -i 5 -r 3s "$@"
