#!/usr/bin/env python3
"""A job API standing in for an AWS Batch job queue, for Stepflow's batch:submitJob(.sync) mapping.

examples/batch-sync/batch-queues.yml maps the seed's queue (testQueue) to these URLs:

  POST   /jobs        the Task's Parameters (SubmitJob's: JobName, JobQueue, JobDefinition, ...)
                      -> {"jobId", "jobName"}: a new job, RUNNABLE
  GET    /jobs/<id>   the job: each status read moves it on, RUNNABLE -> RUNNING -> SUCCEEDED,
                      with createdAt, startedAt, stoppedAt in milliseconds (as AWS Batch's)
  DELETE /jobs/<id>   terminates it: FAILED, "Terminated by Stepflow" (the task was cancelled)

Jobs live in memory only. Each call is printed to stderr.

Usage: python3 jobs.py [port]   (default 9100, on 127.0.0.1). Standard library only.
"""
import json
import sys
import threading
import time
import uuid
from pathlib import Path

# The Lambda functions' small server: answer() and serve() are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "functions"))
import functions  # noqa: E402

# What each status read moves a job on to; the last one stays.
LIFECYCLE = ["RUNNABLE", "RUNNING", "SUCCEEDED"]

jobs = {}
jobs_lock = threading.Lock()


def now_ms():
    return int(time.time() * 1000)


def submit(parameters):
    if not isinstance(parameters, dict) or not all(
        isinstance(parameters.get(k), str) for k in ("JobName", "JobQueue", "JobDefinition")
    ):
        return 400, {"message": "SubmitJob expects JobName, JobQueue and JobDefinition"}
    job = {
        "jobId": str(uuid.uuid4()),
        "jobName": parameters["JobName"],
        "jobQueue": parameters["JobQueue"],
        "jobDefinition": parameters["JobDefinition"],
        "status": "SUBMITTED",
        "createdAt": now_ms(),
        "reads": 0,
    }
    with jobs_lock:
        jobs[job["jobId"]] = job
    return 200, {"jobId": job["jobId"], "jobName": job["jobName"]}


def describe(job_id):
    with jobs_lock:
        job = jobs.get(job_id)
        if job is None:
            return 404, {"message": f"No job {job_id!r}"}
        if job["status"] not in ("SUCCEEDED", "FAILED"):
            job["status"] = LIFECYCLE[min(job["reads"], len(LIFECYCLE) - 1)]
            job["reads"] += 1
            if job["status"] == "RUNNING":
                job["startedAt"] = now_ms()
            elif job["status"] == "SUCCEEDED":
                job["stoppedAt"] = now_ms()
        return 200, {k: v for k, v in job.items() if k != "reads"}


def terminate(job_id):
    with jobs_lock:
        job = jobs.get(job_id)
        if job is None:
            return 404, {"message": f"No job {job_id!r}"}
        if job["status"] not in ("SUCCEEDED", "FAILED"):
            job.update(status="FAILED", statusReason="Terminated by Stepflow", stoppedAt=now_ms())
        return 200, {}


class Handler(functions.Handler):
    def do_POST(self):
        if self.path != "/jobs":
            return self.answer(404, {"message": f"No {self.path}"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
            parameters = json.loads(self.rfile.read(length) or b"null")
        except ValueError as e:
            return self.answer(400, {"message": f"The body is no JSON: {e}"})
        status, body = submit(parameters)
        self.note("submit", json.dumps(parameters), body)
        self.answer(status, body)

    def do_GET(self):
        status, body = describe(self.job_id())
        self.note("status", self.job_id(), body.get("status", body))
        self.answer(status, body)

    def do_DELETE(self):
        status, body = terminate(self.job_id())
        self.note("terminate", self.job_id(), status)
        self.answer(status, body)

    def job_id(self):
        return self.path[len("/jobs/"):] if self.path.startswith("/jobs/") else ""

    def note(self, what, subject, outcome):
        print(f"{what} {subject} -> {outcome}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    functions.serve(Handler, 9100, lambda port: f"jobs on http://127.0.0.1:{port}/jobs")
