"""An HTTP proxy in front of the SQS emulator that loses every delete.

It forwards each AWS JSON 1.0 request, except DeleteMessage and
DeleteMessageBatch: those it answers itself with success and forwards
nothing, as when an acknowledgement is lost on the way. The messages stay
in the queue, exactly as SQS redelivers a message whose delete never
arrived. release() makes them visible again at once, so a second consumer
gets the same messages (same message ids) a second time.

    with LostDeletesProxy(sqs.endpoint) as proxy:
        queue_url = proxy.endpoint + "/000000000000/login-queue"
        ... run a consumer against queue_url ...
    proxy.release(sqs, real_queue_url)
"""

import http.client
import http.server
import json
import threading
import urllib.parse

FORWARDED_HEADERS = ("Content-Type", "X-Amz-Target", "X-Amz-Date", "X-Amz-Security-Token", "Authorization")
JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
BATCH_LIMIT = 10


class LostDeletesProxy:
    def __init__(self, upstream_endpoint):
        upstream = urllib.parse.urlsplit(upstream_endpoint)
        self.receipt_handles = []
        self._lock = threading.Lock()
        handler = _handler_class(upstream.hostname, upstream.port, self._swallow)
        # stop() waits for every request being forwarded: a long poll still
        # on its way when the consumer hung up must not take messages later.
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = False
        self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def release(self, sqs, queue_url):
        """Makes every message whose delete was lost visible again now; returns how many."""
        with self._lock:
            handles, self.receipt_handles = self.receipt_handles, []
        for start in range(0, len(handles), BATCH_LIMIT):
            entries = [{"Id": str(i), "ReceiptHandle": handle, "VisibilityTimeout": 0}
                       for i, handle in enumerate(handles[start:start + BATCH_LIMIT])]
            sqs.call("ChangeMessageVisibilityBatch", {"QueueUrl": queue_url, "Entries": entries})
        return len(handles)

    def stop(self):
        """Stops listening and waits for the requests under way."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def _swallow(self, action, request):
        """The answer to a delete that never reaches the queue."""
        if action == "DeleteMessage":
            with self._lock:
                self.receipt_handles.append(request["ReceiptHandle"])
            return {}
        entries = request.get("Entries", [])
        with self._lock:
            self.receipt_handles.extend(entry["ReceiptHandle"] for entry in entries)
        return {"Successful": [{"Id": entry["Id"]} for entry in entries]}


def _handler_class(upstream_host, upstream_port, swallow):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as SQS clients expect

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            action = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
            if action in ("DeleteMessage", "DeleteMessageBatch"):
                answer = json.dumps(swallow(action, json.loads(body))).encode()
                self._reply(200, {"Content-Type": JSON_CONTENT_TYPE}, answer)
            else:
                self._forward(body)

        def _forward(self, body):
            connection = http.client.HTTPConnection(upstream_host, upstream_port, timeout=60)
            try:
                headers = {name: self.headers[name] for name in FORWARDED_HEADERS if name in self.headers}
                connection.request("POST", self.path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                kept = {name: value for name, value in response.getheaders()
                        if name.lower() in ("content-type", "x-amzn-requestid", "x-amzn-query-error")}
                self._reply(response.status, kept, answer)
            finally:
                connection.close()

        def _reply(self, status, headers, body):
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the consumer gave up waiting (a cancelled long poll)

        def log_message(self, *args):
            pass  # quiet: the test reports what matters

    return Handler
