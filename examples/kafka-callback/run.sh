#!/usr/bin/env bash
# A Kafka callback: the Task publishes an order with its task token to the topic orders and waits;
# the worker (Worker.java, a payment service) reads it and publishes a reply with the token to
# Stepflow's reply topic, which completes the Task. Runs two orders: one charged, one declined (an
# error reply, caught by the machine's Catch).
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) started with the Kafka
# connector on and pointed at $KAFKA_BOOTSTRAP (default 127.0.0.1:9092; see examples/README.md),
# the AWS CLI and a JDK 17 or newer. Resolves Apache Kafka from Maven Central (kafka/pom.xml) for
# the worker's clients, and starts a single-node KRaft broker from it (java -cp, 127.0.0.1 only,
# data in a temporary directory) when nothing answers on $KAFKA_BOOTSTRAP; stops it at the end.
set -euo pipefail
cd "$(dirname "$0")"
export KAFKA_BOOTSTRAP="${KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
java="${JAVA:-java}"
answers() { (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null; }

pids=() data=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -z "$data" ] || rm -rf "$data"
}
trap cleanup EXIT

../../mvnw -q -B -f kafka/pom.xml dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/dev/null 2>&1 \
  || { echo "could not resolve Apache Kafka from Maven Central (kafka/pom.xml)" >&2; exit 1; }
classpath="$(cat kafka/target/classpath.txt)"
logging=-Dlog4j2.configurationFile=kafka/log4j2.properties

first="${KAFKA_BOOTSTRAP%%,*}"
if ! answers "$first"; then
  [ "$first" = 127.0.0.1:9092 ] \
    || { echo "nothing answers on $first; unset KAFKA_BOOTSTRAP to start a broker" >&2; exit 1; }
  echo "starting Kafka on $first (log: kafka/target/kafka.log)"
  data="$(mktemp -d "${TMPDIR:-/tmp}/stepflow-kafka.XXXXXX")"
  { cat kafka/server.properties; echo "log.dirs=$data/logs"; } >"$data/server.properties"
  "$java" $logging -cp "$classpath" kafka.tools.StorageTool format -c "$data/server.properties" \
    -t "$("$java" $logging -cp "$classpath" kafka.tools.StorageTool random-uuid)" >/dev/null
  "$java" $logging -cp "$classpath" kafka.Kafka "$data/server.properties" >kafka/target/kafka.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do answers "$first" && break; sleep 0.5; done
  answers "$first" || { echo "Kafka did not start; see kafka/target/kafka.log" >&2; exit 1; }
fi

"$java" $logging -cp "$classpath" Worker.java &
pids+=($!)

../run-seed.sh kafka-callback.asl.json '{"orderId": "o-1001", "amount": 42.5}' KafkaCallback
../run-seed.sh kafka-callback.asl.json '{"orderId": "o-1002", "amount": 1500}' KafkaCallback
