#!/usr/bin/env bash
# SNS publish (a seed talk): the Task publishes "Hello from Step Functions!" to the topic myTopic
# and the execution ends with SNS's answer (request/response: it does not wait for subscribers).
# Runs the seed's definition unchanged (its TopicArn names myTopic in us-east-1 on AWS).
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) started with the SNS
# connector on $SNS_ENDPOINT (default http://127.0.0.1:9911; see examples/README.md), the AWS CLI
# and Python 3. Starts sns_stub.py (standard library only, on 127.0.0.1), which prints each
# published message, when nothing answers on $SNS_ENDPOINT, and stops it again at the end.
set -euo pipefail
cd "$(dirname "$0")"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export SNS_ENDPOINT="${SNS_ENDPOINT:-http://127.0.0.1:9911}"
# Answers when anything HTTP answers a ListTopics on $SNS_ENDPOINT (an error status counts).
sns_answers() {
  python3 -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(sys.argv[1], data=b"Action=ListTopics&Version=2010-03-31", timeout=2)
except urllib.error.HTTPError:
    pass' "$SNS_ENDPOINT" 2>/dev/null
}

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

if ! sns_answers; then
  case "$SNS_ENDPOINT" in
    http://127.0.0.1:* | http://localhost:*) ;;
    *) echo "nothing answers on SNS_ENDPOINT=$SNS_ENDPOINT, and the stub only runs on 127.0.0.1" >&2; exit 1 ;;
  esac
  port="${SNS_ENDPOINT##*:}"
  port="${port%%/*}"
  echo "starting the SNS stub on http://127.0.0.1:$port"
  python3 sns_stub.py "$port" &
  pids+=($!)
  for _ in $(seq 1 50); do sns_answers && break; sleep 0.1; done
  sns_answers || { echo "the SNS stub did not answer on $SNS_ENDPOINT" >&2; exit 1; }
fi

../run-seed.sh sns-publish.asl.json '{}' SnsPublish || {
  echo "hint: this needs the service on ${STEPFLOW_ENDPOINT:-http://127.0.0.1:8080} with the SNS" \
    "connector on and pointed at the stub: STEPFLOW_CONNECTORS_SNS_ENABLED=true" \
    "STEPFLOW_CONNECTORS_SNS_ENDPOINT=$SNS_ENDPOINT (examples/README.md)" >&2
  exit 1
}
