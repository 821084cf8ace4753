#!/usr/bin/env bash
# Hello World with an activity worker (the first seed talk): registers the activity and the state
# machine, starts the boto3 worker, runs one execution (with run-seed.sh) and prints its output
# and history.
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080, the README's quick
# start), the AWS CLI and Python with boto3.
set -euo pipefail
cd "$(dirname "$0")"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
sfn() { aws stepfunctions --endpoint-url "${STEPFLOW_ENDPOINT:-http://127.0.0.1:8080}" "$@"; }

sfn create-activity --name get-greeting >/dev/null

python3 worker.py &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT

../run-seed.sh state-machine.asl.json '{"who":"world"}' HelloActivity
