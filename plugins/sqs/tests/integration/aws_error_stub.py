"""An HTTP endpoint that answers every SQS request with one AWS error.

It stands in for SQS refusing the credentials: both protocols get the
reply AWS sends (the JSON protocol a typed JSON error, the query protocol
an <ErrorResponse>), and it counts what it was asked so a test can tell
that nothing was deleted.

    with AwsErrorStub() as stub:
        ... point `endpoint:` at stub.endpoint ...
        stub.actions  # ["GetQueueAttributes", ...]
"""

import json
import urllib.parse

from sluice_harness import LocalHttpServer, QuietHandler

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
MESSAGE = "The security token included in the request is invalid."


class AwsErrorStub(LocalHttpServer):
    def __init__(self):
        self.actions = []
        super().__init__(_Handler)


class _Handler(QuietHandler):
    def do_POST(self):
        body = self.read_body().decode()
        if self.headers.get("Content-Type", "") == JSON_CONTENT_TYPE:
            self.owner.actions.append(self.headers.get("X-Amz-Target", "").split(".")[-1])
            self.reply(400, {"Content-Type": JSON_CONTENT_TYPE}, json.dumps(
                {"__type": "com.amazon.coral.service#UnrecognizedClientException", "message": MESSAGE}))
        else:
            self.owner.actions.append(urllib.parse.parse_qs(body).get("Action", ["?"])[0])
            self.reply(403, {"Content-Type": "text/xml"}, (
                '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">'
                f"<Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>{MESSAGE}</Message>"
                "<Detail/></Error><RequestId>stub</RequestId></ErrorResponse>"))
