#!/usr/bin/env bash
# Runs one state machine once: registers it (or reuses it), starts it with the given input, waits
# for the end and prints status, output and history.
# Usage: examples/run-seed.sh <definition.json> '<input JSON>' [machine name]
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) and the AWS CLI.
set -euo pipefail
definition="$1"
input="${2:-{\}}"
name="${3:-$(basename "$definition" .asl.json)}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
endpoint="${STEPFLOW_ENDPOINT:-http://127.0.0.1:8080}"
sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }

machine=$(sfn create-state-machine --name "$name" --role-arn arn:aws:iam::123456789012:role/stepflow \
  --definition "file://$definition" --query stateMachineArn --output text)
execution=$(sfn start-execution --state-machine-arn "$machine" --input "$input" \
  --query executionArn --output text)
for _ in $(seq 1 100); do
  status=$(sfn describe-execution --execution-arn "$execution" --query status --output text)
  [ "$status" != RUNNING ] && break
  sleep 0.2
done
echo "status: $status"
echo "output: $(sfn describe-execution --execution-arn "$execution" --query output --output text)"
echo "history: $(sfn get-execution-history --execution-arn "$execution" --query 'events[].type' --output text)"
[ "$status" = SUCCEEDED ]
