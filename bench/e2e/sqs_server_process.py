"""bench/sqs_server as a child process, with the small client the benchmark
needs (the same calls as the harness's SqsEmulator: create_queue, call,
count) and its request counters."""

import json
import subprocess
import sys
import urllib.error
import urllib.request

from sluice_harness import SqsError

READY = "sqs_server ready "


class BenchSqsServer:
    def __init__(self, binary, latency_ms=0, threads=2):
        self.latency_ms = latency_ms
        self._process = subprocess.Popen(
            [str(binary), "--port", "0", "--latency-ms", str(latency_ms), "--threads", str(threads)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self._process.stdout.readline()
        if not line.startswith(READY):
            self._process.kill()
            sys.exit(f"run_bench: sqs_server did not start: {line!r}")
        self.endpoint = line[len(READY):].strip()
        self.pid = self._process.pid

    def create_queue(self, name):
        return self.call("CreateQueue", {"QueueName": name})["QueueUrl"]

    def count(self, url):
        """(waiting, in flight). Unlike the emulator, ApproximateNumberOfMessages counts visible ones only."""
        attributes = self.call("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": [
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]})["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"])

    def requests(self):
        """Requests served so far, by action (GET /stats, itself not counted)."""
        with urllib.request.urlopen(self.endpoint + "/stats", timeout=60) as answer:
            return json.loads(answer.read())["requests"]

    def call(self, action, request):
        http_request = urllib.request.Request(
            self.endpoint + "/", data=json.dumps(request).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{action}"})
        try:
            with urllib.request.urlopen(http_request, timeout=60) as answer:
                text = answer.read().decode()
        except urllib.error.HTTPError as error:
            answer = json.loads(error.read() or b"{}")
            raise SqsError(action, error.code, answer.get("__type", "?"), answer.get("message", "")) from None
        return json.loads(text) if text else {}

    def stop(self):
        if self._process.poll() is None:
            self._process.terminate()
            self._process.communicate(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()
