"""bench/sqs_server over HTTP: what a benchmark measured on it relies on.

Receipt handles, visibility expiry and redelivery, batch partial failures,
long polling, the request counters, many clients at once. Needs
SQS_SERVER_BIN (set by CTest). No timing assertions: waits only bound how
long a test may take.
"""

import json
import os
import signal
import subprocess
import threading
import unittest
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

READY = "sqs_server ready "


class SqsServer:
    def __init__(self, *extra):
        self.process = subprocess.Popen([os.environ["SQS_SERVER_BIN"], "--port", "0", *extra],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith(READY):
            self.process.kill()
            raise RuntimeError(f"sqs_server did not start: {line!r} {self.process.stderr.read()}")
        self.endpoint = line[len(READY):].strip()

    def call(self, action, request):
        http_request = urllib.request.Request(
            self.endpoint + "/", data=json.dumps(request).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{action}"})
        try:
            with urllib.request.urlopen(http_request, timeout=60) as answer:
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def ok(self, action, request):
        status, answer = self.call(action, request)
        if status != 200:
            raise AssertionError(f"{action}: HTTP {status} {answer}")
        return answer

    def stats(self):
        with urllib.request.urlopen(self.endpoint + "/stats", timeout=10) as answer:
            return json.loads(answer.read())

    def stop(self):
        """SIGTERM; returns (exit code, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        _, stderr = self.process.communicate(timeout=30)
        return self.process.returncode, stderr


class SqsServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SqsServer("--threads", "4")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def queue(self, name, visibility=30):
        return self.server.ok("CreateQueue", {"QueueName": name,
                                              "Attributes": {"VisibilityTimeout": str(visibility)}})["QueueUrl"]

    def send(self, url, bodies):
        for start in range(0, len(bodies), 10):
            entries = [{"Id": str(i), "MessageBody": b} for i, b in enumerate(bodies[start:start + 10])]
            answer = self.server.ok("SendMessageBatch", {"QueueUrl": url, "Entries": entries})
            self.assertEqual(len(answer["Successful"]), len(entries))

    def receive(self, url, wait=0, max_messages=10, **extra):
        return self.server.ok("ReceiveMessage", {
            "QueueUrl": url, "MaxNumberOfMessages": max_messages, "WaitTimeSeconds": wait,
            "MessageSystemAttributeNames": ["SentTimestamp", "ApproximateReceiveCount"], **extra}).get("Messages", [])

    def delete(self, url, handles):
        entries = [{"Id": f"d{i}", "ReceiptHandle": h} for i, h in enumerate(handles)]
        return self.server.ok("DeleteMessageBatch", {"QueueUrl": url, "Entries": entries})

    def counts(self, url):
        attributes = self.server.ok("GetQueueAttributes", {"QueueUrl": url, "AttributeNames": ["All"]})["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"])

    def test_queue_urls_name_the_server_and_the_queue(self):
        url = self.queue("named")
        self.assertEqual(url, self.server.endpoint + "/000000000000/named")
        self.assertEqual(self.server.ok("GetQueueUrl", {"QueueName": "named"})["QueueUrl"], url)
        status, answer = self.server.call("GetQueueUrl", {"QueueName": "missing"})
        self.assertEqual((status, answer["__type"]), (400, "com.amazonaws.sqs#QueueDoesNotExist"))

    def test_each_message_once_with_its_attributes_until_deleted(self):
        url = self.queue("once")
        bodies = [json.dumps({"n": i, "text": 'quote " and \\ and ü'}) for i in range(25)]
        self.send(url, bodies)
        self.assertEqual(self.counts(url), (25, 0))
        received = []
        while batch := self.receive(url):
            self.assertLessEqual(len(batch), 10)
            received += batch
        self.assertEqual(sorted(m["Body"] for m in received), sorted(bodies))
        self.assertEqual(len({m["ReceiptHandle"] for m in received}), 25)
        self.assertEqual(len({m["MessageId"] for m in received}), 25)
        for message in received:
            self.assertEqual(message["Attributes"]["ApproximateReceiveCount"], "1")
            self.assertGreater(int(message["Attributes"]["SentTimestamp"]), 1_600_000_000_000)
        self.assertEqual(self.counts(url), (0, 25))
        for start in range(0, 25, 10):
            answer = self.delete(url, [m["ReceiptHandle"] for m in received[start:start + 10]])
            self.assertEqual(answer.get("Failed", []), [])
        self.assertEqual(self.counts(url), (0, 0))

    def test_a_message_not_deleted_is_delivered_again_with_a_new_handle(self):
        url = self.queue("redeliver")
        self.send(url, ["again"])
        [first] = self.receive(url, VisibilityTimeout=1)
        # A long poll wakes when the message reappears.
        [second] = self.receive(url, wait=10)
        self.assertEqual(second["MessageId"], first["MessageId"])
        self.assertEqual(second["Attributes"]["ApproximateReceiveCount"], "2")
        self.assertNotEqual(second["ReceiptHandle"], first["ReceiptHandle"])
        # The stale handle cannot hold it any longer; the new one deletes it.
        answer = self.server.ok("ChangeMessageVisibilityBatch", {"QueueUrl": url, "Entries": [
            {"Id": "old", "ReceiptHandle": first["ReceiptHandle"], "VisibilityTimeout": 60}]})
        self.assertEqual(answer["Failed"][0]["Code"], "MessageNotInflight")
        self.assertEqual(self.delete(url, [second["ReceiptHandle"]]).get("Failed", []), [])
        self.assertEqual(self.counts(url), (0, 0))

    def test_a_batch_delete_fails_only_its_bad_entries(self):
        url = self.queue("partial")
        self.send(url, ["a", "b"])
        handles = [m["ReceiptHandle"] for m in self.receive(url)]
        answer = self.delete(url, [handles[0], "not-a-handle", handles[1]])
        self.assertEqual(sorted(s["Id"] for s in answer["Successful"]), ["d0", "d2"])
        [failed] = answer["Failed"]
        self.assertEqual((failed["Id"], failed["Code"], failed["SenderFault"]), ("d1", "ReceiptHandleIsInvalid", True))
        status, answer = self.server.call("DeleteMessageBatch", {"QueueUrl": url, "Entries": [
            {"Id": "x", "ReceiptHandle": handles[0]}, {"Id": "x", "ReceiptHandle": handles[1]}]})
        self.assertEqual((status, answer["__type"]), (400, "com.amazonaws.sqs#BatchEntryIdsNotDistinct"))

    def test_visibility_zero_releases_a_message_at_once(self):
        url = self.queue("release")
        self.send(url, ["back"])
        [message] = self.receive(url)
        answer = self.server.ok("ChangeMessageVisibilityBatch", {"QueueUrl": url, "Entries": [
            {"Id": "0", "ReceiptHandle": message["ReceiptHandle"], "VisibilityTimeout": 0}]})
        self.assertEqual(answer.get("Failed", []), [])
        [again] = self.receive(url)
        self.assertEqual(again["Body"], "back")

    def test_a_long_poll_answers_when_a_message_is_sent(self):
        url = self.queue("long-poll")
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(self.receive, url, 20)
            self.send(url, ["late"])
            self.assertEqual([m["Body"] for m in waiting.result(timeout=60)], ["late"])

    def test_an_empty_long_poll_answers_empty_when_its_wait_is_over(self):
        url = self.queue("empty")
        self.assertEqual(self.receive(url, wait=1), [])

    def test_many_clients_at_once_get_every_message_exactly_once(self):
        url = self.queue("crowd", visibility=300)
        bodies = [f"m{i}" for i in range(2000)]
        self.send(url, bodies)
        seen, lock = [], threading.Lock()

        def drain():
            while batch := self.receive(url, wait=1):
                self.assertEqual(self.delete(url, [m["ReceiptHandle"] for m in batch]).get("Failed", []), [])
                with lock:
                    seen.extend(m["Body"] for m in batch)

        with ThreadPoolExecutor(16) as pool:
            for future in [pool.submit(drain) for _ in range(16)]:
                future.result(timeout=120)
        self.assertEqual(sorted(seen), sorted(bodies))
        self.assertEqual(self.counts(url), (0, 0))

    def test_requests_are_counted_by_action(self):
        before = self.server.stats()["requests"]
        url = self.queue("counted")
        self.receive(url)
        self.server.call("NoSuchAction", {})
        after = self.server.stats()["requests"]
        self.assertEqual(after["CreateQueue"] - before["CreateQueue"], 1)
        self.assertGreaterEqual(after["ReceiveMessage"] - before["ReceiveMessage"], 1)
        self.assertGreaterEqual(after["Other"] - before["Other"], 1)


class SqsServerCommandLineTest(unittest.TestCase):
    def test_replies_held_by_a_latency_still_answer_and_stats_print_on_sigterm(self):
        server = SqsServer("--latency-ms", "30", "--threads", "1")
        try:
            url = server.ok("CreateQueue", {"QueueName": "far"})["QueueUrl"]
            with ThreadPoolExecutor(8) as pool:
                results = list(pool.map(lambda _: server.ok("GetQueueAttributes", {
                    "QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]}), range(8)))
            self.assertTrue(all(r["Attributes"]["ApproximateNumberOfMessages"] == "0" for r in results))
        finally:
            code, stderr = server.stop()
        self.assertEqual(code, 0)
        stats = json.loads(stderr.split("sqs_server stats ", 1)[1])
        self.assertEqual(stats["requests"]["GetQueueAttributes"], 8)

    def test_bad_options_are_refused_with_the_usage(self):
        for args in (["--threads", "2"], ["--port", "x"], ["--port", "0", "--latency-ms", "-1"], ["--bogus", "1"]):
            result = subprocess.run([os.environ["SQS_SERVER_BIN"], *args], capture_output=True, text=True, timeout=30)
            self.assertEqual(result.returncode, 2, args)
            self.assertIn("usage: sqs_server --port PORT", result.stderr)


if __name__ == "__main__":
    unittest.main()
