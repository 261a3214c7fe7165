"""An HTTP endpoint that answers every SQS request with one AWS error.

It stands in for SQS refusing the credentials: both protocols get the
reply AWS sends (the JSON protocol a typed JSON error, the query protocol
an <ErrorResponse>), and it counts what it was asked so a test can tell
that nothing was deleted.

    with AwsErrorStub() as stub:
        ... point `endpoint:` at stub.endpoint ...
        stub.actions  # ["GetQueueAttributes", ...]
"""

import http.server
import json
import threading
import urllib.parse

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
MESSAGE = "The security token included in the request is invalid."


class AwsErrorStub:
    def __init__(self):
        self.actions = []
        handler = _handler_class(self.actions)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def _handler_class(actions):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if self.headers.get("Content-Type", "") == JSON_CONTENT_TYPE:
                actions.append(self.headers.get("X-Amz-Target", "").split(".")[-1])
                self._reply(400, JSON_CONTENT_TYPE, json.dumps(
                    {"__type": "com.amazon.coral.service#UnrecognizedClientException", "message": MESSAGE}))
            else:
                actions.append(urllib.parse.parse_qs(body).get("Action", ["?"])[0])
                self._reply(403, "text/xml", (
                    '<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">'
                    f"<Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>{MESSAGE}</Message>"
                    "<Detail/></Error><RequestId>stub</RequestId></ErrorResponse>"))

        def _reply(self, status, content_type, text):
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler
