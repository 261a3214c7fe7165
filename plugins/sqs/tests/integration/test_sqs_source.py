"""The `sqs` source through the real `sluice` binary against the
local-aws-sqs emulator, in the protocol named by SQS_PROTOCOL (json or
query; CTest runs this file once for each)."""

import json
import os
import sys
import tempfile
import time
import unittest
import uuid
from pathlib import Path

import signal

from sluice_harness import SqsEmulator, free_port, run_sluice, start_sluice, write_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from aws_error_stub import AwsErrorStub  # noqa: E402

PROTOCOL = os.environ.get("SQS_PROTOCOL", "json")
TEST_PLUGINS = os.environ.get("SLUICE_TEST_PLUGIN_DIR", "")
# Dummy credentials: the emulator checks none, but the plugin signs anyway.
AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_SESSION_TOKEN": None,
    "AWS_REGION": "us-east-1", "AWS_PROFILE": None, "AWS_ENDPOINT_URL": None, "AWS_ENDPOINT_URL_SQS": None,
}


def read_ndjson(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def login(i):
    # Characters each protocol must carry unchanged: XML specials, quotes,
    # non-ASCII, a newline.
    return json.dumps({"user": f"u{i}", "note": f"<a href=\"x\">&amp; 'é' {i}</a>\n", "n": i})


class SqsSourceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sqs = SqsEmulator()

    @classmethod
    def tearDownClass(cls):
        cls.sqs.stop()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = Path(self.tmp.name)
        self.queue_url = self.sqs.create_queue(f"q-{uuid.uuid4().hex[:12]}")

    # -- helpers ---------------------------------------------------------

    def source(self, **options):
        settings = {"plugin": "sqs", "queue_url": self.queue_url, "protocol": PROTOCOL, "wait_time_seconds": 1}
        settings.update(options)
        return json.dumps(settings)

    def write_pipeline(self, source, sink, transforms="[]", dead_letter=None, max_in_flight_rows=None):
        lines = ["version: 1", f"name: sqs_{PROTOCOL}", f"source: {source}", f"transforms: {transforms}",
                 f"sink: {sink}"]
        if dead_letter:
            lines.append(f"dead_letter: {dead_letter}")
        if max_in_flight_rows:
            lines.append(f"max_in_flight_rows: {max_in_flight_rows}")
        return write_pipeline(self.dir, "\n".join(lines) + "\n")

    def run_pipeline(self, source, sink, transforms="[]", dead_letter=None, timeout=120):
        path = self.write_pipeline(source, sink, transforms, dead_letter)
        return run_sluice([*self.plugin_path(), "run", path, "--drain"], env=AWS_ENVIRONMENT, timeout=timeout)

    @staticmethod
    def plugin_path():
        return ["--plugin-path", TEST_PLUGINS] if TEST_PLUGINS else []

    def messages_left(self):
        waiting, in_flight = self.sqs.count(self.queue_url)
        return waiting + in_flight

    # -- delivery ----------------------------------------------------------

    def test_a_thousand_messages_arrive_once_and_leave_the_queue(self):
        bodies = [login(i) for i in range(1000)]
        ids = self.sqs.send_messages(self.queue_url, bodies)
        out = self.dir / "out.ndjson"
        result = self.run_pipeline(self.source(concurrency=4), json.dumps({"plugin": "file", "path": str(out)}))
        self.assertEqual(result.rc, 0, result.describe())
        self.assertIn(f"{PROTOCOL} protocol", result.stderr)
        rows = read_ndjson(out)
        self.assertEqual(len(rows), 1000, result.describe())
        self.assertEqual(sorted(row["body"] for row in rows), sorted(bodies))
        self.assertEqual(sorted(row["message_id"] for row in rows), sorted(ids))
        self.assertTrue(all(row["receive_count"] >= 1 and row["sent_timestamp"] for row in rows))
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))

    def test_rejected_messages_reach_the_dead_letter_sink_and_leave_the_queue(self):
        bodies = [login(i) for i in range(40)]
        bodies[7] = "not json"
        bodies[23] = json.dumps({"n": 23})  # lacks the required `user`
        ids = self.sqs.send_messages(self.queue_url, bodies)
        out, rejects = self.dir / "out.ndjson", self.dir / "rejects.ndjson"
        result = self.run_pipeline(
            self.source(), json.dumps({"plugin": "file", "path": str(out)}),
            transforms='[{name: parse, plugin: json, fields: {user: string}, required: [user]}]',
            dead_letter=json.dumps({"plugin": "file", "path": str(rejects)}))
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(len(read_ndjson(out)), 38)
        dead = read_ndjson(rejects)
        self.assertEqual(sorted(row["message_id"] for row in dead), sorted([ids[7], ids[23]]))
        self.assertEqual(sorted(row["body"] for row in dead), sorted([bodies[7], bodies[23]]))
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))

    def test_rejected_messages_stay_in_the_queue_without_a_dead_letter_sink(self):
        bodies = [login(i) for i in range(20)]
        bodies[3] = bodies[11] = "not json"
        self.sqs.send_messages(self.queue_url, bodies)
        out = self.dir / "out.ndjson"
        result = self.run_pipeline(
            self.source(visibility_timeout=3), json.dumps({"plugin": "file", "path": str(out)}),
            transforms='[{name: parse, plugin: json, fields: {user: string}, required: [user]}]')
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(len(read_ndjson(out)), 18)
        # Left for the queue's redrive policy: still there, and never deleted.
        self.assertEqual(self.messages_left(), 2)
        self.assertEqual(sorted(m.body for m in self.sqs_messages_after_visibility()), ["not json", "not json"])

    @unittest.skipUnless(TEST_PLUGINS, "needs SLUICE_TEST_PLUGIN_DIR (testkit_sink)")
    def test_a_failed_sink_leaves_the_messages_in_the_queue(self):
        self.sqs.send_messages(self.queue_url, [login(i) for i in range(30)])
        result = self.run_pipeline(self.source(), '{plugin: testkit_sink, fail: true}')
        self.assertNotEqual(result.rc, 0, result.describe())
        self.assertEqual(self.messages_left(), 30)

    @unittest.skipUnless(TEST_PLUGINS, "needs SLUICE_TEST_PLUGIN_DIR (testkit_sink)")
    def test_visibility_is_extended_while_a_slow_sink_holds_the_messages(self):
        bodies = [login(i) for i in range(3)]
        ids = self.sqs.send_messages(self.queue_url, bodies)
        written = self.dir / "ids.txt"
        # The sink holds the batch for 5 s, more than twice the 2 s timeout:
        # without extensions the messages would come back and be written twice.
        result = self.run_pipeline(self.source(visibility_timeout=2),
                                   json.dumps({"plugin": "testkit_sink", "delay_ms": 5000, "path": str(written)}))
        self.assertEqual(result.rc, 0, result.describe())
        self.assertEqual(sorted(written.read_text().split()), sorted(ids))
        self.assertEqual(self.sqs.count(self.queue_url), (0, 0))

    @unittest.skipUnless(TEST_PLUGINS, "needs SLUICE_TEST_PLUGIN_DIR (testkit_sink)")
    def test_sigterm_settles_what_is_in_flight_and_leaves_the_rest_in_the_queue(self):
        bodies = [login(i) for i in range(200)]
        ids = self.sqs.send_messages(self.queue_url, bodies)
        written = self.dir / "ids.txt"
        # A small in-flight bound keeps the source from taking all 200 before the
        # signal, however fast the emulator answers: the signal must find most
        # of them still in the queue.
        path = self.write_pipeline(self.source(visibility_timeout=4, max_messages=5, concurrency=1),
                                   json.dumps({"plugin": "testkit_sink", "delay_ms": 100, "path": str(written)}),
                                   max_in_flight_rows=10)
        with start_sluice([*self.plugin_path(), "run", path], env=AWS_ENVIRONMENT) as sluice:
            deadline = time.monotonic() + 60
            while len(self.lines(written)) < 20 and time.monotonic() < deadline:
                time.sleep(0.1)
            sluice.send_signal(signal.SIGTERM)
            result = sluice.wait(timeout=60)
        self.assertEqual(result.rc, 0, result.describe())
        delivered = self.lines(written)
        self.assertEqual(len(delivered), len(set(delivered)), "a message was written twice")
        self.assertLess(len(delivered), 200, result.describe())
        # Whatever was not written is back in the queue, and only that.
        left = self.sqs_messages_after_visibility()
        self.assertEqual(sorted(delivered + [m.message_id for m in left]), sorted(ids))

    # -- failures ----------------------------------------------------------

    def test_a_wrong_queue_url_is_a_configuration_error_that_names_it(self):
        self.sqs.send_messages(self.queue_url, [login(i) for i in range(5)])
        wrong = self.queue_url + "-missing"
        result = self.run_pipeline(self.source(queue_url=wrong), json.dumps({"plugin": "file", "path": "-"}))
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn(f"queue {wrong} does not exist", result.stderr)
        self.assertEqual(self.messages_left(), 5)

    def test_a_bad_credentials_reply_is_a_configuration_error_that_says_so(self):
        self.sqs.send_messages(self.queue_url, [login(i) for i in range(5)])
        with AwsErrorStub() as stub:
            result = self.run_pipeline(self.source(endpoint=stub.endpoint),
                                       json.dumps({"plugin": "file", "path": "-"}))
        self.assertEqual(result.rc, 2, result.describe())
        self.assertIn("AWS refused the credentials", result.stderr)
        self.assertIn("The security token included in the request is invalid.", result.stderr)
        self.assertNotIn("DeleteMessageBatch", stub.actions)
        self.assertEqual(self.messages_left(), 5)

    def test_an_unreachable_endpoint_fails_with_a_runtime_error_that_names_it(self):
        self.sqs.send_messages(self.queue_url, [login(i) for i in range(5)])
        nowhere = f"http://127.0.0.1:{free_port()}"
        result = self.run_pipeline(self.source(endpoint=nowhere, max_retries=1),
                                   json.dumps({"plugin": "file", "path": "-"}))
        self.assertEqual(result.rc, 1, result.describe())
        self.assertIn(f"cannot reach the SQS endpoint {nowhere}/", result.stderr)
        self.assertEqual(self.messages_left(), 5)

    # -- more helpers --------------------------------------------------------

    @staticmethod
    def lines(path):
        return path.read_text().split() if path.exists() else []

    def sqs_messages_after_visibility(self):
        """What is left, once its visibility timeout let it back."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            waiting, in_flight = self.sqs.count(self.queue_url)
            if in_flight == 0 and waiting:
                return self.sqs.receive_all(self.queue_url)
            time.sleep(0.5)
        self.fail("the messages left in the queue never became visible again")


if __name__ == "__main__":
    unittest.main(verbosity=2)
