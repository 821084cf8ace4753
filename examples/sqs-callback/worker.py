"""The seed talk's SQS callback worker: receives the messages the Task sends to myQueue, reads the
task token the definition put in the body ("TaskToken.$": "$$.Task.Token") and sends it back with
send_task_success, which ends the waiting Task. Stop it with Ctrl-C (run.sh stops it for you)."""
import json
import os

import boto3

credentials = dict(
    region_name="us-east-1",
    aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "test"),
    aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "test"),
)
sqs = boto3.client(
    "sqs", endpoint_url=os.environ.get("SQS_ENDPOINT", "http://127.0.0.1:9324"), **credentials)
sf_client = boto3.client(
    "stepfunctions",
    endpoint_url=os.environ.get("STEPFLOW_ENDPOINT", "http://127.0.0.1:8080"),
    **credentials,
)
queue_url = sqs.get_queue_url(QueueName=os.environ.get("SQS_QUEUE", "myQueue"))["QueueUrl"]
while True:
    response = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=10, MaxNumberOfMessages=10)
    for message in response.get("Messages", []):
        body = json.loads(message["Body"])
        sf_client.send_task_success(
            taskToken=body["TaskToken"],
            output=json.dumps({"received": body["Message"], "worker": "sqs-worker"}))
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
