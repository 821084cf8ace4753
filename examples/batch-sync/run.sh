#!/usr/bin/env bash
# The seed talks' .sync batch job (batch-sync.asl.json, arn:aws:states:::batch:submitJob.sync),
# unchanged: starts the job API (examples/batch-sync/jobs.py, on 127.0.0.1:9100), runs the seed once
# with run-seed.sh, prints status, output and history and the job API's calls, then stops the API.
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) started with
# examples/batch-sync/batch-queues.yml (see examples/README.md), the AWS CLI and Python 3.
set -uo pipefail
cd "$(dirname "$0")/.."

calls=$(mktemp)
python3 batch-sync/jobs.py 2>"$calls" &
jobs=$!
trap 'kill $jobs 2>/dev/null || true; rm -f "$calls"' EXIT
for _ in $(seq 1 50); do
  grep -q '^jobs on' "$calls" && break
  kill -0 $jobs 2>/dev/null || { cat "$calls" >&2; exit 1; }
  sleep 0.1
done

./run-seed.sh seeds/batch-sync.asl.json '{}'
status=$?
echo "job API calls:"
grep -v '^jobs on' "$calls"
exit $status
