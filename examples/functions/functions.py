#!/usr/bin/env python3
"""The seed talks' Lambda functions as HTTP functions, for Stepflow's Lambda connector.

Each function answers POST /<Name>: the request body is the Task's payload as JSON, the answer is
the function's result as JSON (see docs/connectors.md). examples/functions/lambda-functions.yml maps
the function names of the seed definitions to these URLs.

  Add            {"val1": 3, "val2": 4} -> 7                       (add-numbers: InputPath $.numbers, ResultPath $.sum)
  Foo/Zero/Bar   the input plus "handledBy": <name>                (choice)
  AddressFinder  {"address": ...}, PhoneFinder {"phone": ...}      (parallel-lookup)
  SubmitJob      any input -> a new job id (text)                  (batch-job: ResultPath $.guid)
  CheckJob       the job id -> "RUNNING" twice, then "SUCCEEDED"   (batch-job: InputPath $.guid, ResultPath $.status)

Errors answer {"errorType", "errorMessage"} with status 400, which the connector turns into a
States error named errorType. Jobs live in memory only.

Usage: python3 functions.py [port]   (default 9000, on 127.0.0.1). Standard library only.
"""
import json
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FunctionError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def add(event):
    if not isinstance(event, dict) or not all(
        isinstance(event.get(k), (int, float)) and not isinstance(event.get(k), bool)
        for k in ("val1", "val2")
    ):
        raise FunctionError("InvalidInput", 'Add expects {"val1": <number>, "val2": <number>}')
    return event["val1"] + event["val2"]


def handled_by(name):
    def handle(event):
        result = dict(event) if isinstance(event, dict) else {"input": event}
        result["handledBy"] = name
        return result

    return handle


def address_finder(event):
    return {"address": "1 Main Street, Springfield"}


def phone_finder(event):
    return {"phone": "+1 555 0100"}


# Job id -> how many times CheckJob has seen it. Polls 1 and 2 answer RUNNING, later ones SUCCEEDED.
RUNNING_CHECKS = 2
jobs = {}
jobs_lock = threading.Lock()


def submit_job(event):
    job_id = str(uuid.uuid4())
    with jobs_lock:
        jobs[job_id] = 0
    return job_id


def check_job(event):
    job_id = event.get("jobId") if isinstance(event, dict) else event
    with jobs_lock:
        if job_id not in jobs:
            raise FunctionError("JobNotFound", f"No job {job_id!r}")
        jobs[job_id] += 1
        checks = jobs[job_id]
    return "RUNNING" if checks <= RUNNING_CHECKS else "SUCCEEDED"


FUNCTIONS = {
    "Add": add,
    "Foo": handled_by("Foo"),
    "Zero": handled_by("Zero"),
    "Bar": handled_by("Bar"),
    "AddressFinder": address_finder,
    "PhoneFinder": phone_finder,
    "SubmitJob": submit_job,
    "CheckJob": check_job,
}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        name = self.path.strip("/")
        function = FUNCTIONS.get(name)
        if function is None:
            # no errorType: the connector reports Lambda.ResourceNotFoundException
            return self.answer(404, {"message": f"No function {name!r}"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
            event = json.loads(self.rfile.read(length) or b"null")
        except ValueError as e:
            return self.answer(400, {"errorType": "InvalidRequestContentException",
                                     "errorMessage": f"The payload is no JSON: {e}"})
        try:
            result = function(event)
        except FunctionError as e:
            self.log(name, event, f"{e.error_type}: {e}")
            return self.answer(400, {"errorType": e.error_type, "errorMessage": str(e)})
        self.log(name, event, json.dumps(result))
        self.answer(200, result)

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log(self, name, event, outcome):
        print(f"{name}({json.dumps(event)}) -> {outcome}", file=sys.stderr, flush=True)

    def log_message(self, format, *args):
        pass  # one line per call from log() instead of the access log


def serve(handler, default_port, banner):
    """Serves handler on 127.0.0.1 (port: the first argument, else default_port) until interrupted,
    after printing banner(port) to stderr. examples/batch-sync/jobs.py serves its job API with it."""
    port = int(sys.argv[1]) if len(sys.argv) > 1 else default_port
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(banner(port), file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main():
    serve(Handler, 9000, lambda port: f"functions on http://127.0.0.1:{port}/: {', '.join(FUNCTIONS)}")


if __name__ == "__main__":
    main()
