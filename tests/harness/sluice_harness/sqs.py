"""The local-aws-sqs emulator (scripts/sqs-emulator.mjs) on a free port."""

import atexit
import json
import select
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .paths import source_dir

READY_PREFIX = "sqs-emulator ready "
START_TIMEOUT_S = 30
BATCH_LIMIT = 10  # SQS's maximum entries per batch request
# Held while receive_all() looks at a queue, so it sees each message once.
RECEIVE_ALL_VISIBILITY_S = 60


class SqsError(RuntimeError):
    """The emulator answered an error; error_type is its __type (e.g. ...#QueueDoesNotExist)."""

    def __init__(self, action, status, error_type, message):
        super().__init__(f"{action}: HTTP {status} {error_type}: {message}")
        self.status = status
        self.error_type = error_type


@dataclass
class QueueMessage:
    message_id: str
    body: str
    receipt_handle: str
    attributes: dict = field(default_factory=dict)


class SqsEmulator:
    """Starts the emulator, speaks the AWS JSON 1.0 protocol to it (no signing needed).

        with SqsEmulator() as sqs:
            url = sqs.create_queue("logins")
            sqs.send_messages(url, ['{"user_id": "u1"}'])
            visible, in_flight = sqs.count(url)
    """

    def __init__(self):
        self._log_file = tempfile.NamedTemporaryFile(prefix="sluice-sqs-", suffix=".log", delete=False)
        self._process = subprocess.Popen(
            [self._node(), str(source_dir() / "scripts" / "sqs-emulator.mjs"), "--port", "0"],
            stdout=subprocess.PIPE, stderr=self._log_file, text=True)
        atexit.register(self.stop)
        try:
            self.endpoint = self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    # -- what tests use ---------------------------------------------------

    def create_queue(self, name, attributes=None) -> str:
        """Creates a queue and returns its URL. RedrivePolicy may be given as a dict."""
        request = {"QueueName": name}
        if attributes:
            request["Attributes"] = {key: self._attribute_text(value) for key, value in attributes.items()}
        return self.call("CreateQueue", request)["QueueUrl"]

    def queue_arn(self, url) -> str:
        return self._attributes(url, ["QueueArn"])["QueueArn"]

    def send_messages(self, url, bodies):
        """Sends every body, ten per SendMessageBatch request; returns the message ids in order."""
        bodies = list(bodies)
        message_ids = []
        for start in range(0, len(bodies), BATCH_LIMIT):
            entries = [{"Id": str(i), "MessageBody": body}
                       for i, body in enumerate(bodies[start:start + BATCH_LIMIT])]
            answer = self.call("SendMessageBatch", {"QueueUrl": url, "Entries": entries})
            if answer.get("Failed"):
                raise SqsError("SendMessageBatch", 200, "Failed", json.dumps(answer["Failed"]))
            by_entry = {item["Id"]: item["MessageId"] for item in answer["Successful"]}
            message_ids.extend(by_entry[entry["Id"]] for entry in entries)
        return message_ids

    def receive_all(self, url, delete=False):
        """Every message visible now, each once, with its system attributes.

        The messages stay in flight for a minute afterwards (or are deleted
        with delete=True), so call this when the test is done with the queue.
        """
        messages = []
        while True:
            answer = self.call("ReceiveMessage", {
                "QueueUrl": url, "MaxNumberOfMessages": BATCH_LIMIT, "WaitTimeSeconds": 0,
                "VisibilityTimeout": RECEIVE_ALL_VISIBILITY_S, "AttributeNames": ["All"]})
            batch = [QueueMessage(m["MessageId"], m["Body"], m["ReceiptHandle"], m.get("Attributes", {}))
                     for m in answer.get("Messages", [])]
            if not batch:
                return messages
            if delete:
                self._delete(url, batch)
            messages.extend(batch)

    def count(self, url):
        """(waiting, in flight): messages a receive could get, messages received but not deleted.

        The emulator's ApproximateNumberOfMessages counts in-flight messages too
        (real SQS does not) and leaves out messages still in their delay, which
        every message is for a moment after it is sent; hence the arithmetic.
        """
        counts = self._attributes(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                                        "ApproximateNumberOfMessagesDelayed"])
        not_visible = int(counts["ApproximateNumberOfMessagesNotVisible"])
        waiting = (int(counts["ApproximateNumberOfMessages"]) + int(counts["ApproximateNumberOfMessagesDelayed"])
                   - not_visible)
        return waiting, not_visible

    def call(self, action, request) -> dict:
        """One AWS JSON 1.0 request; returns the decoded answer ({} for an empty one)."""
        http_request = urllib.request.Request(
            self.endpoint + "/", data=json.dumps(request).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{action}"})
        try:
            with urllib.request.urlopen(http_request, timeout=60) as answer:
                text = answer.read().decode()
        except urllib.error.HTTPError as error:
            raise self._error(action, error) from None
        return json.loads(text) if text else {}

    def log(self) -> str:
        """The emulator's stderr so far, for failure messages."""
        return Path(self._log_file.name).read_text(errors="replace")

    def stop(self):
        """Stops the emulator (SIGTERM, then SIGKILL). Safe to call twice."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._log_file.close()
        Path(self._log_file.name).unlink(missing_ok=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # -- how -----------------------------------------------------------------

    @staticmethod
    def _node() -> str:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not installed; run scripts/setup.sh")
        if not (source_dir() / "node_modules" / "local-aws-sqs").is_dir():
            raise RuntimeError("local-aws-sqs is not installed; run scripts/setup.sh (it runs npm ci)")
        return node

    def _wait_until_ready(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self._process.stdout], [], [], 0.1)
            if readable:
                line = self._process.stdout.readline()
                if line.startswith(READY_PREFIX):
                    return line[len(READY_PREFIX):].strip()
            if self._process.poll() is not None:
                break
        raise RuntimeError(f"the SQS emulator did not start:\n{self.log()}")

    def _attributes(self, url, names) -> dict:
        return self.call("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": names})["Attributes"]

    def _delete(self, url, messages):
        entries = [{"Id": str(i), "ReceiptHandle": m.receipt_handle} for i, m in enumerate(messages)]
        answer = self.call("DeleteMessageBatch", {"QueueUrl": url, "Entries": entries})
        if answer.get("Failed"):
            raise SqsError("DeleteMessageBatch", 200, "Failed", json.dumps(answer["Failed"]))

    @staticmethod
    def _attribute_text(value) -> str:
        return json.dumps(value) if isinstance(value, dict) else str(value)

    @staticmethod
    def _error(action, error) -> SqsError:
        text = error.read().decode(errors="replace")
        try:
            answer = json.loads(text)
            return SqsError(action, error.code, answer.get("__type", "?"), answer.get("message", text))
        except ValueError:
            return SqsError(action, error.code, "?", text)
