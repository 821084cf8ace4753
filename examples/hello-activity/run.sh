#!/usr/bin/env bash
# Hello World with an activity worker (the first seed talk): registers the activity and the state
# machine, starts the boto3 worker, runs one execution and prints its output and history.
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080, the README's quick
# start), the AWS CLI and Python with boto3.
set -euo pipefail
cd "$(dirname "$0")"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
endpoint="${STEPFLOW_ENDPOINT:-http://127.0.0.1:8080}"
sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }

sfn create-activity --name get-greeting >/dev/null
machine=$(sfn create-state-machine --name HelloActivity \
  --role-arn arn:aws:iam::123456789012:role/stepflow \
  --definition file://state-machine.asl.json --query stateMachineArn --output text)

python3 worker.py &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT

execution=$(sfn start-execution --state-machine-arn "$machine" --input '{"who":"world"}' \
  --query executionArn --output text)
for _ in $(seq 1 50); do
  status=$(sfn describe-execution --execution-arn "$execution" --query status --output text)
  [ "$status" != RUNNING ] && break
  sleep 0.2
done
echo "status: $status"
echo "output: $(sfn describe-execution --execution-arn "$execution" --query output --output text)"
echo "history: $(sfn get-execution-history --execution-arn "$execution" --query 'events[].type' --output text)"
[ "$status" = SUCCEEDED ]
