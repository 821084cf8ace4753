#!/usr/bin/env bash
# SQS with a callback token (a seed talk): the Task sends a message with its task token to the
# queue myQueue and waits; the boto3 worker receives it and sends the token back with
# send_task_success. Runs the seed's definition unchanged (its QueueUrl names myQueue on AWS; an
# SQS endpoint finds the queue by the URL's last part).
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) started with the SQS
# connector on $SQS_ENDPOINT (default http://127.0.0.1:9324; see examples/README.md), the AWS CLI
# and Python with boto3. Starts ElasticMQ from Maven Central (java -cp) when nothing answers on
# $SQS_ENDPOINT, and stops it again at the end.
set -euo pipefail
cd "$(dirname "$0")"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export SQS_ENDPOINT="${SQS_ENDPOINT:-http://127.0.0.1:9324}"
sqs() { aws sqs --endpoint-url "$SQS_ENDPOINT" "$@"; }

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

if ! sqs list-queues >/dev/null 2>&1; then
  echo "starting ElasticMQ on $SQS_ENDPOINT (log: elasticmq/target/elasticmq.log)"
  ../../mvnw -q -B -f elasticmq/pom.xml dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >/dev/null 2>&1 \
    || { echo "could not resolve ElasticMQ from Maven Central; set SQS_ENDPOINT" >&2; exit 1; }
  java -Dconfig.file=elasticmq/elasticmq.conf -cp "$(cat elasticmq/target/classpath.txt)" \
    org.elasticmq.server.Main >elasticmq/target/elasticmq.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do sqs list-queues >/dev/null 2>&1 && break; sleep 0.5; done
fi
sqs create-queue --queue-name myQueue >/dev/null

python3 worker.py &
pids+=($!)

../run-seed.sh sqs-callback.asl.json '{}' SqsCallback
