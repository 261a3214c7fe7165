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
import json
import threading
import urllib.parse

from sluice_harness import LocalHttpServer, QuietHandler

FORWARDED_HEADERS = ("Content-Type", "X-Amz-Target", "X-Amz-Date", "X-Amz-Security-Token", "Authorization")
JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
BATCH_LIMIT = 10


class LostDeletesProxy(LocalHttpServer):
    def __init__(self, upstream_endpoint):
        self.upstream = urllib.parse.urlsplit(upstream_endpoint)
        self.receipt_handles = []
        self._lock = threading.Lock()
        # stop() waits for every request being forwarded: a long poll still
        # on its way when the consumer hung up must not take messages later.
        super().__init__(_Handler, wait_for_requests=True)

    def release(self, sqs, queue_url):
        """Makes every message whose delete was lost visible again now; returns how many."""
        with self._lock:
            handles, self.receipt_handles = self.receipt_handles, []
        for start in range(0, len(handles), BATCH_LIMIT):
            entries = [{"Id": str(i), "ReceiptHandle": handle, "VisibilityTimeout": 0}
                       for i, handle in enumerate(handles[start:start + BATCH_LIMIT])]
            sqs.call("ChangeMessageVisibilityBatch", {"QueueUrl": queue_url, "Entries": entries})
        return len(handles)

    def swallow(self, action, request):
        """The answer to a delete that never reaches the queue."""
        if action == "DeleteMessage":
            with self._lock:
                self.receipt_handles.append(request["ReceiptHandle"])
            return {}
        entries = request.get("Entries", [])
        with self._lock:
            self.receipt_handles.extend(entry["ReceiptHandle"] for entry in entries)
        return {"Successful": [{"Id": entry["Id"]} for entry in entries]}


class _Handler(QuietHandler):
    def do_POST(self):
        body = self.read_body()
        action = self.headers.get("X-Amz-Target", "").rpartition(".")[2]
        if action in ("DeleteMessage", "DeleteMessageBatch"):
            answer = json.dumps(self.owner.swallow(action, json.loads(body)))
            self.reply(200, {"Content-Type": JSON_CONTENT_TYPE}, answer)
        else:
            self._forward(body)

    def _forward(self, body):
        upstream = self.owner.upstream
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        try:
            headers = {name: self.headers[name] for name in FORWARDED_HEADERS if name in self.headers}
            connection.request("POST", self.path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            kept = {name: value for name, value in response.getheaders()
                    if name.lower() in ("content-type", "x-amzn-requestid", "x-amzn-query-error")}
            self.reply(response.status, kept, answer)
        finally:
            connection.close()
