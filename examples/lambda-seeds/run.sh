#!/usr/bin/env bash
# The seed talks' Lambda workflows (choice, add-numbers, parallel-lookup, batch-job): starts the
# HTTP functions (examples/functions/functions.py, on 127.0.0.1:9000), runs each definition once
# with run-seed.sh, prints status, output and history of each and the function calls, then stops
# the functions.
# Needs the service on $STEPFLOW_ENDPOINT (default http://127.0.0.1:8080) started with
# examples/functions/lambda-functions.yml (see examples/README.md), the AWS CLI and Python 3.
set -uo pipefail
cd "$(dirname "$0")/.."

calls=$(mktemp)
python3 functions/functions.py 2>"$calls" &
functions=$!
trap 'kill $functions 2>/dev/null || true; rm -f "$calls"' EXIT
for _ in $(seq 1 50); do
  grep -q '^functions on' "$calls" && break
  kill -0 $functions 2>/dev/null || { cat "$calls" >&2; exit 1; }
  sleep 0.1
done

failed=()
run() {
  echo "== $1"
  ./run-seed.sh "seeds/$1.asl.json" "$2" || failed+=("$1")
  echo
}
run add-numbers '{"title": "Numbers to add", "numbers": {"val1": 3, "val2": 4}}'
run choice '{"type": "Private", "value": 22}'
run parallel-lookup '{"customer": "Jane Doe"}'
run batch-job '{"jobName": "seed-job", "wait_time": 1}'

echo "== function calls"
grep -v '^functions on' "$calls"
if [ ${#failed[@]} -gt 0 ]; then
  echo "did not succeed: ${failed[*]}" >&2
  exit 1
fi
