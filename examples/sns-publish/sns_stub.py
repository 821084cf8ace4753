#!/usr/bin/env python3
"""A tiny SNS-compatible stub for Stepflow's SNS connector, for the sns-publish example.

It speaks the part of SNS's AWS Query protocol the connector uses: a form-encoded POST with
Action=Publish, answered in XML with a new MessageId (and a SequenceNumber for a topic whose name
ends in .fifo). Every topic exists; a topic named "missing" answers SNS's NotFound error instead,
to try a Catch on SNS.NotFoundException. Action=ListTopics answers an empty list, so that
`aws sns list-topics` can tell that the stub is up. Each published message is printed to stdout:

  sns-stub: published to arn:aws:sns:us-east-1:123456789012:myTopic: Hello from Step Functions!

Signatures are not checked and nothing is delivered to subscribers.

Usage: python3 sns_stub.py [port]   (default 9911, on 127.0.0.1 only). Standard library only.
"""
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

NS = "http://sns.amazonaws.com/doc/2010-03-31/"
sequence = count(10000000000000000000)


def attributes(form):
    """MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue, by name."""
    found = {}
    n = 1
    while f"MessageAttributes.entry.{n}.Name" in form:
        prefix = f"MessageAttributes.entry.{n}."
        value = {
            field: form[prefix + "Value." + field]
            for field in ("DataType", "StringValue", "BinaryValue")
            if prefix + "Value." + field in form
        }
        found[form[prefix + "Name"]] = value
        n += 1
    return found


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        action = form.get("Action")
        if action == "Publish":
            self.publish(form)
        elif action == "ListTopics":
            request_id = str(uuid.uuid4())
            self.answer(
                200,
                f'<ListTopicsResponse xmlns="{NS}"><ListTopicsResult><Topics/></ListTopicsResult>'
                f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
                "</ListTopicsResponse>",
                request_id,
            )
        else:
            self.error(400, "InvalidAction", f"This stub serves Publish and ListTopics: {action}")

    def publish(self, form):
        destination = form.get("TopicArn") or form.get("TargetArn") or form.get("PhoneNumber")
        if not destination or "Message" not in form:
            self.error(
                400, "InvalidParameter", "Expected TopicArn, TargetArn or PhoneNumber and a Message"
            )
            return
        if destination.rsplit(":", 1)[-1] == "missing":
            self.error(404, "NotFound", "Topic does not exist")
            return
        message_id = str(uuid.uuid4())
        line = f"sns-stub: published to {destination}: {form['Message']}"
        extras = {
            k: form[k]
            for k in ("Subject", "MessageStructure", "MessageGroupId", "MessageDeduplicationId")
            if k in form
        }
        if attributes(form):
            extras["MessageAttributes"] = attributes(form)
        if extras:
            line += f" {extras}"
        print(line, flush=True)
        sequence_number = ""
        if destination.endswith(".fifo"):
            sequence_number = f"<SequenceNumber>{next(sequence)}</SequenceNumber>"
        request_id = str(uuid.uuid4())
        self.answer(
            200,
            f'<PublishResponse xmlns="{NS}"><PublishResult><MessageId>{message_id}</MessageId>'
            f"{sequence_number}</PublishResult>"
            f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
            "</PublishResponse>",
            request_id,
        )

    def error(self, status, code, message):
        request_id = str(uuid.uuid4())
        self.answer(
            status,
            f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code>'
            f"<Message>{escape(message)}</Message></Error><RequestId>{request_id}</RequestId>"
            "</ErrorResponse>",
            request_id,
        )

    def answer(self, status, xml, request_id):
        data = xml.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("x-amzn-RequestId", request_id)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass  # only the published messages are printed


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9911
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"sns-stub: listening on http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
