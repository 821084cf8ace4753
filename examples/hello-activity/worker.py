"""The seed talk's activity worker, unchanged but for the endpoint: it polls get-greeting and
answers every task with a greeting. Stop it with Ctrl-C (run.sh stops it for you)."""
import json
import os

import boto3

sf_client = boto3.client(
    "stepfunctions",
    endpoint_url=os.environ.get("STEPFLOW_ENDPOINT", "http://127.0.0.1:8080"),
    region_name="us-east-1",
    aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "test"),
    aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
)
arn = "arn:aws:states:us-east-1:123456789012:activity:get-greeting"
while True:
    response = sf_client.get_activity_task(activityArn=arn, workerName="hello-worker")
    if "taskToken" in response:
        activity_token = response["taskToken"]
        sf_client.send_task_success(
            taskToken=activity_token, output=json.dumps("Hello from Activity worker!"))
